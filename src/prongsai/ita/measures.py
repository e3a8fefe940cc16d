"""Improvement measures for the chosen indicators: read from the input file, or drafted from data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .agency_units import family_of, units_for
from .analysis import Analysis
from .errors import InputError
from .narrative import indicator_texts, load_narratives
from .records import Agency

_NO_BUDGET = {"", "0", "none", "ไม่ใช้งบประมาณ", "ไม่ใช้"}


@dataclass(frozen=True)
class Measure:
    indicator: int
    activity: str
    analysis: str
    methods: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    responsible: tuple[str, ...]
    budget: Decimal | str | None = (
        None  # amount in baht, "none" (ไม่ใช้งบประมาณ), free text, or None (not given)
    )
    kpi: str = ""
    target: str = ""
    draft: bool = False
    also: tuple[int, ...] = ()  # further indicators the same activity serves (a measure for 7 and 8)

    @property
    def covers(self) -> tuple[int, ...]:
        return (self.indicator, *(n for n in self.also if n != self.indicator))


def _date(value, where: str, path: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            f"วันที่ต้องอยู่ในรูปแบบ ปปปป-ดด-วว (ค.ศ.) เช่น 2025-10-01 (พบ {value!r})",
            "dates are ISO dates (CE), e.g. 2025-10-01",
            path=path,
            column=where,
        ) from None


def _strings(value, where: str, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise InputError(
        "ต้องเป็นข้อความหรือรายการข้อความ", "must be a string or a list of strings", path=path, column=where
    )


def _budget(value, where: str, path: str):
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputError(
            "งบประมาณต้องเป็นจำนวนเงินหรือข้อความ", "budget must be an amount or text", path=path, column=where
        )
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)) if value else "none"
    text = str(value).strip()
    return "none" if text.lower() in _NO_BUDGET else text


def measures_from_input(raw: list, *, path: str = "") -> list[Measure]:
    """The [[measures]] tables of a per-agency file, checked field by field."""
    out = []
    if not isinstance(raw, list):
        raise InputError(
            "[[measures]] ต้องเป็นรายการตาราง", "[[measures]] must be an array of tables", path=path
        )
    for k, m in enumerate(raw):
        where = f"measures[{k}]"
        if not isinstance(m, dict):
            raise InputError("มาตรการต้องเป็นตาราง", "a measure must be a table", path=path, column=where)
        numbers = m.get("indicators")
        if numbers is not None and (
            not isinstance(numbers, list)
            or not numbers
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers)
        ):
            raise InputError(
                "indicators ของมาตรการต้องเป็นรายการเลขตัวชี้วัด เช่น [7, 8]",
                "indicators must be a non-empty list of numbers",
                path=path,
                column=f"{where}.indicators",
            )
        number = m.get("indicator", numbers[0] if numbers else None)
        if not isinstance(number, int) or isinstance(number, bool):
            raise InputError(
                "ต้องระบุเลขตัวชี้วัด (indicator) ของมาตรการ",
                "indicator is required",
                path=path,
                column=f"{where}.indicator",
            )
        activity = str(m.get("activity", "")).strip()
        if not activity:
            raise InputError(
                "ต้องระบุชื่อกิจกรรม (activity)", "activity is required", path=path, column=f"{where}.activity"
            )
        start, end = _date(m.get("start"), f"{where}.start", path), _date(m.get("end"), f"{where}.end", path)
        if start and end and end < start:
            raise InputError("วันสิ้นสุดอยู่ก่อนวันเริ่มต้น", "end is before start", path=path, column=f"{where}.end")
        out.append(
            Measure(
                indicator=number,
                activity=activity,
                analysis=str(m.get("analysis", "")).strip(),
                methods=_strings(m.get("methods"), f"{where}.methods", path),
                start=start,
                end=end,
                responsible=_strings(m.get("responsible"), f"{where}.responsible", path),
                budget=_budget(m.get("budget"), f"{where}.budget", path),
                kpi=str(m.get("kpi", "")).strip(),
                target=str(m.get("target", "")).strip(),
                also=tuple(n for n in numbers or () if n != number),
            )
        )
    return out


def draft_measure(a: Analysis, number: int, agency: Agency | None = None) -> Measure:
    """A starting measure for an indicator, from the narrative data; marked as a draft. Its units are the
    agency's own divisions where given, else its family's usual units; its words fit its family."""
    fw = a.result.framework
    row = a.indicator(number)
    words = family_of(agency or Agency(a.result.agency)).words
    d = {k: _fill(v, words) for k, v in indicator_texts(row.code)["draft"].items()}
    data = load_narratives()["measures"]
    status = data["status"][row.band].format(
        pass_mark=f"{fw.pass_mark.normalize():f}", excellent=f"{fw.excellent.normalize():f}"
    )
    # "จึงต้องดำเนินการ{action}": the activity's name without its nominalising การ, as the seed writes
    # it ("ดำเนินการเปิดโอกาส…" for the activity "การเปิดโอกาส…"), never "ดำเนินการการ…".
    action = d["activity"].removeprefix("การ") or d["activity"]
    analysis = data["analysis"].format(
        number=number,
        name=row.name_th,
        score=f"{row.shown:.2f}",
        status=status,
        activity=d["activity"],
        action=action,
    )
    return Measure(
        indicator=number,
        activity=d["activity"],
        analysis=analysis,
        methods=tuple(d["methods"]),
        start=None,
        end=None,
        responsible=units_for(
            indicator_texts(row.code)["draft"]["responsible"], agency or Agency(a.result.agency)
        ),
        budget=None,
        kpi=d.get("kpi", ""),
        target=d.get("target", ""),
        draft=True,
    )


def _fill(value, words: dict):
    if isinstance(value, list):
        return [_fill(v, words) for v in value]
    return value.format(**words) if isinstance(value, str) else value


def measures_for(
    a: Analysis, raw: list | None, *, path: str = "", agency: Agency | None = None
) -> tuple[list[Measure], list[int]]:
    """The file's measures for the focus indicators, plus drafts for focus indicators it lacks.
    Returns (measures, numbers of the indicators that got drafts)."""
    given = measures_from_input(raw or [], path=path)
    known = {r.number for r in a.indicators}
    for m in given:
        missing = [n for n in m.covers if known and n not in known]
        if missing:
            raise InputError(
                f"ไม่มีตัวชี้วัดที่ {missing[0]} ในปีงบประมาณ {a.result.fiscal_year}",
                "measure refers to an unknown indicator",
                path=path,
                column="measures.indicator",
            )
    drafted = [n for n in a.focus.indicators if n in known and not any(n in m.covers for m in given)]
    return given + [draft_measure(a, n, agency) for n in drafted], drafted
