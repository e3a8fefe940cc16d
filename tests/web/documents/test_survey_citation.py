"""The analysis may cite the agency's own surveys (issue 15): chosen by the officer, printed as the
agency's own measurement beside the official result, indicators below the minimum count not shown, and
never another agency's survey."""

from __future__ import annotations

import random
import re
from html import unescape

import pytest
from django.urls import reverse

from prongsai.thai import thai_digits
from prongsai.web.assessments.services import result_save
from prongsai.web.documents.models import AnalysisVersion
from prongsai.web.surveys.answers_codec import answers_encode
from prongsai.web.surveys.definitions import parts_of
from prongsai.web.surveys.models import Response
from prongsai.web.surveys.rules import survey_rules

from ..conftest import client_for
from ..surveys.conftest import open_survey
from ..surveys.helpers import random_answers

SCORES = {1: "95", 2: "96", 3: "94", 4: "97", 5: "95", 6: "80", 7: "82", 8: "78", 9: "100", 10: "98"}
MINIMUM = survey_rules()["results"]["min_responses"]


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def result(agency, coordinator):
    return result_save(agency=agency, fiscal_year=2568, indicators=SCORES, actor=coordinator)


def _answered(survey, n: int, seed: int = 1):
    parts, rng = parts_of(survey.definition), random.Random(seed)
    Response.objects.bulk_create(
        Response(
            survey=survey, day=survey.opens_on, answers=answers_encode(random_answers(survey, rng), parts)
        )
        for _ in range(n)
    )
    return survey


def _save(client, url, **data):
    page = client.get(url)
    form = page.context["form"]
    body = {name: form.initial.get(name, "") for name in form.fields if name.startswith("p")}
    body.update(focus=["8"], **data)
    return client.post(url, body)


def test_the_officer_cites_a_survey_and_the_document_says_whose_measurement_it_is(
    agency, coordinator, result
):
    survey = _answered(open_survey(agency, coordinator), MINIMUM + 4)
    client = client_for(coordinator)
    url = reverse("documents:analysis", args=[agency.pk, 2568])
    page = client.get(url).content.decode()
    assert 'name="surveys"' in page and "แบบสำรวจทดสอบ (IIT" in page
    assert _save(client, url, surveys=[str(survey.pk)]).status_code == 302
    assert AnalysisVersion.objects.get().surveys == [survey.pk]
    text = _text(client.get(reverse("documents:preview", args=[agency.pk, 2568])).content.decode())
    assert "ผลการสำรวจของหน่วยงานเอง (ไม่ใช่ผลการประเมินของสำนักงาน ป.ป.ช.)" in text
    assert f"มีผู้ตอบ {thai_digits(MINIMUM + 4)} คน" in text
    assert "ยังไม่ได้ยืนยัน" not in text  # FY2564's own official questions: no caveat
    # Each indicator of the tool with its survey score beside the official one (95.00 for indicator 1).
    section = text.split("ผลการสำรวจของหน่วยงานเอง", 1)[1]
    assert "95.00" in section and "การปฏิบัติหน้าที่" in section


def test_indicators_below_the_minimum_are_not_shown_and_other_years_questions_are_unverified(
    agency, coordinator, result
):
    survey = _answered(open_survey(agency, coordinator, fiscal_year=2569), MINIMUM - 1)
    AnalysisVersion.objects.create(agency=agency, fiscal_year=2568, number=1, focus=[8], surveys=[survey.pk])
    text = _text(
        client_for(coordinator).get(reverse("documents:preview", args=[agency.pk, 2568])).content.decode()
    )
    section = text.split("ผลการสำรวจของหน่วยงานเอง", 1)[1]
    assert "ไม่แสดง" in section and "ไม่เพื่อไม่" not in section
    assert re.search(r"ผู้ตอบไม่ถึง \S+ คนไม่แสดงผล", section)
    assert "ยังไม่ได้ยืนยัน" in section  # FY2564's questions used for FY2569


def test_without_a_choice_nothing_is_cited(agency, coordinator, result):
    _answered(open_survey(agency, coordinator), MINIMUM + 1)
    AnalysisVersion.objects.create(agency=agency, fiscal_year=2568, number=1, focus=[8])
    text = _text(
        client_for(coordinator).get(reverse("documents:preview", args=[agency.pk, 2568])).content.decode()
    )
    assert "ผลการสำรวจของหน่วยงานเอง" not in text


def test_another_agencys_survey_is_refused_and_never_printed(agency, other_agency, coordinator, result):
    foreign = _answered(open_survey(other_agency, None), MINIMUM + 2)  # opened by the site operator
    own = open_survey(agency, coordinator)
    client = client_for(coordinator)
    url = reverse("documents:analysis", args=[agency.pk, 2568])
    page = client.get(url).content.decode()
    assert re.findall(r'name="surveys" value="(\d+)"', page) == [str(own.pk)]
    response = _save(client, url, surveys=[str(foreign.pk)])
    assert response.status_code == 200 and not AnalysisVersion.objects.exists()
    # A stored id of another agency's survey (as if written elsewhere) is ignored in the document.
    AnalysisVersion.objects.create(agency=agency, fiscal_year=2568, number=1, focus=[8], surveys=[foreign.pk])
    text = _text(client.get(reverse("documents:preview", args=[agency.pk, 2568])).content.decode())
    assert "ผลการสำรวจของหน่วยงานเอง" not in text
