"""OIT pages: the public "ITA <year>" page, the agency's staff page (links and explanations per item, the
ITAS sheet) and the supervisor's table of who is ready."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ...ita.framework import CONFIDENCE_TH
from ...thai import fiscal_year_of
from ..agencies.selectors import agency_get_visible, agency_list_visible, division_choices, user_can
from ..cases.rules import rules as case_rules
from ..files.serve import attach
from ..plans.selectors import public_agency_get
from . import export
from .features import complaint_rules
from .selectors import evidence_get, readiness_get, readiness_table
from .services import answer_save, evidence_add, evidence_remove

SORTS = ("name", "ready", "missing", "share")


def current_year(request, to: str, agency_id: int | None = None):
    """The page of the fiscal year we are in (1 October – 30 September); 404 where that page would be."""
    if to == "oit:staff":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        agency_get_visible(user=request.user, agency_id=agency_id)
    elif agency_id is not None:
        public_agency_get(agency_id=agency_id)
    year = fiscal_year_of(timezone.localdate())
    return redirect(to, *([agency_id] if agency_id is not None else []), year)


def _readiness(agency, fiscal_year: int):
    readiness = readiness_get(agency=agency, fiscal_year=fiscal_year)
    if readiness is None:
        raise Http404(f"ยังไม่มีรายการข้อ OIT ของปี {fiscal_year} หรือปีก่อนหน้า")
    return readiness


def _context(readiness, **extra) -> dict:
    items = readiness.items
    return {
        "agency": readiness.agency,
        "readiness": readiness,
        "year": items.fiscal_year,
        "items": items,
        "confidence_th": CONFIDENCE_TH[items.confidence],
        **extra,
    }


def public_page(request, agency_id: int, fiscal_year: int):
    """Public: every item in the year's order with มี/ไม่มี and its links; no drafts, no staff names."""
    agency = public_agency_get(agency_id=agency_id)
    readiness = _readiness(agency, fiscal_year)
    thai = request.GET.get("digits") == "thai"
    response = render(request, "oit/public.html", _context(readiness, thai_digits=thai))
    # Thai digits on request (a page to print) win over the site's digit style (web/digits.py).
    response.digits_as_written = thai
    return response


def complaint_rules_page(request, agency_id: int):
    """Public: how the agency handles complaints (the rules Prongsai applies), for the complaint-rules item."""
    agency = public_agency_get(agency_id=agency_id)
    return render(
        request,
        "oit/complaint_rules.html",
        {
            "agency": agency,
            "rules": complaint_rules(),
            "default_days": case_rules()["deadline"]["default_answer_days"],
        },
    )


