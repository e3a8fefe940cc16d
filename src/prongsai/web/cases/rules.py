"""The channel's rules and the holiday table, read from TOML data files (cached; no database)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .holiday_calendar import GovernmentCalendar

RULES_FILE = Path(__file__).with_name("rules.toml")
HOLIDAYS_FILE = Path(__file__).with_name("holidays.toml")


@dataclass(frozen=True)
class Holidays:
    days: Mapping[dt.date, str]  # a plain dict in tests; the shipped table computes any year on demand
    years: dict[int, str]  # years whose Cabinet extra days are entered -> status ("announced" / "unverified")

    def covers(self, year: int) -> bool:
        return year in self.years


@cache
def rules() -> dict:
    return tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))


def holidays_read(path: Path) -> Holidays:
    """Read a holiday file: the package calendar it names plus its extra days; a bad entry raises
    ValueError naming the year and the position (Thai first)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    extra: dict[dt.date, str] = {}
    years: dict[int, str] = {}
    for year, table in data.get("years", {}).items():
        years[int(year)] = str(table.get("status", "unverified"))
        for i, entry in enumerate(table.get("days", []), start=1):
            day = entry.get("date")
            if not isinstance(day, dt.date) or day.year != int(year):
                raise ValueError(
                    f"{path.name}: years.{year} days #{i}: วันที่ไม่ถูกต้องหรือไม่อยู่ในปี {year} "
                    f"(date missing or not in year {year})"
                )
            extra[day] = str(entry.get("name", ""))
    calendar = data.get("calendar")
    if calendar is None:
        return Holidays(days=extra, years=years)
    try:
        days = GovernmentCalendar(
            country=calendar["country"],
            categories=tuple(calendar.get("categories", ["public"])),
            exclude=tuple(calendar.get("exclude", ())),
            extra=extra,
        )
    except (KeyError, NotImplementedError) as exc:
        raise ValueError(
            f"{path.name}: [calendar]: ประเทศหรือหมวดวันหยุดไม่รู้จัก ({exc}) (unknown country or category)"
        ) from exc
    return Holidays(days=days, years=years)


@cache
def holidays() -> Holidays:
    return holidays_read(HOLIDAYS_FILE)


def statuses() -> dict[str, dict]:
    return rules()["statuses"]


def kinds() -> dict[str, dict]:
    return rules()["kinds"]


def status_name(code: str) -> str:
    return statuses().get(code, {}).get("name_th", code)


def kind_name(code: str) -> str:
    return kinds().get(code, {}).get("name_th", code)


def status_is_closed(code: str) -> bool:
    return bool(statuses()[code].get("closed", False))


def status_answers(code: str) -> bool:
    return bool(statuses()[code].get("answers", False))


def closed_statuses() -> list[str]:
    return [c for c, s in statuses().items() if s.get("closed")]


def confidential_kinds() -> list[str]:
    return [c for c, k in kinds().items() if k.get("confidential")]
