"""The officer's what-if: typed target scores re-scored by the year's weights and level rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from prongsai.ita.framework import get_framework
from prongsai.ita.scoring import score_indicators, score_tools
from prongsai.ita.whatif import project

FAILING = {1: 95, 2: 96, 3: 94, 4: 97, 5: 95, 6: 80, 7: 82, 8: 78, 9: 100, 10: 98}


def test_fy2568_targets_by_hand():
    # FY2568: IIT 30 %, EIT 30 %, OIT 40 %. Assessed: IIT 95.4, EIT 80, OIT 99 → 28.62 + 24 + 39.6 = 92.22.
    result = score_indicators(get_framework(2568), FAILING)
    assert (result.total, result.level.label) == (Decimal("92.22"), "ผ่าน")
    # EIT to 95 (6, 7, 8 at 95): 28.62 + 28.5 + 39.6 = 96.72, and every tool ≥ 95 → ผ่านดีเยี่ยม.
    p = project(result, {6: Decimal(95), 7: Decimal(95), 8: Decimal(95)})
    assert (p.projected.total, p.projected.level.label) == (Decimal("96.72"), "ผ่านดีเยี่ยม")
    assert p.total_change == Decimal("4.50") and p.level_changed
    assert "96.72" in p.projected.level.reason_th and "ผ่านดีเยี่ยม" in p.projected.level.reason_th
    assert p.changed == {
        6: (Decimal(80), Decimal(95)),
        7: (Decimal(82), Decimal(95)),
        8: (Decimal(78), Decimal(95)),
    }
    # Only indicator 8 to 90: EIT (80+82+90)/3 = 84 → 25.2; total 93.42, still ผ่าน (EIT under 85).
    one = project(result, {8: Decimal(90)})
    assert (one.projected.total, one.projected.level.label) == (Decimal("93.42"), "ผ่าน")


def test_fy2564_grades_follow_that_years_level_rules():
    # FY2564 grades by the total alone (AA from 95, A from 85): the same targets give AA, not ผ่านดีเยี่ยม.
    result = score_indicators(get_framework(2564), FAILING)
    assert (result.total, result.level.label) == (Decimal("92.22"), "A")
    p = project(result, {6: Decimal(95), 7: Decimal(95), 8: Decimal(95)})
    assert (p.projected.total, p.projected.level.label) == (Decimal("96.72"), "AA")
    # OIT indicator 9 down to 50: OIT (50+98)/2 = 74 → 29.6; total 82.22, grade B.
    down = project(result, {9: Decimal(50)})
    assert (down.projected.total, down.projected.level.label) == (Decimal("82.22"), "B")


def test_a_target_equal_to_the_score_changes_nothing_and_unknown_keys_are_refused():
    result = score_indicators(get_framework(2568), FAILING)
    same = project(result, {1: Decimal(95)})
    assert same.changed == {} and same.projected.total == result.total
    with pytest.raises(KeyError):
        project(result, {11: Decimal(90)})


def test_tools_only_results_take_tool_targets():
    result = score_tools(get_framework(2568), {"IIT": 90, "EIT": 88, "OIT": 80})
    p = project(result, {"OIT": Decimal(95)})
    # 27 + 26.4 + 38 = 91.40
    assert p.projected.total == Decimal("91.40")
