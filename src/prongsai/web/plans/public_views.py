"""Public pages of plans (no login): published measures, their activities and progress, published
reports and participation results. Drafts and personal data never appear here."""

from __future__ import annotations

from django.shortcuts import render

from ..participation.selectors import outcome_list_public
from .selectors import (
    measure_get_public,
    measure_list_public,
    measure_views,
    measure_years,
    public_agency_get,
    report_get_public,
    report_list,
)
from .views import _year, export_response, report_file_response


def public_plans(request, agency_id: int):
    agency = public_agency_get(agency_id=agency_id)
    years = measure_years(agency=agency, public=True)
    year = _year(request, years)
    views = (
        measure_views(measures=measure_list_public(agency=agency, fiscal_year=year), public=True)
        if year
        else []
    )
    return render(
        request,
        "plans/public_plans.html",
        {
            "agency": agency,
            "years": years,
            "year": year,
            "views": views,
            "reports": report_list(agency=agency, public=True)[:10],
            "outcomes": outcome_list_public(agency=agency)[:10],
        },
    )


def public_measure(request, agency_id: int, measure_id: int):
    agency = public_agency_get(agency_id=agency_id)
    measure = measure_get_public(agency=agency, measure_id=measure_id)
    [view] = measure_views(measures=measure_list_public(agency=agency).filter(pk=measure.pk), public=True)
    return render(
        request,
        "plans/public_measure.html",
        {
            "agency": agency,
            "measure": measure,
            "view": view,
            "outcomes": outcome_list_public(agency=agency).filter(adopted_measure=measure),
        },
    )


def public_report(request, agency_id: int, report_id: int, fmt: str):
    agency = public_agency_get(agency_id=agency_id)
    return report_file_response(report_get_public(agency=agency, report_id=report_id), fmt)


def public_export(request, agency_id: int, fmt: str):
    agency = public_agency_get(agency_id=agency_id)
    years = measure_years(agency=agency, public=True)
    year = _year(request, years)
    views = measure_views(measures=measure_list_public(agency=agency, fiscal_year=year), public=True)
    return export_response(
        views,
        fmt,
        f"measures-{year or 'all'}-{agency.dla_code or agency.pk}",
        request.GET.get("table"),
    )
