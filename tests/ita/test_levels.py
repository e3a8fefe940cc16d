"""Level rules at and around every threshold, in both eras, and the level's own explanation."""

from decimal import Decimal

import pytest

from prongsai.ita.framework import framework_data, get_framework
from prongsai.ita.framework_parse import parse_framework
from prongsai.ita.scoring import score_tools


def level(year, iit, eit, oit):
    return score_tools(get_framework(year), {"IIT": iit, "EIT": eit, "OIT": oit})


@pytest.mark.parametrize(
    ("tools", "total", "label"),
    [
        ((99, 84, 99), "94.50", "ผ่าน"),  # the example: EIT below 85
        ((95, 95, 95), "95.00", "ผ่านดีเยี่ยม"),
        ((100, 94.99, 100), "98.50", "ผ่านดี"),  # total high, one tool just under 95
        ((85, 85, 85), "85.00", "ผ่านดี"),
        ((100, 84.99, 100), "95.50", "ผ่าน"),
        ((84.99, 84.99, 84.99), "84.99", "ต้องปรับปรุง"),
        ((70, 70, 70), "70.00", "ต้องปรับปรุง"),
        ((69.99, 69.99, 69.99), "69.99", "ต้องปรับปรุงโดยด่วน"),
        ((0, 0, 0), "0.00", "ต้องปรับปรุงโดยด่วน"),
        ((100, 100, 100), "100.00", "ผ่านดีเยี่ยม"),
        ((100, 85, 100), "95.50", "ผ่านดี"),  # one tool exactly at 85: still ผ่านดี
        ((80, 90, 85), "85.00", "ผ่าน"),  # total exactly 85, IIT below 85
        ((80, 90, 84.975), "84.99", "ต้องปรับปรุง"),  # 84.99 → not ผ่าน, whatever the tools
        ((60, 80, 70), "70.00", "ต้องปรับปรุง"),  # total exactly 70 with tools either side
        ((60, 80, 69.975), "69.99", "ต้องปรับปรุงโดยด่วน"),
        ((94.99, 94.99, 94.99), "94.99", "ผ่านดี"),
    ],
)
def test_tool_threshold_era(tools, total, label):
    for year in (2566, 2567, 2568, 2569):
        r = level(year, *tools)
        assert r.total == Decimal(total)
        assert r.level.label == label


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (100, "AA"),
        (95, "AA"),
        (94.99, "A"),
        (85, "A"),
        (84.99, "B"),
        (75, "B"),
        (74.99, "C"),
        (65, "C"),
        (64.99, "D"),
        (55, "D"),
        (54.99, "E"),
        (50, "E"),
        (49.99, "F"),
        (0, "F"),
    ],
)
def test_grade_era(score, label):
    for year in (2563, 2564, 2565):
        assert level(year, score, score, score).level.label == label


def test_total_rounded_half_up_before_comparison():
    # 0.3*95 + 0.3*95 + 0.4*94.995 = 94.998 → 95.00
    r = level(2568, "95", "95", "94.995")
    assert r.total == Decimal("95.00")
    # OIT 94.995 is published as 95.00, so the tool condition holds at published precision
    assert r.level.label == "ผ่านดีเยี่ยม"
    # …but comparing tools as published is an assumption (levels.tool_scores, unverified), and it decided
    # this level: the decision says so and carries the weaker confidence
    assert r.level.confidence == "unverified"
    assert "OIT 94.995 ปัดเป็น 95.00" in r.level.reason_th
    assert "ยังไม่ได้ยืนยันกับประกาศของสำนักงาน ป.ป.ช." in r.level.reason_th
    assert "unverified" not in r.level.reason_th  # worded for an officer, in Thai
    # where the choice does not decide, the level keeps its own rule's confidence and a plain reason
    r = level(2568, "96", "96", "96.004")
    assert (r.level.label, r.level.confidence) == ("ผ่านดีเยี่ยม", "reported")
    assert "ปัดเป็น" not in r.level.reason_th


def test_tool_comparison_is_data():
    d = framework_data(2568)  # the year's whole data, its `extends` chain resolved
    d["levels"]["tool_scores"]["compare"] = "exact"
    fw = parse_framework(d, "x/2568.toml")
    r = score_tools(fw, {"IIT": "95", "EIT": "95", "OIT": "94.995"})
    assert r.total == Decimal("95.00")
    assert r.level.label == "ผ่านดี"  # unrounded, OIT 94.995 < 95
    assert r.level.reason_th.startswith(
        "คะแนนเครื่องมือ OIT 94.995 ต่ำกว่า 95 คะแนน ผลการประเมินจึงอยู่ในระดับผ่านดี ยังไม่ถึงระดับผ่านดีเยี่ยม"
    )
    assert r.level.confidence == "unverified"


def test_reason_names_the_deciding_condition():
    r = level(2568, 99, 84.2, 99)
    assert r.level.label == "ผ่าน"
    # In words, not arrows and inequality signs.
    assert (
        r.level.reason_th == "คะแนนเครื่องมือ EIT 84.20 ต่ำกว่า 85 คะแนน ผลการประเมินจึงอยู่ในระดับผ่าน ยังไม่ถึงระดับผ่านดี"
    )
    assert r.level.reason_en == "EIT 84.20 below 85: Pass, not Pass, good"
    r = level(2568, 96, 94, 96)
    assert r.level.label == "ผ่านดี"
    assert "EIT 94.00 ต่ำกว่า 95 คะแนน" in r.level.reason_th and "ยังไม่ถึงระดับผ่านดีเยี่ยม" in r.level.reason_th
    r = level(2566, 80, 82, 98)
    assert r.level.reason_th == (
        "คะแนนเครื่องมือ IIT 80.00 และ EIT 82.00 ต่ำกว่า 85 คะแนน ผลการประเมินจึงอยู่ในระดับผ่าน ยังไม่ถึงระดับผ่านดี"
    )
    assert not set("<>‹›→≥≤≈") & set(r.level.reason_th)
    r = level(2564, 90, 90, 90)
    assert r.level.reason_th == "คะแนนรวม 90.00 คะแนน ต่ำกว่า 95 คะแนน ผลการประเมินจึงอยู่ในระดับ A ยังไม่ถึงระดับ AA"
    assert r.level.reason_en == "total 90.00 is below 95: A, not AA"


def test_unverified_levels_say_so():
    assert level(2568, 80, 80, 80).level.confidence == "unverified"
    assert level(2568, 99, 99, 99).level.confidence == "reported"
