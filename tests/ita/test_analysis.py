"""Analysis of scored results: rows, what-if, focus and narrative, on the seed and on random results."""

from decimal import Decimal
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from prongsai.ita.analysis import analyse
from prongsai.ita.framework import get_framework
from prongsai.ita.inputs import read_records
from prongsai.ita.measures import draft_measure
from prongsai.ita.records import HistoryPoint, score_history, score_record
from prongsai.ita.scoring import score_indicators

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pakphraek-2568.toml"
FW = get_framework(2568)


def _seed():
    (record,) = read_records(EXAMPLE)
    return record, score_record(record)


def test_seed_rows_shares_and_ranks():
    record, result = _seed()
    a = analyse(result, score_history(record))
    row8 = a.indicator(8)
    assert row8.shown == Decimal("96.53") and row8.passed and row8.rank == 10
    assert row8.gap_pass == 0 and row8.gap_excellent == 0
    assert row8.weight_share == Decimal("0.1") and row8.points_per_point == Decimal("0.1")
    assert a.indicator(1).weight_share == Decimal("0.06")
    assert a.indicator(9).weight_share == Decimal("0.2")
    # Shares of the total add up to the whole.
    assert sum(r.weight_share for r in a.indicators) == 1
    assert result.rounded(sum(r.contribution for r in a.indicators)) == result.total
    assert a.indicator(2).rank == 1 and a.indicator(3).rank == 1  # ties share a rank
    assert row8.change is None and a.total_change is None
    assert any("ปีก่อนหน้า" in m for m in a.missing)


def test_seed_focus_is_indicator_8_by_reasoning():
    record, result = _seed()
    a = analyse(result)  # no [focus] from the file: the analysis chooses on its own
    assert a.focus.source == "analysis"
    assert a.focus.indicators == (8,)
    reasons = " ".join(a.focus.reasons[8])
    assert "ต่ำที่สุดในบรรดาตัวชี้วัดทั้ง 10 ตัว (96.53 คะแนน)" in reasons  # the lowest indicator
    assert "EIT ซึ่งได้คะแนนต่ำที่สุด" in reasons  # in the lowest tool
    assert "ร้อยละ 10" in reasons  # EIT indicators weigh 10 % each
    # Already at the top level: no lift, but margins that keep it.
    assert a.whatif.target is None
    eit = next(m for m in a.whatif.margins if m.what == "EIT")
    assert eit.margin == Decimal("3.27")
    # Indicator 8 alone may fall to 86.72 (EIT 94.9967 → 95.00); at 86.71 EIT is 94.99 and the level drops.
    assert a.whatif.floors[8] == Decimal("86.72")
    assert "ลดลงต่ำกว่า 86.72 คะแนน" in reasons
    seed = {i.number: i.score for i in result.indicators}
    assert score_indicators(FW, {**seed, 8: Decimal("86.72")}).level.label == "ผ่านดีเยี่ยม"
    assert score_indicators(FW, {**seed, 8: Decimal("86.71")}).level.label == "ผ่านดี"


def test_draft_measure_reads_as_the_seed_writes():
    _, result = _seed()
    d = draft_measure(analyse(result), 8)
    assert d.draft and d.activity.startswith("การเปิดโอกาส")
    # "…จึงต้องดำเนินการเปิดโอกาส…" as in the seed, not "ดำเนินการการเปิดโอกาส…"
    assert "จึงต้องดำเนินการเปิดโอกาสให้บุคคลภายนอก" in d.analysis and "ดำเนินการการ" not in d.analysis


def test_seed_file_focus_and_overrides_are_used():
    record, result = _seed()
    a = analyse(result, overrides=record.extra["analysis"], focus=record.extra["focus"]["indicators"])
    assert a.focus.source == "input" and a.focus.indicators == (8,) and a.focus.suggested == (8,)
    assert a.indicator(8).paragraph == record.extra["analysis"]["i8"]
    assert a.indicator(8).paragraph_source == "input"


def test_whatif_good_to_excellent_needs_every_tool_at_95():
    scores = {1: 99, 2: 99, 3: 99, 4: 99, 5: 99, 6: 96, 7: 94, 8: 93, 9: 100, 10: 100}
    result = score_indicators(FW, scores)
    assert result.level.label == "ผ่านดี"
    a = analyse(result)
    wi = a.whatif
    assert wi.target == "ผ่านดีเยี่ยม" and wi.feasible
    # Only EIT is short (94.33): raise its two lowest indicators together to 94.50 (2 points in all).
    assert {s.key: s.to_score for s in wi.steps} == {7: Decimal("94.50"), 8: Decimal("94.50")}
    assert wi.points == Decimal("2.00")
    lifted = score_indicators(FW, {**scores, 7: Decimal("94.50"), 8: Decimal("94.50")})
    assert lifted.level.label == "ผ่านดีเยี่ยม"
    assert a.focus.indicators == (8,)


