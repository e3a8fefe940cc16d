"""Reads for the dashboards: the agency page (engine result, analysis, charts) and the comparison."""

from __future__ import annotations

import statistics
from decimal import Decimal
from functools import cache

from django.db import connection
from django.db.models import OuterRef, Q, QuerySet, Subquery

from prongsai.ita.analysis import Analysis, analyse
from prongsai.ita.framework import get_framework
from prongsai.ita.scoring import round_half_up

from .. import hotpath
from ..agencies.models import Agency
from ..agencies.selectors import access_sql, agency_list_public, agency_list_visible
from ..assessments.models import ItaResult
from ..assessments.selectors import (
    result_current_full,
    result_current_full_statement,
    result_engine,
    result_history_points,
)
from ..oit.selectors import readiness_get
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


def agency_list_public_with_latest(*, query: str = "", province: str = "") -> QuerySet[Agency]:
    """Public agencies with their latest result, by province and name; `query` matches part of the name
    or the DLA code, `province` the whole province."""
    qs = agency_list_public()
    if query.strip():
        q = query.strip()
        qs = qs.filter(Q(name__icontains=q) | Q(dla_code=q))
    if province:
        qs = qs.filter(province=province)
    return _with_latest(qs).order_by("province", "name")


def agency_provinces_public() -> list[str]:
    """The provinces of the public agencies (for the front page's filter)."""
    return list(agency_list_public().order_by("province").values_list("province", flat=True).distinct())


def agency_list_mine_with_latest(*, user) -> QuerySet[Agency]:
    return _with_latest(agency_list_visible(user=user)).order_by("province", "name")


def _rows_read(agency_id: int):
    # The same rows as result_list_current(agency=agency), read on every view of the page: plain SQL.
    return (
        ItaResult,
        ("id", "agency", "fiscal_year", "created_at"),
        {"order_by": ("-fiscal_year",), "agency": agency_id, "superseded_at": None},
    )


def agency_dashboard_statements(agency_id: int) -> list:
    """The reads `agency_dashboard_rows` makes, for `hotpath.prefetch`."""
    model, fields, where = _rows_read(agency_id)
    return [hotpath.select_statement(model, fields, **where)]


def agency_dashboard_rows(
    *, agency: Agency, year: int | None = None
) -> tuple[ItaResult | None, list[ItaResult]]:
    """The shown year's current result (the latest when not given) and every current result (one query).

    Only what the page and the analysis cache key need is read; `agency_dashboard` loads the rest when
    the analysis has to be computed."""
    model, fields, where = _rows_read(agency.pk)
    rows = hotpath.select(model, fields, **where)
    row = next((r for r in rows if r.fiscal_year == year), rows[0] if rows else None)
    return row, rows


def agency_dashboard_key(*, row: ItaResult, rows: list[ItaResult], language: str) -> str:
    """Cache key of the analysis fragment: the ids of the result versions it is computed from."""
    # Id and creation time of each version: unique even if a restored backup reuses ids.
    ids = "-".join(
        f"{r.pk}.{r.created_at.timestamp():.6f}"
        for r in sorted(rows, key=lambda r: r.fiscal_year)
        if r.fiscal_year <= row.fiscal_year
    )
    return f"prongsai:dashboard:{language}:{row.pk}:{ids}"


def agency_dashboard_reads(*, agency_id: int) -> list:
    """The read `agency_dashboard` makes (it needs only the agency), for `hotpath.prefetch`."""
    return [result_current_full_statement(agency_id)]


def agency_dashboard(*, agency: Agency, row: ItaResult) -> dict:
    """Everything the analysis part of the agency page shows for one stored result."""
    current = result_current_full(agency_id=agency.pk)  # the shown result and its history, every field
    shown = next((r for r in current if r.pk == row.pk), None)
    # A version saved since the page's own read (narrow) replaced this one: read it by its id.
    row = shown if shown is not None else hotpath.get_full(ItaResult, row.pk)
    row.agency = agency
    result = result_engine(row=row)
    fw = result.framework
    history = result_history_points(agency=agency, rows=current, until=row.fiscal_year)
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
        "result": result,
        "framework": fw,
        "analysis": analysis,
        "history": history,
        "tool_chart": tool_chart,
        "indicator_chart": indicator_chart,
        "trend": trend,
        "measures": extra.get("measures", []),
    }


