"""Storing an external survey's answer (on PostgreSQL one statement, elsewhere one transaction): the
Idempotency-Key, the address's count and the response are kept together or not at all."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test import Client

from prongsai.web.surveys import services
from prongsai.web.surveys.models import IdempotentSubmission, RateCount, Response

from .helpers import random_answers

pytestmark = pytest.mark.django_db


def _post(survey, answers, key="", address="10.1.2.3"):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return Client(REMOTE_ADDR=address).post(
        f"/api/surveys/{survey.pk}/responses",
        {"answers": answers},
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def limit_of_two(monkeypatch):
    rules = {
        **services.survey_rules(),
        "external": {**services.survey_rules()["external"], "public_per_window": 2},
    }
    monkeypatch.setattr(services, "survey_rules", lambda: rules)


def test_over_the_limit_nothing_is_kept_and_the_key_stays_free(external_survey, limit_of_two):
    answers = random_answers(external_survey, random.Random(5))
    assert [_post(external_survey, answers, key=f"k{n}").status_code for n in range(2)] == [201, 201]
    refused = _post(external_survey, answers, key="k-late")
    assert refused.status_code == 429
    assert Response.objects.filter(survey=external_survey).count() == 2
    assert RateCount.objects.get().count == 2  # the refused answer did not count
    assert IdempotentSubmission.objects.count() == 2  # nor used its key: a later retry can still store it
    # The same key from another address (a phone that changed network) is stored once.
    assert _post(external_survey, answers, key="k-late", address="10.9.9.9").status_code == 201
    assert _post(external_survey, answers, key="k-late", address="10.9.9.9").json()["repeated"] is True
    assert Response.objects.filter(survey=external_survey).count() == 3
    # The connection is usable after the refusal (on PostgreSQL the statement failed on purpose).
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_repeated_key_stores_one_response_and_counts_once(external_survey, limit_of_two):
    answers = random_answers(external_survey, random.Random(6))
    first = _post(external_survey, answers, key="same")
    again = _post(external_survey, answers, key="same")
    assert (first.status_code, first.json()["repeated"]) == (201, False)
    assert (again.status_code, again.json()["repeated"]) == (201, True)
    assert Response.objects.filter(survey=external_survey).count() == 1
    assert RateCount.objects.get().count == 1


def test_without_a_key_each_post_is_a_response(external_survey, limit_of_two):
    answers = random_answers(external_survey, random.Random(7))
    assert [_post(external_survey, answers).status_code for _ in range(3)] == [201, 201, 429]
    assert Response.objects.filter(survey=external_survey).count() == 2


def test_a_survey_closed_after_its_first_answer_refuses_the_next(external_survey):
    """Each process remembers an answered survey (PostgreSQL); the statement itself still checks the
    survey's dates, so closing it early takes effect at once."""
    import datetime as dt

    from django.utils import timezone

    answers = random_answers(external_survey, random.Random(8))
    assert _post(external_survey, answers, key="a").status_code == 201
    external_survey.closes_on = timezone.localdate() - dt.timedelta(days=1)
    external_survey.save(update_fields=["closes_on"])
    assert _post(external_survey, answers, key="b").status_code == 410
    assert Response.objects.filter(survey=external_survey).count() == 1
    assert IdempotentSubmission.objects.count() == 1  # the refused answer kept nothing, its key included
