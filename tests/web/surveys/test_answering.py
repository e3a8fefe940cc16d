"""Answering: anonymous, one-time codes for internal surveys, per-device and per-address limits for
external ones, open and closed dates, errors per question with a summary, stored before acknowledged."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.web.surveys.definitions import parts_of
from prongsai.web.surveys.models import IssuedCode, Response, UsedCode
from prongsai.web.surveys.services import codes_issue, response_submit

from .helpers import random_answers


def _post(client, survey, answers, **extra):
    return client.post(reverse("surveys:answer", args=[survey.token]), {**answers, **extra})


def test_internal_answer_with_a_code_is_stored_then_acknowledged(internal_survey, coordinator):
    code = codes_issue(survey=internal_survey, actor=coordinator, count=3)[0]
    client = Client()
    page = client.get(reverse("surveys:answer", args=[internal_survey.token]))
    assert page.status_code == 200 and 'name="code"' in page.content.decode()
    answers = random_answers(internal_survey, random.Random(1))
    done = _post(client, internal_survey, answers, code=code)
    assert done.status_code == 302 and done["Location"].endswith("/thanks/")
    assert Response.objects.filter(survey=internal_survey).count() == 1
    assert "บันทึกคำตอบของท่านแล้ว" in client.get(done["Location"]).content.decode()


def test_a_code_cannot_be_used_twice(internal_survey, coordinator):
    code = codes_issue(survey=internal_survey, actor=coordinator, count=1)[0]
    answers = random_answers(internal_survey, random.Random(2))
    assert _post(Client(), internal_survey, answers, code=code).status_code == 302
    again = _post(Client(), internal_survey, answers, code=code.lower().replace("-", " "))
    assert again.status_code == 409 and "ใช้ได้ครั้งเดียว" in again.content.decode()
    assert Response.objects.filter(survey=internal_survey).count() == 1
    unknown = _post(Client(), internal_survey, answers, code="ZZZZ-ZZZZ")
    assert unknown.status_code == 400 and "ไม่พบรหัสนี้" in unknown.content.decode()


def test_a_used_code_cannot_be_joined_to_an_answer(internal_survey, coordinator):
    codes = codes_issue(survey=internal_survey, actor=coordinator, count=2)
    for k, code in enumerate(codes):
        response_submit(
            survey=internal_survey, answers=random_answers(internal_survey, random.Random(k)), code=code
        )
    # No table holds a response and a code together: the used codes have no link to a response, no date,
    # and no sequence of their own (the primary key is the salted hash).
    used_fields = {f.name for f in UsedCode._meta.get_fields()}
    assert used_fields == {"code_hash", "survey_ref"}
    assert not any(f.is_relation for f in Response._meta.get_fields() if f.name not in ("survey", "service"))
    assert {f.name for f in IssuedCode._meta.get_fields()} == {"id", "survey", "code_hash"}
    for model in (UsedCode, IssuedCode):
        assert not [
            f for f in model._meta.get_fields() if f.get_internal_type() in ("DateField", "DateTimeField")
        ]
    stored = list(Response.objects.values_list("answers", flat=True))
    hashes = set(UsedCode.objects.values_list("code_hash", flat=True))
    assert len(hashes) == 2 and not any(h in a for h in hashes for a in stored)
    assert not any(c.replace("-", "") in a for c in codes for a in stored)


def test_an_answer_carries_no_address_user_agent_or_time(external_survey):
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) TestPhone", REMOTE_ADDR="203.0.113.77")
    answers = random_answers(external_survey, random.Random(3))
    assert _post(client, external_survey, answers).status_code == 302
    columns = {f.column: f.get_internal_type() for f in Response._meta.concrete_fields}
    assert "DateTimeField" not in columns.values() and "TimeField" not in columns.values()
    assert set(columns) == {"id", "survey_id", "day", "answers", "service_id"}
    with connection.cursor() as cur:
        cur.execute(f"select * from {Response._meta.db_table}")
        row = cur.fetchone()
        names = [c[0] for c in cur.description]
    text = " ".join(str(v) for v in row)
    assert "203.0.113.77" not in text and "TestPhone" not in text and "Mozilla" not in text
    assert row[names.index("day")] in (timezone.localdate(), str(timezone.localdate()))


def test_one_response_per_device_for_external(external_survey):
    client = Client()
    answers = random_answers(external_survey, random.Random(4))
    assert _post(client, external_survey, answers).status_code == 302
    second = _post(client, external_survey, answers)
    assert second.status_code == 429 and "ครบจำนวน" in second.content.decode()
    assert _post(Client(), external_survey, answers).status_code == 302  # another device
    assert Response.objects.filter(survey=external_survey).count() == 2


def test_the_per_address_limit_counts_in_the_database(external_survey, monkeypatch):
    from prongsai.web.surveys import services

    rules = {
        **services.survey_rules(),
        "external": {**services.survey_rules()["external"], "public_per_window": 2},
    }
    monkeypatch.setattr(services, "survey_rules", lambda: rules)
    answers = random_answers(external_survey, random.Random(5))
    statuses = [
        _post(Client(REMOTE_ADDR="198.51.100.9"), external_survey, answers).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_errors_are_summarised_at_the_top_with_links(internal_survey, coordinator):
    code = codes_issue(survey=internal_survey, actor=coordinator, count=1)[0]
    answers = random_answers(internal_survey, random.Random(6))
    required = [p for p in parts_of(internal_survey.definition) if not p["blank_allowed"]]
    answers[required[0]["id"]] = ""
    page = _post(Client(), internal_survey, answers, code=code)
    body = page.content.decode()
    assert page.status_code == 400
    assert 'id="error-summary"' in body and f'href="#q-{required[0]["id"]}"' in body
    assert body.index("error-summary") < body.index('name="code"')
    assert 'aria-invalid="true"' in body and "โปรดเลือกคำตอบ" in body
    assert not Response.objects.exists() and not UsedCode.objects.exists()  # the code is not spent


def test_partial_answers_where_the_scale_allows_blank(internal_survey, coordinator):
    code = codes_issue(survey=internal_survey, actor=coordinator, count=1)[0]
    answers = {
        p["id"]: ("" if p["blank_allowed"] else p["codes"][0]) for p in parts_of(internal_survey.definition)
    }
    assert _post(Client(), internal_survey, answers, code=code).status_code == 302
    assert "." in Response.objects.get().answers


@pytest.mark.parametrize("shift, status, text", [(-40, 410, "ปิดรับคำตอบแล้ว"), (5, 200, "ยังไม่เปิด")])
def test_closed_and_not_yet_open(internal_survey, shift, status, text):
    today = timezone.localdate()
    internal_survey.opens_on = today + dt.timedelta(days=shift)
    internal_survey.closes_on = internal_survey.opens_on + dt.timedelta(days=30 if shift > 0 else 1)
    internal_survey.save()
    page = Client().get(reverse("surveys:answer", args=[internal_survey.token]))
    assert page.status_code == status and text in page.content.decode()
    posted = _post(Client(), internal_survey, random_answers(internal_survey, random.Random(7)), code="X")
    assert posted.status_code == status and not Response.objects.exists()


def test_external_may_ask_for_a_service_from_the_catalogue(agency, other_agency, coordinator):
    from prongsai.web.services.models import Service

    from .conftest import open_survey

    mine = Service.objects.create(agency=agency, code="water", name_th="ขอใช้น้ำประปา")
    theirs = Service.objects.create(agency=other_agency, code="tax", name_th="ชำระภาษี")
    survey = open_survey(agency, coordinator, kind="external", ask_service=True)
    page = Client().get(reverse("surveys:answer", args=[survey.token]))
    assert "ขอใช้น้ำประปา" in page.content.decode() and "ชำระภาษี" not in page.content.decode()
    answers = random_answers(survey, random.Random(8))
    assert _post(Client(), survey, answers, service=str(theirs.pk)).status_code == 400
    assert _post(Client(), survey, answers, service=str(mine.pk)).status_code == 302
    assert Response.objects.get().service == mine


def test_stored_answers_read_back_the_same_after_the_definition_is_reloaded(internal_survey, coordinator):
    """The definition comes back from PostgreSQL's jsonb with its keys reordered; the answers must not."""
    from prongsai.web.surveys.answers_codec import answers_decode
    from prongsai.web.surveys.models import Survey

    code = codes_issue(survey=internal_survey, actor=coordinator, count=1)[0]
    answers = random_answers(internal_survey, random.Random(9))
    response_submit(survey=internal_survey, answers=answers, code=code)
    reloaded = Survey.objects.get(pk=internal_survey.pk)
    reversed_codes = {
        k: dict(reversed(list(v["codes"].items()))) for k, v in reloaded.definition["scales"].items()
    }
    for name, codes in reversed_codes.items():
        reloaded.definition["scales"][name]["codes"] = codes  # what jsonb may do to the order
    assert answers_decode(Response.objects.get().answers, parts_of(reloaded.definition)) == answers


def test_guessing_codes_from_one_address_is_slowed(internal_survey, coordinator, monkeypatch):
    from prongsai.web.surveys import services

    rules = {**services.survey_rules(), "codes": {**services.survey_rules()["codes"], "wrong_per_window": 2}}
    monkeypatch.setattr(services, "survey_rules", lambda: rules)
    code = codes_issue(survey=internal_survey, actor=coordinator, count=2)
    answers = random_answers(internal_survey, random.Random(10))
    guesser = "192.0.2.50"
    assert [
        _post(Client(REMOTE_ADDR=guesser), internal_survey, answers, code=f"AAAA-AAA{k}").status_code
        for k in range(2)
    ] == [400, 400]
    assert _post(Client(REMOTE_ADDR=guesser), internal_survey, answers, code=code[0]).status_code == 429
    assert _post(Client(REMOTE_ADDR="192.0.2.51"), internal_survey, answers, code=code[0]).status_code == 302
    assert not UsedCode.objects.exclude(
        code_hash=services.code_hash(survey=internal_survey, code=code[0])
    ).exists()
