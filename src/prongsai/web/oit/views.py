"""OIT pages: the public "ITA <year>" page, the agency's staff page (links and explanations per item, the
ITAS sheet) and the supervisor's table of who is ready."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ...ita.framework import CONFIDENCE_TH
from ...thai import fiscal_year_of
from ..agencies.selectors import agency_get_visible, agency_list_visible, user_can
from ..cases.rules import rules as case_rules
from ..plans.selectors import public_agency_get
from . import export
from .features import complaint_rules
from .selectors import readiness_get, readiness_table
from .services import answer_save

SORTS = ("name", "ready", "missing", "share")


def current_year(request, to: str, agency_id: int | None = None):
    """The page of the fiscal year we are in (1 October – 30 September)."""
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
    return render(
        request,
        "oit/public.html",
        _context(readiness, thai_digits=request.GET.get("digits") == "thai"),
    )


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
        ),
        status=400 if error_messages else 200,
    )


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
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def supervisor_page(request, fiscal_year: int):
    """Every agency the user may see (a supervisor's agencies), with items covered and missing."""
    sort = request.GET.get("sort", "name")
    sort = sort if sort in SORTS else "name"
    table = readiness_table(
        agencies=agency_list_visible(user=request.user), fiscal_year=fiscal_year, sort=sort
    )
    return render(
        request,
        "oit/supervisor.html",
        {
            "year": fiscal_year,
            "table": table,
            "sort": sort,
            "ready_count": sum(1 for r in table if r.missing == 0),
        },
    )
