"""The back-office JSON API: behaviour, and schemathesis against its OpenAPI document finds no server error
and no answer (errors included) the document does not declare."""

from __future__ import annotations

import pytest
from django.test import Client

from prongsai.web.cases.services import case_submit

from ..api_checks import fuzz_api
from ..conftest import client_for


def test_api_list_answer_and_status(coordinator, agency, catalogue):
    case, _ = case_submit(agency=agency, kind="question", description="ถาม")
    client = client_for(coordinator)
    [row] = client.get(f"/api/cases/?agency_id={agency.pk}").json()
    assert row["tracking_no"] == case.tracking_no and row["status"] == "received"
    answered = client.post(
        f"/api/cases/{case.pk}/answer", {"text": "ตอบ"}, content_type="application/json"
    ).json()
    assert answered["status"] == "answered" and answered["first_answered_at"]
    bad = client.post(
        f"/api/cases/{case.pk}/status", {"status": "scheduled"}, content_type="application/json"
    )
    assert bad.status_code == 400
    ok = client.post(f"/api/cases/{case.pk}/status", {"status": "closed"}, content_type="application/json")
    assert ok.json()["status"] == "closed"
    assert Client().get(f"/api/cases/{case.pk}").status_code == 401


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error(agency, coordinator, catalogue):
    case_submit(agency=agency, kind="question", description="ถาม")
    fuzz_api(path_regex="^/api/cases", user_client=client_for(coordinator), operations=6, max_examples=15)
