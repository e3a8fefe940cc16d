"""Pages for ITA results: enter or edit a year's scores, import a file, list years and versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from prongsai.ita.framework import get_framework
from prongsai.ita.whatif import project, units_of

from ..agencies.selectors import agency_get_visible, user_actions
from ..files.serve import attach
from .forms import ImportForm, ResultForm
from .import_template import CONTENT_TYPES, template_file
from .selectors import (
    framework_years,
    result_engine,
    result_get_current,
    result_list_current,
    result_versions,
)
from .services import ImportFailed, result_errors, result_save, results_import
from .whatif_form import WhatIfForm


def _editable_agency(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    if "edit_results" not in user_actions(user=request.user, agency=agency):
        raise PermissionDenied("บทบาทนี้ดูได้อย่างเดียว")
    return agency


def _form_year(request, years: list[int], default: int) -> int:
    raw = request.POST.get("fiscal_year") or request.GET.get("year") or default
    try:
        year = int(raw)
    except (TypeError, ValueError):
        return default
    return year if year in years else default


@login_required
def result_edit(request, agency_id: int, fiscal_year: int | None = None):
    agency = _editable_agency(request, agency_id)
    years = framework_years()
    current = result_get_current(agency=agency, fiscal_year=fiscal_year) if fiscal_year else None
    year = fiscal_year or _form_year(request, years, years[0])
    initial = {"fiscal_year": year, "mode": "indicators"}
    if current is not None:
        initial["mode"] = "indicators" if current.indicators else "tools"
        initial.update({f"i{k}": v for k, v in (current.indicators or {}).items()})
        initial.update({k.lower(): v for k, v in (current.tools_given or {}).items()})
    form = ResultForm(request.POST or None, initial=initial, years=years, year=year)
    if current is not None:
        form.fields["fiscal_year"].disabled = True  # editing keeps the year of the URL
    if request.method == "POST" and form.is_valid():
        year = fiscal_year or form.cleaned_data["fiscal_year"]
        indicators, tools = form.scores()
        errors = result_errors(agency=agency, fiscal_year=year, indicators=indicators, tools=tools)
        for field, message in errors.items():
            form.add_error(None if field == "__all__" or field not in form.fields else field, message)
        if not errors:
            row = result_save(
                agency=agency,
                fiscal_year=year,
                indicators=indicators,
                tools=tools,
                actor=request.user,
                request=request,
            )
            messages.success(request, f"บันทึกผลปีงบประมาณ {year} แล้ว: {row.total} {row.level}")
            return redirect(reverse("dashboards:agency", args=[agency.pk]) + f"?year={year}")
    return render(
        request,
        "assessments/result_form.html",
        {"agency": agency, "form": form, "editing": current, "year": year},
    )


@login_required
def result_import(request, agency_id: int):
    agency = _editable_agency(request, agency_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = results_import(
                agency=agency,
                filename=upload.name,
                content=upload.read(),
                actor=request.user,
                request=request,
            )
        except ImportFailed as failed:
            errors = failed.errors
        else:
            years = ", ".join(str(r.fiscal_year) for r in rows)
            messages.success(request, f"นำเข้า {len(rows)} ปีงบประมาณ ({years}) จาก {upload.name} แล้ว")
            return redirect("assessments:list", agency_id=agency.pk)
    years = framework_years()
    return render(
        request,
        "assessments/result_import.html",
        {
            "agency": agency,
            "form": form,
            "errors": errors,
            "year": years[0],
            "indicator_count": len(get_framework(years[0]).indicators),
        },
    )


@login_required
def result_import_template(request, agency_id: int, fmt: str):
    """A file to fill in: the agency's row under Thai headers, for the newest (or ?year=) fiscal year."""
    agency = _editable_agency(request, agency_id)
    if fmt not in CONTENT_TYPES:
        raise Http404("ไม่มีแม่แบบชนิดนี้")
    years = framework_years()
    year = _form_year(request, years, years[0])
    response = HttpResponse(
        template_file(agency=agency, fiscal_year=year, fmt=fmt), content_type=CONTENT_TYPES[fmt]
    )
    attach(response, f"ita-results-template-{year}.{fmt}")
    return response


@login_required
def result_list(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    rows = list(result_list_current(agency=agency))
    return render(
        request,
        "assessments/result_list.html",
        {"agency": agency, "results": rows, "actions": user_actions(user=request.user, agency=agency)},
    )


@login_required
def result_history(request, agency_id: int, fiscal_year: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    versions = list(result_versions(agency=agency, fiscal_year=fiscal_year).select_related("created_by"))
    if not versions:
        result_get_current(agency=agency, fiscal_year=fiscal_year)  # raises the 404
    return render(
        request,
        "assessments/result_versions.html",
        {"agency": agency, "fiscal_year": fiscal_year, "versions": versions},
    )


@login_required
def result_whatif(request, agency_id: int, fiscal_year: int):
    """Typed target scores → the total, the tools and the level that would follow, with the level's reason
    (the engine's rules of the year). A GET form: the link can be shared and the page works without
    JavaScript."""

    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    result = result_engine(row=result_get_current(agency=agency, fiscal_year=fiscal_year))
    names = {i.number: i.name_th for i in result.framework.indicators}
    units = [
        (u.key, f"ตัวชี้วัดที่ {u.key} {names[u.key]} ({u.tool})" if isinstance(u.key, int) else u.key, u.score)
        for u in units_of(result)
    ]
    asked = any(k.startswith("t") and v.strip() for k, v in request.GET.items())
    form = WhatIfForm(request.GET if asked else None, units=units)
    projection = project(result, form.targets()) if asked and form.is_valid() else None
    return render(
        request,
        "assessments/result_whatif.html",
        {"agency": agency, "result": result, "form": form, "projection": projection, "asked": asked},
    )
