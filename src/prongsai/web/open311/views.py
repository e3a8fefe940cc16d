"""Open311 GeoReport v2 endpoints at /open311/v2/ (JSON and XML), and the back-office page for API keys."""

from __future__ import annotations

import datetime as dt
import functools
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import Error as DatabaseFailure
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..agencies.models import Agency
from ..agencies.selectors import agency_get_visible, user_actions
from ..audit.services import client_ip
from ..cases.models import Case
from ..cases.rules import statuses
from ..cases.services import CaseInvalid, RateLimited, case_submit
from ..outage import database_down, outage_answered, outage_description
from ..services.models import Service
from .formats import error, request_dict, respond, service_definition_dict, service_dict
from .models import ApiKey
from .services import apikey_issue, apikey_lookup, apikey_revoke, submission_target

ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")
LINE_USER_ID = re.compile(r"^U[0-9a-f]{32}$")  # what a LINE OA bot knows of its user (Messaging API)
MAX_RESULTS = 1000


def georeport(view):
    """Every GeoReport endpoint: while the database is unreachable, a 503 GeoReport error in the format asked
    for, with Retry-After, instead of Django's HTML 500 page (clients retry; a POST with the same
    Idempotency-Key then stores one request)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DatabaseFailure as exc:
            if not database_down(exc):
                raise
            return outage_answered(request, exc, error(kwargs["fmt"], 503, outage_description()))

    return wrapped


def _clean(value: str) -> str:
    # PostgreSQL refuses NUL in any text parameter (a server error); no real value contains one.
    return value.replace("\x00", "")


def _param(request, name: str) -> str:
    """A parameter from the form body or, as the GeoReport v2 Swagger document describes and many clients do,
    the query string (the body wins)."""
    return _clean(request.POST.get(name) or request.GET.get(name) or "")


def _jurisdiction(request, fmt: str, key: ApiKey | None = None) -> Agency | None:
    """The agency asked for: jurisdiction_id (DLA code or id), else the key's, else the only one with services."""
    jid = _param(request, "jurisdiction_id").strip()
    if jid:
        query = Q(dla_code=jid) | (Q(pk=int(jid)) if jid.isdigit() and len(jid) < 10 else Q(pk__in=[]))
        return Agency.objects.filter(query, is_public=True).first()
    if key is not None:
        return key.agency
    # order_by(): without it the model's ordering joins the DISTINCT and one agency comes back once per service
    ids = list(
        Service.objects.filter(is_active=True, agency__is_public=True)
        .order_by()
        .values_list("agency_id", flat=True)
        .distinct()[:2]
    )
    return Agency.objects.filter(pk=ids[0]).first() if len(ids) == 1 else None


@require_GET
@georeport
def discovery(request, fmt: str):
    base = request.build_absolute_uri("/open311/v2/")
    data = {
        "changeset": "2026-01-01T00:00:00+07:00",
        "contact": "ติดต่อหน่วยงานผ่านหน้า ติดต่อ/ร้องเรียน ของหน่วยงาน",
        "key_service": "ขอกุญแจ API จากผู้ดูแลระบบของหน่วยงาน (หน้า Open311 ในระบบหลังบ้าน)",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base,
                "changeset": "2026-01-01T00:00:00+07:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", data)


@require_GET
@georeport
def service_list(request, fmt: str):
    agency = _jurisdiction(request, fmt)
    if agency is None:
        return error(fmt, 400, "ระบุ jurisdiction_id (jurisdiction_id is required)")
    rows = Service.objects.filter(agency=agency, is_active=True)
    return respond(fmt, "services", [service_dict(s) for s in rows])


@require_GET
@georeport
def service_definition(request, code: str, fmt: str):
    agency = _jurisdiction(request, fmt)
    code = _clean(code)
    service = Service.objects.filter(agency=agency, code=code, is_active=True).first() if agency else None
    if service is None:
        return error(fmt, 404, f"ไม่พบบริการ {code} (service_code not found)")
    return respond(fmt, "service_definition", service_definition_dict(service))


def _request_rows(agency: Agency):
    return Case.objects.filter(agency=agency, confidential=False, service__isnull=False).select_related(
        "service", "division", "agency"
    )


@csrf_exempt  # API-key authenticated, no cookies: CSRF does not apply
@require_http_methods(["GET", "POST"])
@georeport
def requests_endpoint(request, fmt: str):
    if request.method == "POST":
        return _request_create(request, fmt)
    agency = _jurisdiction(request, fmt)
    if agency is None:
        return error(fmt, 400, "ระบุ jurisdiction_id (jurisdiction_id is required)")
    rows = _request_rows(agency)
    ids = [i.strip() for i in _param(request, "service_request_id").split(",") if i.strip()]
    if ids:
        rows = rows.filter(tracking_no__in=ids[:MAX_RESULTS])
    else:
        now = timezone.now()
        try:
            end = _date_param(request, "end_date") or now
            start = _date_param(request, "start_date") or end - dt.timedelta(days=90)
        except (ValueError, OverflowError):  # not a date, or 90 days before the first representable one
            return error(fmt, 400, "start_date/end_date ต้องเป็นวันเวลา ISO 8601 (must be ISO 8601 date-times)")
        if end - start > dt.timedelta(days=90) or end < start:
            return error(fmt, 400, "ช่วงวันที่ต้องไม่เกิน 90 วัน (the date window is at most 90 days)")
        rows = rows.filter(created_at__gte=start, created_at__lte=end)
        codes = [c for c in _param(request, "service_code").split(",") if c]
        if codes:
            rows = rows.filter(service__code__in=codes)
        wanted = [s for s in _param(request, "status").split(",") if s]
        if wanted:
            if set(wanted) - {"open", "closed"}:
                return error(fmt, 400, "status ต้องเป็น open หรือ closed")
            rows = rows.filter(status__in=[c for c, s in statuses().items() if s["open311"] in wanted])
    return respond(
        fmt, "service_requests", [request_dict(c) for c in rows.order_by("-created_at")[:MAX_RESULTS]]
    )


