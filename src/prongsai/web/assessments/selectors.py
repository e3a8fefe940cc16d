"""Reads for ITA results: current results per year, versions, the engine's view of a stored result."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from prongsai.ita.framework import available_years
from prongsai.ita.records import Agency as EngineAgency
from prongsai.ita.records import AgencyYear, HistoryEntry, HistoryPoint, score_record
from prongsai.ita.scoring import Result

from .. import hotpath
from ..agencies.models import Agency
from .models import ItaResult


def result_list_current(*, agency: Agency) -> QuerySet[ItaResult]:
    """The agency's current result of each fiscal year, newest year first."""
    return ItaResult.objects.filter(agency=agency, superseded_at__isnull=True).order_by("-fiscal_year")


def result_get_current(*, agency: Agency, fiscal_year: int) -> ItaResult:
    row = result_list_current(agency=agency).filter(fiscal_year=fiscal_year).first()
    if row is None:
        raise Http404("ไม่พบผลการประเมินของปีนี้")
    return row


def result_latest(*, agency: Agency) -> ItaResult | None:
    return result_list_current(agency=agency).first()


def result_versions(*, agency: Agency, fiscal_year: int) -> QuerySet[ItaResult]:
    return ItaResult.objects.filter(agency=agency, fiscal_year=fiscal_year).order_by("-created_at", "-id")


def _decimals(scores: dict | None, int_keys: bool) -> dict | None:
    if not scores:
        return None
    return {(int(k) if int_keys else k): Decimal(v) for k, v in scores.items()}


def _engine_agency(agency: Agency) -> EngineAgency:
    """The engine's agency, with its active divisions: the units a drafted measure names."""
    divisions = tuple(agency.divisions.filter(retired_at__isnull=True).values_list("name", flat=True))
    return EngineAgency(
        agency.name, agency.type, agency.province, agency.district, agency.dla_code, divisions
    )


def result_engine(*, row: ItaResult) -> Result:
    """Re-score the stored scores with the engine (the stored total/level are only for lists).

    Scoring reads only the agency's name (`score_record`), so its divisions are not queried here."""
    return score_record(
        AgencyYear(
            EngineAgency(row.agency.name),
            row.fiscal_year,
            _decimals(row.indicators, True),
            _decimals(row.tools_given, False),
        )
    )


def result_record(*, row: ItaResult) -> AgencyYear:
    """The engine's record for a stored result, with the agency's earlier years as history."""
    earlier = (
        result_list_current(agency=row.agency).filter(fiscal_year__lt=row.fiscal_year).order_by("fiscal_year")
    )
    history = tuple(
        HistoryEntry(
            h.fiscal_year, _decimals(h.indicators, True), _decimals(h.tools_given, False), h.total, h.level
        )
        for h in earlier
    )
    return AgencyYear(
        _engine_agency(row.agency),
        row.fiscal_year,
        _decimals(row.indicators, True),
        _decimals(row.tools_given, False),
        history=history,
        extra=row.extra or {},
    )


class _LazyHistoryPoint:
    """A `HistoryPoint` whose engine result is scored on first use (read as `point.result`).

    The analysis reads the results of only the newest earlier years (`analyse`: the year before, or the
    newest with indicator scores); the trend reads stored totals. Scoring every year of the history on
    every first view of a dashboard cost more than the rest of the analysis (benchmarks/web_load.py)."""

    __slots__ = ("fiscal_year", "total", "level", "_row", "_result")

    def __init__(self, row: ItaResult):
        self.fiscal_year, self.total, self.level = row.fiscal_year, row.total, row.level
        self._row, self._result = row, None

    @property
    def result(self) -> Result:
        if self._result is None:
            self._result = result_engine(row=self._row)
        return self._result

    def __repr__(self) -> str:
        return f"HistoryPoint({self.fiscal_year}, {self.total}, {self.level!r})"


def _current_where(agency_id: int) -> dict:
    return {"order_by": ("fiscal_year",), "agency": agency_id, "superseded_at": None}


def result_current_full_statement(agency_id: int):
    """The read `result_current_full` makes, for `hotpath.prefetch`."""
    return hotpath.select_statement(ItaResult, hotpath.field_names(ItaResult), **_current_where(agency_id))


def result_current_full(*, agency_id: int) -> list[ItaResult]:
    """Every current result of the agency with every field, oldest year first: one read that gives the
    analysis both the shown result and its history."""
    return hotpath.select(ItaResult, hotpath.field_names(ItaResult), **_current_where(agency_id))


def result_history_points(
    *, agency: Agency, rows: list[ItaResult], until: int | None = None
) -> list[HistoryPoint]:
    """The agency's current results (`result_current_full`, oldest first) as the engine's history points;
    each point's engine result is scored when first read."""
    points = []
    for r in rows:
        if until is not None and r.fiscal_year > until:
            continue
        r.agency = agency
        points.append(_LazyHistoryPoint(r))
    return points


def framework_years() -> list[int]:
    """Fiscal years whose rules the engine knows, newest first."""
    return sorted(available_years(), reverse=True)
