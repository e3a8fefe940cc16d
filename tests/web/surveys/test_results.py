"""Results: the engine's survey scorer (score-survey's code) on the stored answers, hidden below the
minimum count, compared with the last official result; the export scores the same with the CLI."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from decimal import Decimal

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.ita.framework import get_framework
from prongsai.ita.scoring import round_half_up
from prongsai.ita.survey import score_answers_file
from prongsai.web.assessments.services import result_save
from prongsai.web.surveys.models import Response
from prongsai.web.surveys.rules import survey_rules
from prongsai.web.surveys.selectors import survey_answers_csv, survey_results
from prongsai.web.surveys.services import codes_issue, response_submit

from .helpers import random_answers

MINIMUM = survey_rules()["results"]["min_responses"]


def _answer(survey, actor, n, seed=0, blanks=0.0):
    rng = random.Random(seed)
    codes = codes_issue(survey=survey, actor=actor, count=n) if survey.internal else [""] * n
    for code in codes:
        response_submit(survey=survey, answers=random_answers(survey, rng, blanks), code=code)


def test_results_hidden_until_the_minimum_then_shown(internal_survey, coordinator, coordinator_client):
    url = reverse("surveys:results", args=[internal_survey.agency_id, internal_survey.pk])
    _answer(internal_survey, coordinator, MINIMUM - 1)
    hidden = survey_results(survey=internal_survey)
    assert hidden.responses == MINIMUM - 1
    assert set(hidden.indicators.values()) == {None} and hidden.tools == {"IIT": None}
    assert all(q["score"] is None for q in hidden.questions)
    assert "ยังไม่แสดง" in coordinator_client.get(url).content.decode()
    _answer(internal_survey, coordinator, 1, seed=1)
    shown = survey_results(survey=internal_survey)
    assert all(v is not None for v in shown.indicators.values()) and shown.tools["IIT"] is not None
    page = coordinator_client.get(url).content.decode()
    assert "ไม่ใช่ผลการประเมินของสำนักงาน ป.ป.ช." in page and f"มีผู้ตอบ {MINIMUM} คน" in page


def test_a_question_with_few_answers_hides_its_indicator_only(internal_survey, coordinator):
    # blanks in skippable questions: some questions stay below the minimum while others pass
    _answer(internal_survey, coordinator, MINIMUM + 2, seed=3, blanks=0.5)
    results = survey_results(survey=internal_survey)
    by_indicator = {}
    for q in results.questions:
        by_indicator.setdefault(q["indicator"], []).append(q)
        assert (q["score"] is None) == (q["answered"] < MINIMUM)
    for number, questions in by_indicator.items():
        assert (results.indicators[number] is None) == any(q["score"] is None for q in questions)


def _cli(path, year, tool):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "prongsai.cli",
            "score-survey",
            str(path),
            "--year",
            str(year),
            "--tool",
            tool,
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_export_scores_the_same_with_score_survey(internal_survey, coordinator, tmp_path):
    _answer(internal_survey, coordinator, 25, seed=4, blanks=0.2)
    text = survey_answers_csv(survey=internal_survey)
    assert text.startswith("respondent_id,date,i1,") and "\r\n" in text
    path = tmp_path / "answers.csv"
    path.write_text(text, encoding="utf-8", newline="")
    cli = _cli(path, internal_survey.question_set_year, internal_survey.tool)
    web = survey_results(survey=internal_survey)
    q2 = Decimal("0.01")
    assert cli["respondents"] == web.responses == 25
    assert {int(k): Decimal(str(v)).quantize(q2) for k, v in cli["indicators"].items()} == web.indicators
    assert {q["id"]: Decimal(str(q["score"])).quantize(q2) for q in cli["questions"]} == {
        q["id"]: q["score"] for q in web.questions
    }


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), extra=st.integers(0, 15), blanks=st.floats(0, 0.3))
def test_property_web_results_equal_score_survey_on_the_export(
    internal_survey, tmp_path, seed, extra, blanks
):
    rng = random.Random(seed)
    Response.objects.filter(survey=internal_survey).delete()
    from prongsai.web.surveys.answers_codec import answers_encode
    from prongsai.web.surveys.definitions import parts_of

    parts = parts_of(internal_survey.definition)
    Response.objects.bulk_create(
        Response(
            survey=internal_survey,
            day=internal_survey.opens_on,
            answers=answers_encode(random_answers(internal_survey, rng, blanks), parts),
        )
        for _ in range(MINIMUM + extra)
    )
    path = tmp_path / f"a{seed}.csv"
    path.write_text(survey_answers_csv(survey=internal_survey), encoding="utf-8", newline="")
    engine = score_answers_file(path, get_framework(2564), "IIT")  # what score-survey computes
    web = survey_results(survey=internal_survey)
    for number, value in engine.indicators.items():
        if web.indicators[number] is not None:
            # Shown to two places with the engine's own rounding (half up: 49.725 is 49.73).
            assert web.indicators[number] == round_half_up(value, 2)
    answered = {q.id: q.answered for q in engine.questions}
    assert {q["id"]: q["answered"] for q in web.questions} == answered


def test_comparison_with_the_last_official_result(internal_survey, coordinator, coordinator_client):
    result_save(
        agency=internal_survey.agency,
        fiscal_year=2567,
        actor=coordinator,
        indicators={n: "80.00" for n in range(1, 11)},
    )
    _answer(internal_survey, coordinator, MINIMUM, seed=5)
    results = survey_results(survey=internal_survey)
    assert results.official_year == 2567 and results.comparison[1] == Decimal("80.00")
    page = coordinator_client.get(
        reverse("surveys:results", args=[internal_survey.agency_id, internal_survey.pk])
    )
    body = page.content.decode()
    assert "ผลการประเมินอย่างเป็นทางการล่าสุดของหน่วยงาน (ปี 2567)" in body
    assert results.whatif["replaced"] == [1, 2, 3, 4, 5] and results.whatif["official_total"] == Decimal(
        "80.00"
    )
    iit = sum(survey_results_exact(results).values()) / 5  # an independent check of the weights 30/30/40
    assert abs(results.whatif["total"] - (Decimal("0.3") * iit + Decimal("56"))) <= Decimal("0.01")
    assert f'id="whatif-total">{results.whatif["total"]}<' in body
    row = body[body.index('id="indicator-1"') :].split("</tr>")[0]
    assert str(results.indicators[1] - Decimal("80.00")) in row, row


def survey_results_exact(results):
    return {n: v for n, v in results.indicators.items() if n <= 5}


def test_export_download(internal_survey, coordinator, coordinator_client):
    _answer(internal_survey, coordinator, 2, seed=6)
    page = coordinator_client.get(
        reverse("surveys:export", args=[internal_survey.agency_id, internal_survey.pk])
    )
    assert page.status_code == 200 and page["Content-Type"].startswith("text/csv")
    assert page.content.decode().count("\r\n") == 3


def test_supervisors_see_counts_and_indicators_under_the_same_minimum(
    internal_survey, coordinator, supervisor, other_client
):
    from ..conftest import client_for

    url = reverse("surveys:overview") + "?year=2564"
    _answer(internal_survey, coordinator, MINIMUM - 1, seed=7)
    page = client_for(supervisor).get(url).content.decode()
    assert internal_survey.title in page and f'<td class="num">{MINIMUM - 1}</td>' in page
    assert f"{survey_results(survey=internal_survey).indicators}".count("None") == 5
    _answer(internal_survey, coordinator, 1, seed=8)
    shown = survey_results(survey=internal_survey).indicators
    page = client_for(supervisor).get(url).content.decode()
    assert all(f'<td class="num">{v}</td>' in page for v in shown.values())
    assert internal_survey.title not in other_client.get(url).content.decode()
