"""Roll-up arithmetic from activities to a measure, and overdue/stalled flags (property tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from prongsai.web.plans.rollup import ActivityState, activity_flags, measure_progress, rounded
from prongsai.web.plans.rules import rules

percents = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
counting = st.sampled_from([s.code for s in rules().statuses if s.counts_in_rollup])
states = st.builds(ActivityState, weight=st.one_of(st.none(), weights), status=counting, percent=percents)


def test_worked_example():
    got = measure_progress(
        [
            ActivityState(Decimal(3), "done", Decimal(100)),
            ActivityState(Decimal(1), "in_progress", Decimal(20)),
            ActivityState(None, "cancelled", Decimal(0)),  # left out
        ]
    )
    assert got == Decimal(320) / Decimal(4)
    assert rounded(got) == Decimal("80.00")


def test_no_update_counts_as_the_rules_percent():
    got = measure_progress([ActivityState(None, None, None), ActivityState(None, "done", Decimal(100))])
    assert got == (rules().no_update_percent + 100) / 2


def test_nothing_counts_gives_none():
    assert measure_progress([]) is None
    assert measure_progress([ActivityState(None, "cancelled", Decimal(50))]) is None
    assert measure_progress([ActivityState(Decimal(0), "done", Decimal(100))]) is None


@given(st.lists(states, min_size=1, max_size=12))
def test_between_min_and_max(xs):
    got = measure_progress(xs)
    if got is None:
        assert all((s.weight if s.weight is not None else rules().default_weight) == 0 for s in xs)
        return
    lit = [s.percent for s in xs if (s.weight is None or s.weight > 0)]
    assert min(lit) <= got <= max(lit)
    assert 0 <= got <= 100


@given(st.lists(percents, min_size=1, max_size=12))
def test_unweighted_is_the_mean(ps):
    got = measure_progress([ActivityState(None, "in_progress", p) for p in ps])
    assert got == sum(ps) / len(ps)


@given(
    st.lists(st.tuples(percents, weights.filter(lambda w: w > 0)), min_size=1, max_size=10),
    st.integers(min_value=2, max_value=50),
)
def test_scaling_all_weights_changes_nothing(pairs, k):
    a = measure_progress([ActivityState(w, "in_progress", p) for p, w in pairs])
    b = measure_progress([ActivityState(w * k, "in_progress", p) for p, w in pairs])
    assert abs(a - b) < Decimal("1e-20")


@given(
    st.lists(st.tuples(percents, weights), min_size=1, max_size=10),
    st.integers(min_value=0, max_value=9),
)
def test_weights_are_shares_splitting_an_activity_changes_nothing(pairs, index):
    """An activity of weight w counts as much as two activities of weight w/2 at the same percent: the
    weighted mean, not a mean of activities, whenever weights are given."""
    i = index % len(pairs)
    p, w = pairs[i]
    whole = [ActivityState(w_, "in_progress", p_) for p_, w_ in pairs]
    split = whole[:i] + [ActivityState(w / 2, "in_progress", p)] * 2 + whole[i + 1 :]
    a, b = measure_progress(whole), measure_progress(split)
    assert (a is None) == (b is None)
    if a is not None:
        assert abs(a - b) < Decimal("1e-20")
        expected = sum(w_ * p_ for p_, w_ in pairs) / sum(w_ for _, w_ in pairs)
        assert abs(a - expected) < Decimal("1e-20")


@given(st.lists(states, min_size=1, max_size=10), st.integers(min_value=0, max_value=9), percents)
def test_raising_one_activity_never_lowers_the_measure(xs, index, extra):
    i = index % len(xs)
    s = xs[i]
    higher = ActivityState(s.weight, s.status, min(Decimal(100), s.percent + extra))
    before = measure_progress(xs)
    after = measure_progress(xs[:i] + [higher] + xs[i + 1 :])
    if before is not None:
        assert after >= before


@given(st.lists(states, max_size=8), percents)
def test_cancelled_activities_change_nothing(xs, p):
    assert measure_progress(xs) == measure_progress(xs + [ActivityState(Decimal(5), "cancelled", p)])


def test_flags():
    start, end = dt.date(2025, 10, 1), dt.date(2026, 3, 31)
    n = rules().stalled_after_days
    f = activity_flags(
        start=start,
        end=end,
        status="in_progress",
        last_update=dt.date(2026, 1, 1),
        today=dt.date(2026, 1, 1) + dt.timedelta(days=n),
    )
    assert not f.any
    f = activity_flags(
        start=start,
        end=end,
        status="in_progress",
        last_update=dt.date(2026, 1, 1),
        today=dt.date(2026, 1, 1) + dt.timedelta(days=n + 1),
    )
    assert f.stalled and not f.overdue
    f = activity_flags(
        start=start, end=end, status="delayed", last_update=dt.date(2026, 3, 30), today=dt.date(2026, 4, 1)
    )
    assert f.overdue and not f.stalled
    assert not activity_flags(
        start=start, end=end, status="done", last_update=start, today=dt.date(2027, 1, 1)
    ).any
    assert not activity_flags(
        start=dt.date(2026, 6, 1), end=None, status=None, last_update=None, today=dt.date(2026, 5, 1)
    ).any  # not started yet: nothing to flag
    assert activity_flags(
        start=start, end=None, status=None, last_update=None, today=start + dt.timedelta(days=n + 1)
    ).stalled
