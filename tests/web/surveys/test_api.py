"""The surveys API: questions and answering in public while open, scores and the export for staff."""

from __future__ import annotations

import datetime as dt
import random

from django.test import Client
from django.utils import timezone

from prongsai.web.surveys.models import Response
from prongsai.web.surveys.rules import survey_rules
from prongsai.web.surveys.services import codes_issue

from .helpers import random_answers


def _post(survey, body, **headers):
    return Client().post(
        f"/api/surveys/{survey.pk}/responses", body, content_type="application/json", **headers
    )


def test_questions_are_public_with_score_survey_column_names(internal_survey):
    data = Client().get(f"/api/surveys/{internal_survey.pk}").json()
    assert data["tool"] == "IIT" and data["fiscal_year"] == 2564 and data["question_set_year"] == 2564
    q11 = next(q for q in data["questions"] if q["id"] == "i11")
    assert [p["id"] for p in q11["parts"]] == ["i11a", "i11b"]
    assert q11["parts"][0]["codes"] == ["1", "2", "3", "4"] and isinstance(
        q11["parts"][0]["blank_allowed"], bool
    )


def test_post_201_400_409_and_idempotency(internal_survey, coordinator):
    code, other = codes_issue(survey=internal_survey, actor=coordinator, count=2)
    answers = random_answers(internal_survey, random.Random(1))
    first = _post(internal_survey, {"answers": answers, "code": code}, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201
    retry = _post(internal_survey, {"answers": answers, "code": code}, HTTP_IDEMPOTENCY_KEY="k-1")
    assert retry.status_code == 201 and retry.json()["repeated"] is True
    assert Response.objects.count() == 1
    assert _post(internal_survey, {"answers": answers, "code": code}).status_code == 409
    bad = _post(internal_survey, {"answers": {**answers, "i4": "7", "nope": "1"}, "code": other})
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert set(errors) == {"i4", "nope"} and "ใช้ไม่ได้" in errors["i4"]
    assert Response.objects.count() == 1


def test_closed_is_410_and_not_open_yet_is_404(external_survey):
    today = timezone.localdate()
    external_survey.opens_on, external_survey.closes_on = (
        today - dt.timedelta(days=9),
        today - dt.timedelta(days=1),
    )
    external_survey.save()
    assert Client().get(f"/api/surveys/{external_survey.pk}").status_code == 410
    answers = random_answers(external_survey, random.Random(2))
    assert _post(external_survey, {"answers": answers}).status_code == 410
    external_survey.opens_on, external_survey.closes_on = (
        today + dt.timedelta(days=1),
        today + dt.timedelta(days=9),
    )
    external_survey.save()
    assert Client().get(f"/api/surveys/{external_survey.pk}").status_code == 404


def test_429_over_the_address_limit(external_survey, monkeypatch):
    from prongsai.web.surveys import services

    rules = {**survey_rules(), "external": {**survey_rules()["external"], "public_per_window": 1}}
    monkeypatch.setattr(services, "survey_rules", lambda: rules)
    answers = random_answers(external_survey, random.Random(3))
    assert _post(external_survey, {"answers": answers}).status_code == 201
    assert _post(external_survey, {"answers": answers}).status_code == 429


def test_scores_and_export_are_for_the_agencys_staff_only(
    internal_survey, coordinator, coordinator_client, other_client
):
    minimum = survey_rules()["results"]["min_responses"]
    rng = random.Random(4)
    for code in codes_issue(survey=internal_survey, actor=coordinator, count=minimum):
        assert (
            _post(
                internal_survey, {"answers": random_answers(internal_survey, rng), "code": code}
            ).status_code
            == 201
        )
    scores = coordinator_client.get(f"/api/surveys/{internal_survey.pk}/scores").json()
    assert scores["responses"] == minimum and all(v is not None for v in scores["indicators"].values())
    assert set(scores["indicators"]) == {"1", "2", "3", "4", "5"} and scores["tools"]["IIT"] is not None
    csv = coordinator_client.get(f"/api/surveys/{internal_survey.pk}/answers.csv")
    assert csv.status_code == 200 and csv.content.decode().count("\r\n") == minimum + 1
    for url in (
        f"/api/surveys/{internal_survey.pk}/scores",
        f"/api/surveys/{internal_survey.pk}/answers.csv",
    ):
        assert other_client.get(url).status_code == 404
        assert Client().get(url).status_code == 401
