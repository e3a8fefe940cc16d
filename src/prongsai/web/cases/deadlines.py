"""Working-day arithmetic for answer deadlines: weekends from rules.toml, holidays from holidays.toml."""

from __future__ import annotations

import datetime as dt

from .rules import Holidays, holidays, rules


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
    day, left = start, days
    while left:
        day += dt.timedelta(days=1)
        if is_working_day(day, table=table, weekend=weekend):
            left -= 1
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
