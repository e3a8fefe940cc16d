"""A new survey's questionnaire: the year's framework set when known, else the newest (unverified); the
survey keeps its own copy; the administrator can edit questions, parts, scales and reverse coding."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.ita.framework import get_framework
from prongsai.web.surveys.definitions import parts_of
from prongsai.web.surveys.models import Survey
from prongsai.web.surveys.services import survey_definition_update

from .conftest import open_survey


def test_fy2564_iit_comes_from_the_framework_and_is_verified(internal_survey):
    fw = get_framework(2564).surveys["IIT"]
    assert internal_survey.verified and internal_survey.question_set_year == 2564
    assert [p["id"] for p in parts_of(internal_survey.definition)] == [
        p.id for q in fw.questions for p in q.parts
    ]
    # reverse coding comes from the data file
    assert internal_survey.definition["scales"]["four_reverse"]["codes"] == fw.scales["four_reverse"]


def test_a_year_without_questions_starts_from_the_newest_set_unverified(agency, coordinator):
    survey = open_survey(agency, coordinator, fiscal_year=2569)
    assert not survey.verified and survey.question_set_year == 2564
    assert survey.definition["confidence"] == "unverified"


def test_external_starts_from_the_starter_set_unverified(external_survey, coordinator_client):
    assert external_survey.tool == "EIT" and not external_survey.verified
    assert {q["indicator"] for q in external_survey.definition["questions"]} == {6, 7, 8}
    for name in ("surveys:detail", "surveys:results", "surveys:definition"):
        page = coordinator_client.get(reverse(name, args=[external_survey.agency_id, external_survey.pk]))
        assert 'id="unverified"' in page.content.decode(), name
    public = coordinator_client.get(reverse("surveys:answer", args=[external_survey.token]))
    assert 'id="unverified"' in public.content.decode()


def test_the_survey_keeps_its_own_copy(internal_survey):
    stored = Survey.objects.get(pk=internal_survey.pk).definition
    assert stored == internal_survey.definition and stored is not get_framework(2564).surveys


def test_edit_reverse_coding_and_texts(internal_survey, coordinator, coordinator_client):
    data = copy.deepcopy(internal_survey.definition)
    data["questions"][0]["text_th"] = "คำถามที่แก้แล้ว"
    data["questions"][0]["parts"][0]["scale"] = "four_reverse"
    url = reverse("surveys:definition", args=[internal_survey.agency_id, internal_survey.pk])
    page = coordinator_client.post(url, {"definition": json.dumps(data, ensure_ascii=False)})
    assert page.status_code == 302
    survey = Survey.objects.get(pk=internal_survey.pk)
    assert survey.edited and not survey.verified
    assert survey.definition["questions"][0]["parts"][0]["scale"] == "four_reverse"
    assert survey.definition["confidence"] == "unverified"


def test_a_broken_definition_is_refused_in_thai_naming_the_key(internal_survey, coordinator_client):
    data = copy.deepcopy(internal_survey.definition)
    data["questions"][0]["parts"][0]["scale"] = "nine"
    url = reverse("surveys:definition", args=[internal_survey.agency_id, internal_survey.pk])
    page = coordinator_client.post(url, {"definition": json.dumps(data)})
    assert page.status_code == 400
    assert "ไม่มีมาตราวัด" in page.content.decode() and "questions[0]" in page.content.decode()
    bad_json = coordinator_client.post(url, {"definition": "{"})
    assert bad_json.status_code == 400 and "JSON ไม่ถูกต้อง" in bad_json.content.decode()


def test_questions_cannot_change_once_answered(internal_survey, coordinator):
    from prongsai.web.surveys.models import Response

    Response.objects.create(survey=internal_survey, day=internal_survey.opens_on, answers="." * 31)
    with pytest.raises(ValidationError, match="มีผู้ตอบแล้ว"):
        survey_definition_update(
            survey=internal_survey, actor=coordinator, definition=internal_survey.definition
        )


def test_more_parts_than_a_response_can_hold_are_refused(internal_survey, coordinator):
    data = copy.deepcopy(internal_survey.definition)
    data["questions"][0]["parts"] = [
        {"id": f"x{k}", "scale": "four", "text_th": "ส่วนย่อย"} for k in range(400)
    ]
    with pytest.raises(ValidationError, match="ไม่เกิน 400"):
        survey_definition_update(survey=internal_survey, actor=coordinator, definition=data)
