"""Raw survey answers and the OIT checklist against small hand-computed cases."""

from decimal import Decimal

import numpy as np
import pytest

from prongsai.ita.answers import MISSING
from prongsai.ita.errors import InputError
from prongsai.ita.framework import get_framework
from prongsai.ita.oit import score_checklist
from prongsai.ita.survey import score_answers_file, score_columns

FW = get_framework(2564)
COLUMNS = [p.id for q in FW.surveys["IIT"].questions for p in q.parts]


def answers(**overrides):
    """Three respondents answering 'most' (4) everywhere, yes/no questions answered 'no' (0)."""
    cols = {c: np.array([4, 4, 4], dtype=np.int16) for c in COLUMNS}
    for c in ("i4", "i5", "i6", "i26"):
        cols[c] = np.array([0, 0, 0], dtype=np.int16)
    cols.update({k: np.array(v, dtype=np.int16) for k, v in overrides.items()})
    return cols


def q(scores, qid):
    return next(x for x in scores.questions if x.id == qid)


def test_four_level_scale_and_mean():
    s = score_columns(answers(i1=[1, 2, 4]), FW, "IIT")
    assert q(s, "i1").score == Decimal(0 + 33 + 100) / 3


def test_reverse_coded_question():
    # i9 is asked in the negative: 'most' (4) scores 0, 'least' (1) scores 100
    s = score_columns(answers(i9=[4, 1, 3]), FW, "IIT")
    assert q(s, "i9").score == Decimal(0 + 100 + 33) / 3


def test_question_with_a_reverse_coded_part():
    s = score_columns(answers(i11a=[4, 4, 4], i11b=[4, 4, 4]), FW, "IIT")
    assert q(s, "i11").score == Decimal(100 + 0) / 2


def test_yes_no_directions():
    s = score_columns(answers(i4=[1, 0, 0], i26=[1, 1, 0]), FW, "IIT")
    assert q(s, "i4").score == Decimal(0 + 100 + 100) / 3  # bribery: yes = 0
    assert q(s, "i26").score == Decimal(100 + 100 + 0) / 3  # yes = 100


def test_blank_answers_are_left_out_of_the_mean():
    s = score_columns(answers(i2=[MISSING, 2, 4]), FW, "IIT")
    assert q(s, "i2").score == Decimal(33 + 100) / 2
    assert q(s, "i2").answered == 2


def test_indicator_is_mean_of_its_questions():
    s = score_columns(answers(i1=[1, 1, 1]), FW, "IIT")
    # indicator 1 = i1..i6: i1 = 0, i2, i3 = 100, i4..i6 'no' to bribery = 100
    assert s.indicators[1] == Decimal(500) / 6


def test_unverified_aggregation_is_reported():
    # the mean of parts and the mean of questions are unverified (surveys.IIT.aggregation)
    s = score_columns(answers(), FW, "IIT")
    assert (s.confidence, s.aggregation_confidence) == ("unverified", "unverified")
    assert s.to_dict()["aggregation_confidence"] == "unverified"


def test_every_indicator_of_the_tool_is_scored():
    s = score_columns(answers(), FW, "IIT")
    assert set(s.indicators) == {1, 2, 3, 4, 5}
    assert len(s.questions) == 30 and all(q.answered == 3 for q in s.questions)


def test_code_outside_scale_is_refused_with_line_and_column():
    with pytest.raises(InputError) as e:
        score_columns(answers(i3=[4, 7, 4]), FW, "IIT", path="a.csv")
    assert e.value.line == 3 and e.value.column == "i3" and "7" in e.value.message_th


def test_answers_file(tmp_path):
    path = tmp_path / "answers.csv"
    rows = [",".join(["respondent_id"] + COLUMNS)]
    for k in range(4):
        vals = ["0" if c in ("i4", "i5", "i6", "i26") else str(k % 4 + 1) for c in COLUMNS]
        rows.append(",".join([str(k)] + vals))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    s = score_answers_file(path, FW, "IIT")
    assert s.respondents == 4
    assert q(s, "i1").score == Decimal(0 + 33 + 67 + 100) / 4
    assert q(s, "i9").score == Decimal(100 + 67 + 33 + 0) / 4


def test_answers_file_non_integer_names_the_cell(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text(",".join(COLUMNS) + "\n" + ",".join(["x"] + ["1"] * (len(COLUMNS) - 1)) + "\n")
    with pytest.raises(InputError) as e:
        score_answers_file(path, FW, "IIT")
    assert e.value.column == "i1"
    assert "x" in e.value.message_th


def test_survey_for_a_year_without_questions():
    with pytest.raises(InputError, match="ยังไม่มีแบบสอบถาม"):
        score_columns({"i1": np.array([1])}, get_framework(2568), "IIT")


def test_oit_grouping_reproduces_published_indicator_10():
    checklist = {code: True for code in FW.oit.item_names}
    checklist["O35"] = False  # one of the eight items of 10.1
    scores = score_checklist(FW, checklist)
    assert scores.subindicators["10.1"] == Decimal(100) * 7 / 8
    assert scores.subindicators["10.2"] == Decimal(100)
    assert scores.indicators[10] == Decimal("93.75")
    assert scores.indicators[9] == Decimal(100)


def test_oit_checklist_must_be_complete():
    with pytest.raises(InputError, match="O43"):
        score_checklist(FW, {code: True for code in FW.oit.item_names if code != "O43"})
    with pytest.raises(InputError, match="O99"):
        score_checklist(FW, {**{code: True for code in FW.oit.item_names}, "O99": True})


def test_oit_checklist_of_a_year_without_known_grouping_is_refused():
    fw = get_framework(2569)
    with pytest.raises(InputError) as e:
        score_checklist(fw, {i.code: True for i in fw.oit.items})
    assert "2569" in e.value.message_th and "จัดกลุ่ม" in e.value.message_th