def _date_param(request, name: str):
    raw = _param(request, name)
    if not raw:
        return None
    value = parse_datetime(raw.replace(" ", "+"))
    if value is None:
        raise ValueError(f"{name} ต้องเป็นวันเวลา ISO 8601 ({name} must be ISO 8601)")
    value = value if timezone.is_aware(value) else timezone.make_aware(value)
    return value.astimezone(dt.UTC)  # OverflowError at the ends of the calendar, before the database sees it


def _request_create(request, fmt: str):
    code = _param(request, "service_code")
    target = submission_target(
        plain=_param(request, "api_key"), jurisdiction=_param(request, "jurisdiction_id").strip(), code=code
    )
    if target.key is None:
        return error(fmt, 403, "api_key ไม่ถูกต้องหรือถูกยกเลิก (invalid api_key)")
    if target.agency is None:
        return error(fmt, 403, "api_key นี้ใช้กับหน่วยงานนี้ไม่ได้ (api_key not valid for this jurisdiction)")
    key, agency, service = target.key, target.agency, target.service
    if service is None:
        return error(fmt, 404, f"ไม่พบบริการ {code} (service_code not found)")
    attributes: dict = {}
    for source in (request.GET, request.POST):  # the body wins, as for every other field
        for name in source:
            match = ATTRIBUTE.match(name)
            if match:
                values = [_clean(v) for v in source.getlist(name)]
                attributes[_clean(match.group(1))] = values if match.group(2) else values[-1]
    first, last = _param(request, "first_name"), _param(request, "last_name")
    device = _param(request, "device_id")
    try:
        case, _created = case_submit(
            agency=agency,
            kind="request",
            service=service,
            description=_param(request, "description"),
            attributes=attributes,
            name=" ".join(x for x in [first, last] if x).strip(),
            email=_param(request, "email").strip(),
            phone=_param(request, "phone"),
            # A LINE OA bot sends its user's LINE id as the device: notices then go back by LINE.
            line_id=device if LINE_USER_ID.match(device) else "",
            lat=_param(request, "lat") or None,
            long=_param(request, "long") or None,
            address=_param(request, "address_string") or _param(request, "address_id"),
            channel="open311",
            ip=client_ip(request),
            api_key=key,
            idempotency_key=_clean(request.headers.get("Idempotency-Key", ""))[:100],
            description_optional=True,
            base_url=request.build_absolute_uri("/")[:-1],
        )
    except CaseInvalid as invalid:
        return error(fmt, 400, "; ".join(f"{k}: {v}" for k, v in invalid.errors.items()))
    except RateLimited:
        return error(fmt, 429, "ส่งคำขอถี่เกินไป (rate limit exceeded)")
    data = [
        {
            "service_request_id": case.tracking_no,
            "service_notice": f"ตอบครั้งแรกภายใน {case.answer_days} วันทำการ",
            # no account_id: the standard's accounts are not kept (omitted, as a null would break clients)
        }
    ]
    return respond(fmt, "service_requests", data)


@require_GET
@georeport
def request_detail(request, request_id: str, fmt: str):
    agency = _jurisdiction(request, fmt)
    case = _request_rows(agency).filter(tracking_no=_clean(request_id)).first() if agency else None
    if case is None:
        return error(fmt, 404, "ไม่พบคำขอ (service_request_id not found)")
    return respond(fmt, "service_requests", [request_dict(case)])


@require_GET
@georeport
def token_detail(request, token: str, fmt: str):
    """Tokens are the Idempotency-Keys a client sent: a client that lost the answer to a POST can ask for the id."""
    key = apikey_lookup(plain=_param(request, "api_key"))
    if key is None:
        return error(fmt, 403, "api_key ไม่ถูกต้อง (invalid api_key)")
    token = _clean(token)
    case = Case.objects.filter(api_key=key, idempotency_key=token).first() if token else None
    if case is None:
        return error(fmt, 404, "ไม่พบ token (token not found)")
    return respond(fmt, "service_requests", [{"service_request_id": case.tracking_no, "token": token}])


# --- back office: API keys -------------------------------------------------------------------------------


def _key_agency(request, agency_id: int) -> Agency:
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    if "manage_staff" not in user_actions(user=request.user, agency=agency):
        raise PermissionDenied("เฉพาะผู้ดูแลระบบของหน่วยงาน")
    return agency


@login_required
def keys_page(request, agency_id: int):
    agency = _key_agency(request, agency_id)
    plain = None
    if request.method == "POST":
        _row, plain = apikey_issue(
            agency=agency, name=request.POST.get("name", ""), actor=request.user, request=request
        )
        messages.success(request, "ออกกุญแจแล้ว: คัดลอกเก็บไว้ตอนนี้ ระบบจะไม่แสดงอีก")
    return render(
        request,
        "open311/keys.html",
        {
            "agency": agency,
            "keys": ApiKey.objects.filter(agency=agency),
            "plain": plain,
            "endpoint": request.build_absolute_uri("/open311/v2/"),
        },
    )


@login_required
@require_POST
def key_revoke(request, agency_id: int, pk: int):
    agency = _key_agency(request, agency_id)
    apikey_revoke(key=get_object_or_404(ApiKey, agency=agency, pk=pk), actor=request.user, request=request)
    return redirect("open311:keys", agency_id=agency.pk)
