"""Input records: one agency-year with its scores and optional history, and how to score one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .errors import InputError
from .framework import get_framework
from .scoring import Result, check_given_tools, score_indicators, score_tools
from .tool_parts import combine_tool_parts


@dataclass(frozen=True)
class Agency:
    name: str
    type: str = ""
    province: str = ""
    district: str = ""
    code: str = ""
    divisions: tuple[str, ...] = ()  # its own กอง/สำนัก (ฝ่าย/งาน): who a drafted measure names


@dataclass(frozen=True)
class HistoryEntry:
    """An earlier year's published result: indicators, tools, or just a total (and its level as published)."""

    fiscal_year: int
    indicators: dict[int, Decimal] | None = None
    tools: dict[str, Decimal] | None = None
    total: Decimal | None = None
    level: str = ""
    line: int | None = None  # where the entry starts in its file, for error messages


@dataclass(frozen=True)
class AgencyYear:
    agency: Agency
    fiscal_year: int
    indicators: dict[int, Decimal] | None = None
    tools: dict[str, Decimal] | None = None
    history: tuple[HistoryEntry, ...] = ()
    questions: dict[str, Decimal] = field(default_factory=dict)
    path: str = ""
    line: int | None = None
    # The rest of a per-agency file (analysis overrides, focus, measures), for the analysis and reports.
    extra: dict = field(default_factory=dict)


def _located(exc: InputError, record: AgencyYear, prefix: str = "", line: int | None = None) -> InputError:
    column = exc.column if not prefix or exc.column is None else f"{prefix}.{exc.column}"
    line = line if line is not None else record.line
    return InputError(exc.message_th, exc.message_en, path=record.path, line=line, column=column)


def _score(year: int, indicators, tools, agency: str) -> Result:
    fw = get_framework(year)
    tools, notes = combine_tool_parts(fw, tools)  # EIT in two parts (FY2566): their mean
    if indicators:
        result = score_indicators(fw, indicators, agency=agency)
        if tools:
            check_given_tools(result, tools)
        return replace(result, notes=result.notes + notes)
    if tools:
        return replace(score_tools(fw, tools, agency=agency), notes=notes)
    raise InputError("ไม่มีคะแนนตัวชี้วัดหรือคะแนนเครื่องมือ", "no indicator or tool scores", column="indicators")


def score_record(record: AgencyYear) -> Result:
    """Score one agency-year; errors come back located in the record's file and line."""
    try:
        return _score(record.fiscal_year, record.indicators, record.tools, record.agency.name)
    except InputError as exc:
        raise _located(exc, record) from None


@dataclass(frozen=True)
class HistoryPoint:
    fiscal_year: int
    total: Decimal
    level: str
    result: Result | None  # None when only the published total was given


def score_history(record: AgencyYear) -> list[HistoryPoint]:
    """Earlier years, oldest first: scored where their scores are given, else as published."""
    points = []
    # k is the entry's place in the file (history[k] in messages), not its place in time.
    for k, h in sorted(enumerate(record.history), key=lambda kh: kh[1].fiscal_year):
        if h.indicators or h.tools:
            try:
                res = _score(h.fiscal_year, h.indicators, h.tools, record.agency.name)
            except InputError as exc:
                raise _located(exc, record, f"history[{k}]", h.line) from None
            points.append(HistoryPoint(h.fiscal_year, res.total, res.level.label, res))
        elif h.total is not None:
            points.append(HistoryPoint(h.fiscal_year, h.total, h.level, None))
    return points