@login_required
def staff_page(request, agency_id: int, fiscal_year: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    can_edit = user_can(user=request.user, agency=agency, action="edit_plans")
    error_code, error_messages = "", []
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("ไม่มีสิทธิ์แก้ไขลิงก์และคำอธิบายข้อ OIT")
        code = request.POST.get("code", "")
        try:
            if request.POST.get("action") == "evidence":
                _evidence_add(request, agency, fiscal_year, code)
            else:
                answer_save(
                    agency=agency,
                    fiscal_year=fiscal_year,
                    code=code,
                    url=request.POST.get("url", ""),
                    explanation=request.POST.get("explanation", ""),
                    actor=request.user,
                    request=request,
                )
        except ValidationError as exc:
            error_code = code
            error_messages = [m for ms in exc.message_dict.values() for m in ms]
        else:
            messages.success(request, f"บันทึกข้อ {code} แล้ว")
            return redirect(reverse("oit:staff", args=[agency.pk, fiscal_year]) + f"#item-{code}")
    readiness = _readiness(agency, fiscal_year)
    return render(
        request,
        "oit/staff.html",
        _context(
            readiness,
            can_edit=can_edit,
            error_code=error_code,
            error_messages=error_messages,
            posted=request.POST,
            divisions=division_choices(agency=agency),
        ),
        status=400 if error_messages else 200,
    )


def _evidence_add(request, agency, fiscal_year: int, code: str) -> None:
    try:
        published_on = dt.date.fromisoformat(request.POST.get("published_on", ""))
    except ValueError:
        published_on = None
    division = request.POST.get("division", "")
    evidence_add(
        agency=agency,
        fiscal_year=fiscal_year,
        code=code,
        title=request.POST.get("title", ""),
        published_on=published_on,
        division_id=int(division) if division.isdigit() else None,
        upload=request.FILES.get("file"),
        link=request.POST.get("link", ""),
        actor=request.user,
        request=request,
    )


@login_required
@require_POST
def evidence_delete(request, agency_id: int, fiscal_year: int, evidence_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    row = evidence_get(agency=agency, fiscal_year=fiscal_year, evidence_id=evidence_id)
    if not user_can(user=request.user, agency=agency, action="edit_plans"):
        raise PermissionDenied("ไม่มีสิทธิ์ลบหลักฐาน")
    code = row.code
    evidence_remove(evidence=row, actor=request.user, request=request)
    messages.success(request, f"ลบหลักฐานข้อ {code} แล้ว")
    return redirect(reverse("oit:staff", args=[agency.pk, fiscal_year]) + f"#item-{code}")


def evidence_public(request, agency_id: int, fiscal_year: int, evidence_id: int):
    """An uploaded file of a public agency's ITA page (OIT evidence is published by nature)."""
    agency = public_agency_get(agency_id=agency_id)
    row = evidence_get(agency=agency, fiscal_year=fiscal_year, evidence_id=evidence_id)
    if not row.file:
        raise Http404("หลักฐานนี้เป็นลิงก์")
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise Http404("ไม่พบไฟล์") from None
    response = FileResponse(
        handle,
        filename=row.filename or "evidence",
        content_type=row.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def itas_export(request, agency_id: int, fiscal_year: int, fmt: str):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    readiness = _readiness(agency, fiscal_year)
    base = getattr(settings, "PRONGSAI_PUBLIC_URL", "") or request.build_absolute_uri("/").rstrip("/")
    rows = export.sheet_rows(readiness, base_url=base)
    name = f"itas-oit-{fiscal_year}-{agency.dla_code or agency.pk}"
    if fmt == "csv":
        response = HttpResponse(export.to_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            export.to_xlsx(rows, title=f"OIT {fiscal_year}"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404("ไม่มีรูปแบบนี้ (ใช้ csv หรือ xlsx)")
    attach(response, f"{name}.{fmt}")
    return response


@login_required
def supervisor_page(request, fiscal_year: int):
    """Every agency the user may see (a supervisor's agencies), with items covered and missing;
    filtered by type and province, sorted, and as CSV/XLSX (`?format=`)."""
    sort = request.GET.get("sort", "name")
    sort = sort if sort in SORTS else "name"
    agencies = agency_list_visible(user=request.user)
    filters = {k: request.GET.get(k, "").strip() for k in ("type", "province")}
    choices = {k: sorted(set(agencies.values_list(k, flat=True)) - {""}) for k in filters}
    agencies = agencies.filter(**{k: v for k, v in filters.items() if v})
    table = readiness_table(agencies=agencies, fiscal_year=fiscal_year, sort=sort)
    fmt = request.GET.get("format", "")
    if fmt in ("csv", "xlsx"):
        rows = export.supervisor_rows(table)
        headers = export.SUPERVISOR_HEADERS
        if fmt == "csv":
            response = HttpResponse(export.to_csv(rows, headers), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                export.to_xlsx(rows, title=f"OIT {fiscal_year}", headers=headers),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        attach(response, f"oit-readiness-{fiscal_year}.{fmt}")
        return response
    return render(
        request,
        "oit/supervisor.html",
        {
            "year": fiscal_year,
            "table": table,
            "sort": sort,
            "ready_count": sum(1 for r in table if r.missing == 0),
            "filters": filters,
            "choices": choices,
            "query": urlencode({k: v for k, v in filters.items() if v}),
        },
    )
