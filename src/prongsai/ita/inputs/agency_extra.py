"""The keys a per-agency file may hold (agency_keys.toml), and the checks of the tables the analysis and
the report read: [analysis], [focus], [[measures]] and [signoff], each error with its line.

The reader refuses them here, before anything is scored or written, so that `prongsai score` and
`prongsai report` refuse the same file the same way."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path

from ..errors import InputError, UnknownYearError
from ..framework import get_framework
from ..measures import measures_from_input

_INDICATOR_KEY = re.compile(r"^i(\d+)$")
_MEASURE_FIELD = re.compile(r"^measures\[(\d+)\](?:\.(\w+))?$")
PLAN_YEARS_AHEAD = 5
LineOf = Callable[..., int | None]  # line_of(section, key=None, entry=None)


@cache
def allowed() -> dict:
    with open(Path(__file__).parent / "agency_keys.toml", "rb") as f:
        return tomllib.load(f)


def sections() -> list[str]:
    return allowed()["sections"]


def keys_of(kind: str) -> list[str]:
    return allowed()["keys"][kind]


def check_keys(table: dict, kind: str, where: str, line_of_key, path: str) -> None:
    """Refuse keys a table does not have; `line_of_key(key)` locates one (a key or a [where.key] table)."""
    known = keys_of(kind)
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise InputError(
            f"ไม่รู้จัก {where}.{unknown[0]} (ใช้ได้: {', '.join(known)})",
            f"unknown key {where}.{unknown[0]}",
            path=path,
            line=line_of_key(unknown[0]),
            column=f"{where}.{unknown[0]}",
        )


def _numbers_of(year: int) -> set[int] | None:
    """The year's indicator numbers; None when no framework has the year (scoring then says so)."""
    try:
        return {i.number for i in get_framework(year).indicators}
    except UnknownYearError:
        return None


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _table(data: dict, name: str, line_of: LineOf, path: str) -> dict | None:
    table = data.get(name)
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError(
            f"[{name}] ต้องเป็นตาราง", f"[{name}] must be a table", path=path, line=line_of(name), column=name
        )
    return table


def _unknown_indicator(n: int, year: int, column: str, line: int | None, path: str, numbers) -> InputError:
    last = max(numbers)
    table, _, key = column.partition(".")
    table = "[[measures]]" if table.startswith("measures") else f"[{table}]"
    return InputError(
        f"{table} {key}: ไม่มีตัวชี้วัดที่ {n} ในปีงบประมาณ {year} (มีตัวชี้วัดที่ 1 ถึง {last})",
        f"fiscal year {year} has no indicator {n}",
        path=path,
        line=line,
        column=column,
    )


def check_analysis(data: dict, year: int, line_of: LineOf, path: str) -> None:
    table = _table(data, "analysis", line_of, path)
    if not table:
        return
    numbers = _numbers_of(year)
    last = max(numbers) if numbers else 10
    for key, text in table.items():
        line = line_of("analysis", key)
        m = _INDICATOR_KEY.match(str(key).strip().lower())
        if not m:
            raise InputError(
                f"[analysis] ใช้ชื่อ i1 … i{last} ตามเลขตัวชี้วัด (พบ {key!r})",
                f"[analysis] keys are i1 … i{last}",
                path=path,
                line=line,
                column=f"analysis.{key}",
            )
        n = int(m.group(1))
        if numbers is not None and n not in numbers:
            raise _unknown_indicator(n, year, f"analysis.{key}", line, path, numbers)
        if not isinstance(text, str):
            raise InputError(
                f"analysis.{key} ต้องเป็นข้อความ", "must be text", path=path, line=line, column=f"analysis.{key}"
            )


def check_focus(data: dict, year: int, line_of: LineOf, path: str) -> None:
    table = _table(data, "focus", line_of, path)
    if table is None:
        return
    check_keys(table, "focus", "focus", lambda key: line_of("focus", key), path)
    line = line_of("focus", "indicators")
    chosen = table.get("indicators")
    if chosen is not None:
        if not isinstance(chosen, list) or not all(_is_int(n) for n in chosen):  # [] lets the analysis choose
            raise InputError(
                "[focus] indicators ต้องเป็นรายการเลขตัวชี้วัด เช่น [8] หรือ [2, 4]",
                "focus.indicators must be a list of indicator numbers",
                path=path,
                line=line,
                column="focus.indicators",
            )
        numbers = _numbers_of(year)
        for n in chosen:
            if numbers is not None and n not in numbers:
                raise _unknown_indicator(n, year, "focus.indicators", line, path, numbers)
    plan_year = table.get("plan_year")
    # The measures are for the result's year or one of the next few (a typo such as 25690 is refused).
    if plan_year is not None and (not _is_int(plan_year) or not year <= plan_year <= year + PLAN_YEARS_AHEAD):
        raise InputError(
            f"[focus] plan_year ต้องเป็นปีงบประมาณ (พ.ศ.) {year} ถึง {year + PLAN_YEARS_AHEAD} เช่น {year + 1}"
            f" (พบ {plan_year!r})",
            "focus.plan_year must be a B.E. year",
            path=path,
            line=line_of("focus", "plan_year"),
            column="focus.plan_year",
        )