def _level_counts(fw, counts: dict[str, int]) -> list[tuple[str, int, str]]:
    """(label, count, confidence of its rule) in the framework's order, so the page can mark the labels
    that are not checked; a stored label the year's rules no longer name is kept, marked unverified."""
    confidence = {r.label: r.rule.confidence for r in fw.levels.rules}
    return [(label, n, confidence.get(label, "unverified")) for label, n in counts.items()]


SORTS = ("name", "province", "type", "total", "iit", "eit", "oit", "level", "oit_share", "oit_missing")
_OIT_SORTS = ("oit_share", "oit_missing")  # only when the OIT readiness is shown
_FIELDS = (
    "agency_id",
    "agency__name",
    "agency__type",
    "agency__province",
    "total",
    "level",
    "iit",
    "eit",
    "oit",
)


def _with_oit(rows: list[dict], year: int, *, missing_only: bool) -> list[dict]:
    agencies = Agency.objects.in_bulk([r["agency_id"] for r in rows])
    out = []
    for r in rows:
        readiness = readiness_get(agency=agencies[r["agency_id"]], fiscal_year=year)
        if readiness is None:  # no item list for the year or before
            r.update(oit_share=Decimal(0), oit_ready=0, oit_items=0, oit_missing=0)
        else:
            r.update(
                oit_share=readiness.share.quantize(Decimal("0.01")),
                oit_ready=readiness.ready,
                oit_items=len(readiness.rows),
                oit_missing=readiness.missing,
            )
        if not missing_only or r["oit_missing"]:
            out.append(r)
    return out


@cache
def _comparison_sql(scoped: bool) -> str:
    """The year's current results with their agencies, then (UNION ALL) every fiscal year in scope as a
    row of its own (agency NULL): one statement for the table and the year choices.

    Scoped (not a superuser): the user's memberships and supervisions (`access_sql`: the same agencies
    as `agency_ids_visible`) and their current results are read once, as CTEs, for both parts; parameters
    (user, user, year). Unscoped: parameters (year)."""
    q = connection.ops.quote_name
    r, a = ItaResult._meta, Agency._meta
    col = lambda meta, name: q(meta.get_field(name).column)  # noqa: E731
    fields = ("fiscal_year", "agency", *_RESULT_FIELDS)
    current = f"{col(r, 'superseded_at')} IS NULL"
    nulls = ", ".join(["NULL"] * (len(fields) + 2))
    agency = f"{q(a.db_table)} a ON a.{q(a.pk.column)}"
    wanted = f"r.{col(r, 'agency')}, a.{col(a, 'name')}, a.{col(a, 'type')}, a.{col(a, 'province')}, "
    wanted += ", ".join(f"r.{col(r, n)}" for n in _RESULT_FIELDS)
    if scoped:
        return (
            f"WITH s AS ({access_sql()}), "
            f"r AS MATERIALIZED (SELECT {', '.join(col(r, n) for n in fields)} FROM {q(r.db_table)} "
            f"WHERE {current} AND {col(r, 'agency')} IN (SELECT agency_id FROM s)) "
            f"SELECT r.{col(r, 'fiscal_year')}, {wanted} FROM r JOIN {agency} = r.{col(r, 'agency')} "
            f"WHERE r.{col(r, 'fiscal_year')} = %s "
            # DISTINCT inside: PostgreSQL types a NULL of a SELECT DISTINCT as text before the UNION sees it.
            f"UNION ALL SELECT y, {nulls} FROM (SELECT DISTINCT {col(r, 'fiscal_year')} AS y FROM r) d"
        )
    return (
        f"SELECT r.{col(r, 'fiscal_year')}, {wanted} FROM {q(r.db_table)} r JOIN {agency} = r.{col(r, 'agency')} "
        f"WHERE r.{current} AND r.{col(r, 'fiscal_year')} = %s "
        f"UNION ALL SELECT y, {nulls} FROM (SELECT DISTINCT {col(r, 'fiscal_year')} AS y "
        f"FROM {q(r.db_table)} WHERE {current}) d"
    )


_RESULT_FIELDS = ("total", "level", "iit", "eit", "oit")


