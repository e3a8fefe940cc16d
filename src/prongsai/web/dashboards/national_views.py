"""The national view's pages: the figures of a year (supervisors and superusers) and their export."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..files.serve import attach
from ..spreadsheets import CONTENT_TYPES, table_file
from .national import (
    KEEP_SECONDS,
    national_allowed,
    national_summary,
    national_years,
    province_table,
    results_state,
)


def _year(request, years: list[int]) -> int | None:
    try:
        asked = int(request.GET.get("year", ""))
    except ValueError:
        asked = None
    return asked if asked in years else (years[0] if years else None)


def _allowed(request) -> None:
    if not national_allowed(request.user):
        raise PermissionDenied("เฉพาะผู้กำกับดูแลและผู้ดูแลระบบ (supervisors only)")


@login_required
def national(request):
    _allowed(request)
    state = results_state()
    years = national_years(state)
    year = _year(request, years)
    summary = national_summary(year=year, state=state) if year else None
    province = request.GET.get("province", "")
    chosen = next((p for p in summary["provinces"] if p["province"] == province), None) if summary else None
    # The figures' HTML is the same for everyone who may see them: kept with the figures' own key.
    body = ""
    if summary:
        chosen_key = hashlib.sha256(province.encode()).hexdigest()[:16]  # Thai text: no cache-key trouble
        key = f"prongsai:national-html:{get_language()}:{year}:{chosen_key}:{state}"
        body = cache.get(key)
        if body is None:
            indicators = [
                (n, name, tool, mean, chosen["indicators"].get(n) if chosen else None)
                for n, name, tool, mean in summary["indicators"]
            ]
            body = render_to_string(
                "dashboards/_national.html",
                {"s": summary, "chosen": chosen, "indicators": indicators, "province": province},
                request,
            )
            cache.set(key, body, KEEP_SECONDS)
    return render(
        request,
        "dashboards/national.html",
        {"years": years, "year": year, "summary": summary, "body": mark_safe(body), "province": province},  # noqa: S308 (our own template)
    )


@login_required
def national_export(request, fmt: str):
    """The year's per-province table (levels, means, indicator means) as CSV or XLSX."""
    if fmt not in CONTENT_TYPES:  # no such file, for anyone
        raise Http404("ไม่มีไฟล์ชนิดนี้")
    _allowed(request)
    year = _year(request, national_years(results_state()))
    if year is None:
        raise Http404("ยังไม่มีผลการประเมิน")
    rows = province_table(national_summary(year=year))
    rows = [[float(v) if isinstance(v, Decimal) else v for v in r] for r in rows]
    response = HttpResponse(
        table_file(rows, fmt=fmt, title=f"ITA {year} รายจังหวัด"), content_type=CONTENT_TYPES[fmt]
    )
    return attach(response, f"national-{year}.{fmt}")
