"""Open311 GeoReport v2 endpoints at /open311/v2/ (JSON and XML), and the back-office page for API keys."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
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
from ..services.models import Service
from .formats import error, request_dict, respond, service_definition_dict, service_dict
from .models import ApiKey
from .services import apikey_issue, apikey_lookup, apikey_revoke, submission_target

ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")
MAX_RESULTS = 1000


def _jurisdiction(request, fmt: str, key: ApiKey | None = None) -> Agency | None:
    """The agency asked for: jurisdiction_id (DLA code or id), else the key's, else the only one with services."""
    jid = (request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or "").strip()
    if jid:
        query = Q(dla_code=jid) | (Q(pk=int(jid)) if jid.isdigit() else Q(pk__in=[]))
        return Agency.objects.filter(query, is_public=True).first()
    if key is not None:
        return key.agency
    ids = list(Service.objects.filter(is_active=True).values_list("agency_id", flat=True).distinct()[:2])
    return Agency.objects.filter(pk=ids[0]).first() if len(ids) == 1 else None


@require_GET
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
def service_list(request, fmt: str):
    agency = _jurisdiction(request, fmt)
    if agency is None:
        return error(fmt, 400, "ระบุ jurisdiction_id (jurisdiction_id is required)")
    rows = Service.objects.filter(agency=agency, is_active=True)
    return respond(fmt, "services", [service_dict(s) for s in rows])


@require_GET
def service_definition(request, code: str, fmt: str):
    agency = _jurisdiction(request, fmt)
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
def requests_endpoint(request, fmt: str):
    if request.method == "POST":
        return _request_create(request, fmt)
    agency = _jurisdiction(request, fmt)
    if agency is None:
        return error(fmt, 400, "ระบุ jurisdiction_id (jurisdiction_id is required)")
    rows = _request_rows(agency)
    ids = [i.strip() for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        rows = rows.filter(tracking_no__in=ids[:MAX_RESULTS])
    else:
        now = timezone.now()
        try:
            end = _date_param(request, "end_date") or now
            start = _date_param(request, "start_date") or end - dt.timedelta(days=90)
        except ValueError as exc:
            return error(fmt, 400, str(exc))
        if end - start > dt.timedelta(days=90) or end < start:
            return error(fmt, 400, "ช่วงวันที่ต้องไม่เกิน 90 วัน (the date window is at most 90 days)")
        rows = rows.filter(created_at__gte=start, created_at__lte=end)
        codes = [c for c in request.GET.get("service_code", "").split(",") if c]
        if codes:
            rows = rows.filter(service__code__in=codes)
        wanted = [s for s in request.GET.get("status", "").split(",") if s]
        if wanted:
            if set(wanted) - {"open", "closed"}:
                return error(fmt, 400, "status ต้องเป็น open หรือ closed")
            rows = rows.filter(status__in=[c for c, s in statuses().items() if s["open311"] in wanted])
    return respond(
        fmt, "service_requests", [request_dict(c) for c in rows.order_by("-created_at")[:MAX_RESULTS]]
    )


def _date_param(request, name: str):
    raw = request.GET.get(name)
    if not raw:
        return None
    value = parse_datetime(raw.replace(" ", "+"))
    if value is None:
        raise ValueError(f"{name} ต้องเป็นวันเวลา ISO 8601 ({name} must be ISO 8601)")
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _request_create(request, fmt: str):
    target = submission_target(
        plain=request.POST.get("api_key") or request.GET.get("api_key") or "",
        jurisdiction=(
            request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or ""
        ).strip(),
        code=request.POST.get("service_code", ""),
    )
    if target.key is None:
        return error(fmt, 403, "api_key ไม่ถูกต้องหรือถูกยกเลิก (invalid api_key)")
    if target.agency is None:
        return error(fmt, 403, "api_key นี้ใช้กับหน่วยงานนี้ไม่ได้ (api_key not valid for this jurisdiction)")
    key, agency, service = target.key, target.agency, target.service
    if service is None:
        code = request.POST.get("service_code", "")
        return error(fmt, 404, f"ไม่พบบริการ {code} (service_code not found)")
    attributes: dict = {}
    for name in request.POST:
        match = ATTRIBUTE.match(name)
        if match:
            attributes[match.group(1)] = (
                request.POST.getlist(name) if match.group(2) else request.POST.get(name)
            )
    post = request.POST
    name = " ".join(x for x in [post.get("first_name", ""), post.get("last_name", "")] if x).strip()
    try:
        case, _created = case_submit(
            agency=agency,
            kind="request",
            service=service,
            description=post.get("description", ""),
            attributes=attributes,
            name=name,
            email=post.get("email", "")[:254],
            phone=post.get("phone", ""),
            lat=post.get("lat") or None,
            long=post.get("long") or None,
            address=post.get("address_string", "") or post.get("address_id", ""),
            channel="open311",
            ip=client_ip(request),
            api_key=key,
            idempotency_key=request.headers.get("Idempotency-Key", "")[:100],
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
            "account_id": None,
        }
    ]
    return respond(fmt, "service_requests", data)


@require_GET
def request_detail(request, request_id: str, fmt: str):
    agency = _jurisdiction(request, fmt)
    case = _request_rows(agency).filter(tracking_no=request_id).first() if agency else None
    if case is None:
        return error(fmt, 404, "ไม่พบคำขอ (service_request_id not found)")
    return respond(fmt, "service_requests", [request_dict(case)])


@require_GET
def token_detail(request, token: str, fmt: str):
    """Tokens are the Idempotency-Keys a client sent: a client that lost the answer to a POST can ask for the id."""
    key = apikey_lookup(plain=request.GET.get("api_key") or "")
    if key is None:
        return error(fmt, 403, "api_key ไม่ถูกต้อง (invalid api_key)")
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