def check_measures(data: dict, year: int, line_of: LineOf, path: str) -> None:
    entries = data.get("measures")
    if entries is None:
        return
    if not isinstance(entries, list):
        raise InputError(
            "มาตรการต้องเขียนเป็น [[measures]] หนึ่งตารางต่อกิจกรรม",
            "measures must be an array of tables",
            path=path,
            line=line_of("measures"),
            column="measures",
        )
    numbers = _numbers_of(year)
    for k, m in enumerate(entries):
        where = f"measures[{k}]"
        if not isinstance(m, dict):
            raise InputError(
                f"{where} ต้องเป็นตาราง", "must be a table", path=path, line=line_of("measures", entry=k)
            )
        check_keys(m, "measures", where, lambda key, k=k: line_of("measures", key, entry=k), path)
        for key in ("indicator", "indicators"):
            value = m.get(key)
            listed = value if isinstance(value, list) else [value]
            if value is None or numbers is None:
                continue
            for n in listed:
                if _is_int(n) and n not in numbers:
                    line = line_of("measures", key, entry=k)
                    raise _unknown_indicator(n, year, f"{where}.{key}", line, path, numbers)
    # The values (dates, lists of methods, the budget …), checked as the report reads them, with a line.
    try:
        measures_from_input(entries, path=path)
    except InputError as exc:
        m = _MEASURE_FIELD.match(str(exc.column or ""))
        line = line_of("measures", m.group(2), entry=int(m.group(1))) if m else line_of("measures")
        raise InputError(exc.message_th, exc.message_en, path=path, line=line, column=exc.column) from None


def check_signoff(data: dict, line_of: LineOf, path: str) -> None:
    table = _table(data, "signoff", line_of, path)
    if table is not None:
        check_keys(table, "signoff", "signoff", lambda key: line_of("signoff", key), path)


def check_self_assessment(data: dict, year: int, line_of: LineOf, path: str) -> None:
    """[[self_assessment]]: the tool (IIT or EIT), its dates, the response count and the indicators shown
    (numbers of that tool in the year, 0–100)."""
    entries = data.get("self_assessment")
    if entries is None:
        return
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InputError(
            "ผลสำรวจของหน่วยงานต้องเขียนเป็น [[self_assessment]] หนึ่งตารางต่อแบบสำรวจ",
            "self_assessment must be an array of tables",
            path=path,
            line=line_of("self_assessment"),
            column="self_assessment",
        )
    try:
        fw = get_framework(year)
    except UnknownYearError:
        return  # scoring says so
    for k, e in enumerate(entries):
        where = f"self_assessment[{k}]"

        def fail(key: str, th: str, en: str, k=k, where=where):
            raise InputError(
                th,
                en,
                path=path,
                line=line_of("self_assessment", key, k) or line_of("self_assessment", None, k),
                column=f"{where}.{key}",
            )

        check_keys(e, "self_assessment", where, lambda key, k=k: line_of("self_assessment", key, k), path)
        tools = {t.code: t for t in fw.tools if t.code in allowed()["self_assessment_tools"]}
        tool = tools.get(e.get("tool"))
        if tool is None:
            fail(
                "tool",
                f"{where}.tool ต้องเป็น {' หรือ '.join(tools)} (พบ {e.get('tool')!r})",
                "unknown survey tool",
            )
        start, end = e.get("start"), e.get("end")
        if not isinstance(start, dt.date) or not isinstance(end, dt.date) or start > end:
            fail(
                "start",
                f"{where} ต้องมี start และ end เป็นวันที่ (เช่น 2026-03-01) และ start ไม่หลัง end",
                "start/end dates",
            )
        for key in ("responses", "min_responses"):
            if key in e and (not _is_int(e[key]) or e[key] < 0):
                fail(key, f"{where}.{key} ต้องเป็นจำนวนเต็มไม่ติดลบ (พบ {e[key]!r})", f"{key} must be a count")
        if "responses" not in e:
            fail("responses", f"{where} ต้องระบุจำนวนผู้ตอบ (responses)", "responses is required")
        if "verified" in e and not isinstance(e["verified"], bool):
            fail("verified", f"{where}.verified ต้องเป็น true หรือ false", "verified must be a boolean")
        shown = e.get("indicators")
        if not isinstance(shown, dict) or not shown:
            fail(
                "indicators",
                f"{where}.indicators ต้องเป็นตาราง เช่น {{ 1 = 86.5, 2 = 90.0 }}",
                "indicators table",
            )
        for key, value in shown.items():
            if not key.isdigit() or int(key) not in tool.indicators:
                numbers = ", ".join(map(str, tool.indicators))
                fail(
                    "indicators",
                    f"{where}.indicators: ไม่มีตัวชี้วัดที่ {key} ในเครื่องมือ {tool.code} ปี {year} (ใช้ได้: {numbers})",
                    "unknown indicator",
                )
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float | Decimal)
                or not 0 <= value <= 100
            ):
                fail(
                    "indicators", f"{where}.indicators.{key} ต้องเป็นคะแนน 0–100 (พบ {value!r})", "score 0-100"
                )


def check_extra(data: dict, year: int, line_of: LineOf, path: str) -> None:
    """Every check of the tables beyond the scores, in the order they appear in a file."""
    check_analysis(data, year, line_of, path)
    check_focus(data, year, line_of, path)
    check_measures(data, year, line_of, path)
    check_signoff(data, line_of, path)
    check_self_assessment(data, year, line_of, path)