def _comparison_read(user, fiscal_year: int | None) -> tuple[list[int], list[dict]]:
    """(every fiscal year in the user's scope, newest first; the rows of `fiscal_year`, or of the newest
    year when that is not one of them): one statement, two when the year has to be chosen."""
    scoped = not user.is_superuser
    scope_params = [user.pk, user.pk] if scoped else []

    def read(year):
        return hotpath.fetch(_comparison_sql(scoped), scope_params + [year])

    found = read(fiscal_year if fiscal_year is not None else -1)
    years = sorted((v[0] for v in found if v[1] is None), reverse=True)
    if years and fiscal_year not in years:
        fiscal_year, found = years[0], read(years[0])
    rows = []
    for v in found:
        if v[1] is not None:
            values = v[1:5] + tuple(hotpath.convert(ItaResult, _RESULT_FIELDS, v[5:]))
            rows.append(dict(zip(_FIELDS, values, strict=True)))
    return years, rows


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
    oit_year: int | None = None,
    oit_missing_only: bool = False,
    figures: bool = True,
) -> dict:
    """Agencies side by side for one fiscal year, filtered and sorted, with the distribution of results.

    One statement gives the years in scope and the year's rows as plain values (a province is a few
    hundred rows; filtering and sorting them in Python is cheaper than more round trips). With `oit_year`
    each row also gets the agency's OIT readiness of that year (`oit_share`, `oit_ready`, `oit_items`,
    `oit_missing`: the oit app's statuses, about a dozen queries per agency, so only when asked);
    `oit_missing_only` keeps the agencies with items not yet published."""
    if not user.is_authenticated or not user.is_active:
        return {"years": [], "rows": [], "fiscal_year": None}
    years, all_rows = _comparison_read(user, fiscal_year)
    if not years:
        return {"years": [], "rows": [], "fiscal_year": None}
    fiscal_year = fiscal_year if fiscal_year in years else years[0]
    fw = get_framework(fiscal_year)
    pass_mark = fw.pass_mark
    choices = {
        "types": sorted({r["agency__type"] for r in all_rows}),
        "provinces": sorted({r["agency__province"] for r in all_rows}),
        "levels": [r.label for r in fw.levels.rules],
    }
    rows = []
    for r in all_rows:
        if (type and r["agency__type"] != type) or (province and r["agency__province"] != province):
            continue
        if level and r["level"] != level:
            continue
        r["tools_below"] = [code for code in ("IIT", "EIT", "OIT") if r[code.lower()] < pass_mark]
        r["total_below"] = r["total"] < pass_mark
        r["below"] = r["total_below"] or bool(r["tools_below"])
        if below and not r["below"]:
            continue
        rows.append(r)
    if oit_year is not None:
        rows = _with_oit(rows, oit_year, missing_only=oit_missing_only)
    key = {"name": "agency__name", "province": "agency__province", "type": "agency__type"}.get(sort, sort)
    key = key if key in _FIELDS or (oit_year is not None and key in _OIT_SORTS) else "total"
    rows.sort(key=lambda r: r["agency__name"])
    rows.sort(key=lambda r: r[key], reverse=descending)
    counts = {lvl: 0 for lvl in choices["levels"]}
    for r in rows:
        counts[r["level"]] = counts.get(r["level"], 0) + 1
    data = {
        "years": years,
        "fiscal_year": fiscal_year,
        "framework": fw,
        "rows": rows,
        "choices": choices,
        "levels": _level_counts(fw, counts),
        "below_count": sum(1 for r in rows if r["below"]),
    }
    return {**data, **comparison_figures(data)} if figures else data


def comparison_figures(data: dict) -> dict:
    """The distribution of a comparison's totals: histogram, median and mean (what only the drawn page
    shows; `comparison(figures=False)` leaves them to this, for a page that may be kept already)."""
    totals, fw = [r["total"] for r in data["rows"]], data["framework"]
    return {
        "histogram": histogram(
            totals,
            edges=sorted({0, 50, 60, 70, 80, 90, 100, int(fw.pass_mark), int(fw.excellent)}),
            width=440,
            height=210,
        ),
        # the standard library's median (the mean of the middle two when the count is even), rounded as totals are
        "median": round_half_up(statistics.median(totals)) if totals else None,
        "mean": round_half_up(statistics.mean(totals)) if totals else None,
    }
