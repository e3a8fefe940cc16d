"""Reads for the dashboards: the agency page (engine result, analysis, charts) and the comparison."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from prongsai.ita.analysis import Analysis, analyse
from prongsai.ita.framework import get_framework

from ..agencies.models import Agency
from ..agencies.selectors import agency_list_public, agency_list_visible, queryset_scope
from ..assessments.models import ItaResult
from ..assessments.selectors import result_engine, result_history_points, result_list_current
from .charts import hbar_chart, histogram, line_chart


def _with_latest(qs: QuerySet[Agency]) -> QuerySet[Agency]:
    latest = ItaResult.objects.filter(agency=OuterRef("pk"), superseded_at__isnull=True).order_by(
        "-fiscal_year"
    )
    return qs.annotate(
        latest_year=Subquery(latest.values("fiscal_year")[:1]),
        latest_total=Subquery(latest.values("total")[:1]),
        latest_level=Subquery(latest.values("level")[:1]),
    )


def agency_list_public_with_latest() -> QuerySet[Agency]:
    return _with_latest(agency_list_public()).order_by("province", "name")


def agency_list_mine_with_latest(*, user) -> QuerySet[Agency]:
    return _with_latest(agency_list_visible(user=user)).order_by("province", "name")


def agency_dashboard(*, agency: Agency, year: int | None = None) -> dict:
    """Everything the agency page shows for one fiscal year (the latest when not given)."""
    rows = list(result_list_current(agency=agency))
    if not rows:
        return {"row": None, "years": []}
    row = next((r for r in rows if r.fiscal_year == year), rows[0])
    result = result_engine(row=row)
    fw = result.framework
    history = result_history_points(agency=agency, until=row.fiscal_year)
    extra = row.extra or {}
    analysis: Analysis = analyse(
        result,
        history,
        overrides=extra.get("analysis") or None,
        focus=(extra.get("focus") or {}).get("indicators") or None,
    )
    marks = [(fw.pass_mark, "mark"), (fw.excellent, "mark-ok")]
    tool_chart = hbar_chart(
        [
            (f"{t.code}", result.rounded(t.score), "bar" if t.score >= fw.pass_mark else "bar fail")
            for t in result.tools
        ],
        marks=marks,
        label_width=44,
        width=400,
        row=30,
    )
    indicator_chart = (
        hbar_chart(
            [
                (f"{i.number}. {i.name_th}", result.rounded(i.score), "bar" if i.passed else "bar fail")
                for i in result.indicators
            ],
            marks=marks,
            width=620,
        )
        if result.indicators
        else None
    )
    trend = line_chart([(h.fiscal_year, h.total) for h in history], marks=marks) if len(history) > 1 else None
    return {
        "row": row,
        "years": [r.fiscal_year for r in rows],
        "result": result,
        "framework": fw,
        "analysis": analysis,
        "history": history,
        "tool_chart": tool_chart,
        "indicator_chart": indicator_chart,
        "trend": trend,
        "measures": extra.get("measures", []),
    }


SORTS = {
    "name": "agency__name",
    "province": "agency__province",
    "type": "agency__type",
    "total": "total",
    "iit": "iit",
    "eit": "eit",
    "oit": "oit",
    "level": "level",
}


def comparison(
    *,
    user,
    fiscal_year: int | None,
    type: str = "",
    province: str = "",
    level: str = "",
    below: bool = False,
    sort: str = "total",
    descending: bool = False,
) -> dict:
    """Agencies side by side for one fiscal year, filtered and sorted, with the distribution of results."""
    base = queryset_scope(user=user, queryset=ItaResult.objects.filter(superseded_at__isnull=True))
    years = sorted(set(base.values_list("fiscal_year", flat=True).distinct()), reverse=True)
    if not years:
        return {"years": [], "rows": [], "fiscal_year": None}
    fiscal_year = fiscal_year if fiscal_year in years else years[0]
    fw = get_framework(fiscal_year)
    year_qs = base.filter(fiscal_year=fiscal_year)
    choices = {
        "types": sorted(set(year_qs.values_list("agency__type", flat=True))),
        "provinces": sorted(set(year_qs.values_list("agency__province", flat=True))),
        "levels": [r.label for r in fw.levels.rules],
    }
    qs = year_qs
    if type:
        qs = qs.filter(agency__type=type)
    if province:
        qs = qs.filter(agency__province=province)
    if level:
        qs = qs.filter(level=level)
    failing = (
        Q(iit__lt=fw.pass_mark)
        | Q(eit__lt=fw.pass_mark)
        | Q(oit__lt=fw.pass_mark)
        | Q(total__lt=fw.pass_mark)
    )
    if below:
        qs = qs.filter(failing)
    order = SORTS.get(sort, "total")
    qs = qs.select_related("agency").order_by(("-" if descending else "") + order, "agency__name")
    rows = []
    for r in qs:
        tools_below = [
            code for code, v in (("IIT", r.iit), ("EIT", r.eit), ("OIT", r.oit)) if v < fw.pass_mark
        ]
        rows.append(
            {"row": r, "tools_below": tools_below, "below": r.total < fw.pass_mark or bool(tools_below)}
        )
    totals = [r["row"].total for r in rows]
    level_counts = dict(qs.order_by().values_list("level").annotate(n=Count("id")))
    return {
        "years": years,
        "fiscal_year": fiscal_year,
        "framework": fw,
        "rows": rows,
        "choices": choices,
        "levels": [(lvl, level_counts.get(lvl, 0)) for lvl in choices["levels"]],
        "below_count": sum(1 for r in rows if r["below"]),
        "histogram": histogram(
            totals, edges=sorted({0, 50, 60, 70, 80, 90, 100, int(fw.pass_mark), int(fw.excellent)})
        ),
        "median": sorted(totals)[len(totals) // 2] if totals else None,
        "mean": (sum(totals, Decimal(0)) / len(totals)).quantize(Decimal("0.01")) if totals else None,
    }
