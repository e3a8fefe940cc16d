"""Property tests of the weighted total (hypothesis)."""

import random
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.ita.framework import get_framework
from prongsai.ita.inputs import read_records
from prongsai.ita.records import score_record
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


def _score_batch(rows: list[tuple[str, list[Decimal]]]) -> dict[str, tuple]:
    """Write the rows as a batch CSV, read and score it as `prongsai score` does: agency → result."""
    head = "agency,fiscal_year," + ",".join(f"i{k}" for k in range(1, 11))
    body = [f"{name},2568," + ",".join(str(v) for v in values) for name, values in rows]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.csv"
        path.write_text("\n".join([head, *body]) + "\n", encoding="utf-8")
        results = [score_record(r) for r in read_records(path)]
    return {r.agency: (r.total, r.level.label, tuple(t.score for t in r.tools)) for r in results}


# Percent-scale scores only (above 1), so no file is read as the 0–1 scale or refused as mixed.
percent = st.decimals(min_value="1.01", max_value=100, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(percent, min_size=10, max_size=10), min_size=2, max_size=6), st.randoms())
def test_batch_results_do_not_depend_on_row_order(rows, rnd: random.Random):
    named = [(f"agency{k}", values) for k, values in enumerate(rows)]
    shuffled = list(named)
    rnd.shuffle(shuffled)
    before = _score_batch(named)
    assert before == _score_batch(shuffled)
    assert before == {name: (total(values), *_level_and_tools(values)) for name, values in named}


def _level_and_tools(values):
    r = score_indicators(FW, dict(enumerate(values, 1)))
    return r.level.label, tuple(t.score for t in r.tools)


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
