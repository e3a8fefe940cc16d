"""Working-day arithmetic for answer deadlines: weekends from rules.toml, holidays from holidays.toml (the
`holidays` package's calendar plus the Cabinet's extra days)."""

from __future__ import annotations

import datetime as dt
import logging
from functools import cache

from .rules import Holidays, holidays, rules

log = logging.getLogger(__name__)


@cache
def _warn_uncovered(year: int) -> None:
    # Once per process and year; `prongsai manage check` says the same (checks.py).
    log.warning(
        "holidays.toml has no year %s: deadlines in it skip weekends and the regular holidays only, "
        "not the Cabinet's extra days",
        year,
    )


def is_working_day(
    day: dt.date, *, table: Holidays | None = None, weekend: tuple[int, ...] | None = None
) -> bool:
    table = table or holidays()
    weekend = weekend if weekend is not None else tuple(rules()["deadline"]["weekend"])
    return day.isoweekday() not in weekend and day not in table.days


def add_working_days(
    start: dt.date, days: int, *, table: Holidays | None = None, weekend: tuple[int, ...] | None = None
) -> dt.date:
    """The `days`-th working day after `start` (the day of submission itself is never counted)."""
    if days < 0:
        raise ValueError("days must be >= 0")
    shipped = table is None
    table = table or holidays()
    day, left = start, days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, table=table, weekend=weekend):
            left -= 1
    if shipped and not table.covers(day.year):
        _warn_uncovered(day.year)
    return day


def working_days_between(
    start: dt.date, end: dt.date, *, table: Holidays | None = None, weekend: tuple[int, ...] | None = None
) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, table=table, weekend=weekend):
            count += 1
    return count
