"""Progress arithmetic without the database: an activity's percent, a measure's weighted roll-up, flags.

Kept free of Django so the arithmetic can be property-tested on its own and reused by the reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .rules import Rules, rules


@dataclass(frozen=True)
class ActivityState:
    """What the roll-up needs to know about one activity."""

    weight: Decimal | None
    status: str | None  # None: no update yet
    percent: Decimal | None  # None: no update yet


def activity_percent(state: ActivityState, r: Rules | None = None) -> Decimal:
    r = r or rules()
    return r.no_update_percent if state.percent is None else state.percent


def measure_progress(states: list[ActivityState], r: Rules | None = None) -> Decimal | None:
    """The measure's percent: the weighted mean of its activities' percents (exact, not rounded).

    An activity without a weight counts with the default weight; activities whose status does not count
    (cancelled) are left out; when nothing counts, or all weights are zero, the result is None."""
    r = r or rules()
    total_weight = Decimal(0)
    total = Decimal(0)
    for s in states:
        if s.status is not None and not r.status(s.status).counts_in_rollup:
            continue
        w = r.default_weight if s.weight is None else s.weight
        total_weight += w
        total += w * activity_percent(s, r)
    if total_weight == 0:
        return None
    return total / total_weight


def rounded(value: Decimal | None, r: Rules | None = None) -> Decimal | None:
    """Round half-up for display only (the seed's convention for every printed figure)."""
    if value is None:
        return None
    r = r or rules()
    return value.quantize(Decimal(1).scaleb(-r.decimals), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Flags:
    overdue: bool
    stalled: bool

    @property
    def any(self) -> bool:
        return self.overdue or self.stalled


def activity_flags(
    *,
    start: dt.date | None,
    end: dt.date | None,
    status: str | None,
    last_update: dt.date | None,
    today: dt.date,
    r: Rules | None = None,
) -> Flags:
    """Overdue: open after its end date. Stalled: open, started, and no update for the set number of days."""
    r = r or rules()
    if status is not None and r.status(status).closed:
        return Flags(False, False)
    overdue = end is not None and today > end + dt.timedelta(days=r.overdue_grace_days)
    started = start is None or today >= start
    since = last_update or start
    stalled = started and since is not None and (today - since).days > r.stalled_after_days
    return Flags(overdue, stalled)
