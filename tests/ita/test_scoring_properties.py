"""Property tests of the weighted total (hypothesis)."""

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.ita.framework import get_framework
from prongsai.ita.scoring import round_half_up, score_indicators

FW = get_framework(2568)
score = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
ten = st.lists(score, min_size=10, max_size=10)


def total(values):
    return score_indicators(FW, dict(enumerate(values, 1))).total


@given(ten)
def test_total_between_lowest_and_highest_indicator(values):
    t = total(values)
    assert round_half_up(min(values)) <= t <= round_half_up(max(values))


@given(ten, st.integers(min_value=0, max_value=9), score)
def test_total_never_falls_when_an_indicator_rises(values, k, new):
    raised = list(values)
    raised[k] = max(values[k], new)
    assert total(raised) >= total(values)


@settings(max_examples=50)
@given(st.lists(ten, min_size=2, max_size=6), st.randoms())
def test_batch_results_do_not_depend_on_row_order(rows, rnd: random.Random):
    before = {k: total(r) for k, r in enumerate(rows)}
    order = list(before)
    rnd.shuffle(order)
    after = {k: total(rows[k]) for k in order}
    assert before == after


def test_tool_means_stay_unrounded():
    # IIT = 450.03 / 5 = 90.006 and EIT = 270.02 / 3 = 90.00666…: exact total 90.0038 → 90.00.
    # Rounding the tool means first (90.01, 90.01, 90.00) would give 90.006 → 90.01, the wrong answer.
    d = Decimal
    scores = [
        d("90.01"),
        d("90.01"),
        d("90.01"),
        d("90.00"),
        d("90.00"),
        d("90.01"),
        d("90.01"),
        d("90.00"),
        90,
        90,
    ]
    r = score_indicators(FW, dict(enumerate(scores, 1)))
    assert r.tool("IIT").score == Decimal("90.006")
    assert r.total == Decimal("90.00")