def test_whatif_total_short_uses_heaviest_indicators():
    scores = {n: 80 for n in range(1, 11)}
    result = score_indicators(FW, scores)
    a = analyse(result)
    assert a.whatif.target == "ผ่าน"
    assert a.whatif.feasible
    # 5 total points are cheapest on OIT (0.20 each): 25 indicator points on 9 and/or 10.
    assert {s.key for s in a.whatif.steps} <= {9, 10}
    assert a.whatif.points == Decimal("25.00")


def test_failing_indicator_first_in_focus_and_narrative_says_so():
    scores = {1: 99, 2: 99, 3: 99, 4: 99, 5: 99, 6: 96, 7: 97, 8: 70, 9: 100, 10: 100}
    a = analyse(score_indicators(FW, scores))
    assert a.focus.indicators == (8,)
    row = a.indicator(8)
    assert not row.passed and row.gap_pass == Decimal(15)
    assert "ไม่ผ่านเกณฑ์" in row.paragraph and "รักษามาตรฐาน" not in row.paragraph


def test_history_gives_change_and_trend_words():
    _, result = _seed()
    earlier = score_indicators(get_framework(2567), {n: 90 for n in range(1, 11)})
    a = analyse(result, [HistoryPoint(2567, earlier.total, earlier.level.label, earlier)])
    row = a.indicator(8)
    assert row.change == Decimal("6.53")
    assert "เพิ่มขึ้น 6.53 คะแนนจากปีงบประมาณ พ.ศ. 2567" in row.paragraph
    assert a.total_change == result.total - earlier.total
    assert not any("ปีก่อนหน้า" in m for m in a.missing)


def test_override_that_contradicts_the_score_is_flagged():
    scores = {1: 80, 2: 99, 3: 99, 4: 99, 5: 99, 6: 96, 7: 97, 8: 97, 9: 100, 10: 100}
    a = analyse(score_indicators(FW, scores), overrides={"i1": "ควรรักษามาตรฐานนี้ไว้"})
    assert a.indicator(1).warnings and "รักษามาตรฐาน" in a.indicator(1).warnings[0]


# Published scores carry 2 decimals; scores computed from survey answers may carry more (84.996 shows as
# 85.00 but does not pass), and the paragraph must agree with the verdict either way.
score = st.one_of(
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False),
)
change = st.one_of(st.none(), st.decimals(min_value=-30, max_value=30, places=2))


_EDGES = [Decimal(v) for v in ("84.996", "94.996", "99.996", "85", "95", "100", "84.99", "0.001", "50", "90")]


@settings(max_examples=150, deadline=None)
@given(st.lists(score, min_size=10, max_size=10), st.lists(change, min_size=10, max_size=10))
# Random decimals almost never land within 0.005 of a line: the edges are given explicitly.
@example(_EDGES, [None] * 10)
@example(_EDGES, [Decimal("0.01")] * 10)
def test_narrative_never_contradicts_the_numbers(values, changes):
    result = score_indicators(FW, dict(enumerate(values, 1)))
    history = []
    if any(c is not None for c in changes):
        prev_scores = {
            n: min(Decimal(100), max(Decimal(0), v - (c or 0)))
            for n, (v, c) in enumerate(zip(values, changes, strict=True), 1)
        }
        prev = score_indicators(get_framework(2567), prev_scores)
        history = [HistoryPoint(2567, prev.total, prev.level.label, prev)]
    a = analyse(result, history)
    for row in a.indicators:
        text = row.paragraph
        assert f"{row.shown:.2f}" in text
        if row.passed:
            assert "ไม่ผ่าน" not in text
        else:
            assert "ไม่ผ่านเกณฑ์" in text and "ยังขาดอีก 0.00" not in text  # short by 0.004 is 0.01
            assert "รักษามาตรฐาน" not in text and "คะแนนเต็ม" not in text
        if row.shown < 100:
            assert "คะแนนเต็ม" not in text
        # The trend follows the published scores the paragraph prints (this year's and last year's).
        shown_change = row.shown - result.rounded(row.previous) if row.previous is not None else None
        if shown_change is not None and shown_change > 0:
            assert "ลดลง" not in text and "เพิ่มขึ้น" in text
        if shown_change is not None and shown_change < 0:
            assert "เพิ่มขึ้น" not in text and "ลดลง" in text
        if shown_change == 0:
            assert "เพิ่มขึ้น" not in text and "ลดลง" not in text and "เท่ากับ" in text
    # What-if plans, when they exist, really reach the target level.
    if a.whatif.target and a.whatif.feasible:
        lifted = {n: v for n, v in enumerate(values, 1)} | {s.key: s.to_score for s in a.whatif.steps}
        assert score_indicators(FW, lifted).level.label == a.whatif.target
    # A floor is the lowest 2-decimal score at which the indicator alone still holds the level.
    base = dict(enumerate(values, 1))
    for n, floor in a.whatif.floors.items():
        if floor is None or floor > base[n]:
            continue
        assert score_indicators(FW, {**base, n: floor}).level.label == result.level.label, (n, floor)
        below = score_indicators(FW, {**base, n: floor - Decimal("0.01")}).level.label
        assert below != result.level.label, (n, floor)
    assert a.focus.indicators and all(1 <= n <= 10 for n in a.focus.indicators)
