"""The JSON API for integrations: measures created, changed and removed; documents requested and followed.
Session authentication with CSRF; another agency's ids give 404, a role that may not gives 403."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client

from prongsai.web.assessments.services import result_save
from prongsai.web.audit.models import AuditEvent
from prongsai.web.documents.models import Document
from prongsai.web.plans.models import Measure

from ..conftest import client_for
from .test_from_platform import SCORES

MEASURE = {
    "fiscal_year": 2569,
    "title": "เปิดโอกาสให้ประชาชนมีส่วนร่วม",
    "indicators": [8],
    "analysis": "ตัวชี้วัดที่ 8 ยังต่ำกว่าเกณฑ์",
    "activities": [
        {
            "name": "ประชุมประชาคมหมู่บ้าน",
            "methods": ["ประกาศเชิญชวน", "สรุปผลเผยแพร่"],
            "start": "2025-10-01",
            "end": "2026-09-30",
            "divisions": ["สำนักปลัด"],
            "budget": "25000",
            "kpi": "จำนวนผู้เข้าร่วม",
            "target": "100",
        }
    ],
}


def _post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def division(agency):
    return agency.divisions.get_or_create(name="สำนักปลัด")[0]


def test_create_change_and_remove_a_measure(agency, coordinator, division):
    client = client_for(coordinator)
    created = _post(client, f"/api/plans/agencies/{agency.pk}/measures", MEASURE)
    assert created.status_code == 201, created.content
    m = Measure.objects.get(pk=created.json()["id"])
    [a] = m.activities.all()
    assert (m.title, m.indicators, a.name, list(a.divisions.all()), str(a.budget)) == (
        MEASURE["title"],
        [8],
        "ประชุมประชาคมหมู่บ้าน",
        [division],
        "25000.00",
    )
    patched = client.patch(
        f"/api/plans/measures/{m.pk}", json.dumps({"indicators": [7, 8]}), content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["indicators"] == [7, 8]
    assert client.delete(f"/api/plans/measures/{m.pk}").status_code == 204
    assert not Measure.objects.filter(pk=m.pk).exists()
    assert {"measure.create", "activity.create", "measure.update", "measure.delete"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


def test_bad_measures_are_refused_whole_with_the_field(agency, coordinator, division):
    client = client_for(coordinator)
    url = f"/api/plans/agencies/{agency.pk}/measures"
    unknown_division = {**MEASURE, "activities": [{**MEASURE["activities"][0], "divisions": ["กองไม่มี"]}]}
    response = _post(client, url, unknown_division)
    assert response.status_code == 422 and "กองไม่มี" in response.json()["detail"]
    backwards = {**MEASURE, "activities": [{**MEASURE["activities"][0], "end": "2025-01-01"}]}
    response = _post(client, url, backwards)
    assert response.status_code == 422 and "activities[0].end" in response.json()["detail"]
    assert _post(client, url, {**MEASURE, "indicators": [42]}).status_code == 422
    assert not Measure.objects.exists()  # nothing half-written


def test_measures_api_isolation_and_roles(agency, other_client, executive, coordinator, division):
    url = f"/api/plans/agencies/{agency.pk}/measures"
    assert _post(other_client, url, MEASURE).status_code == 404
    assert _post(client_for(executive), url, MEASURE).status_code == 403
    m_id = _post(client_for(coordinator), url, MEASURE).json()["id"]
    assert other_client.delete(f"/api/plans/measures/{m_id}").status_code == 404
    assert client_for(executive).delete(f"/api/plans/measures/{m_id}").status_code == 403
    body = json.dumps({"title": "x"})
    assert (
        other_client.patch(f"/api/plans/measures/{m_id}", body, content_type="application/json").status_code
        == 404
    )


def test_the_session_api_needs_the_csrf_token(agency, coordinator, division):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert _post(client, f"/api/plans/agencies/{agency.pk}/measures", MEASURE).status_code == 403
    assert not Measure.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_request_a_document_and_follow_it_to_its_files(agency, coordinator):
    result_save(agency=agency, fiscal_year=2568, indicators=SCORES, actor=coordinator)
    client = client_for(coordinator)
    response = _post(
        client, "/api/documents", {"agency_id": agency.pk, "fiscal_year": 2568, "formats": ["html"]}
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued" and body["files"] == {}
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    done = client.get(f"/api/documents/{body['id']}").json()
    assert done["status"] == "done" and done["error"] is None
    download = client.get(done["files"]["html"].removeprefix("http://testserver"))
    assert download.status_code == 200 and agency.name in download.content.decode()


def test_documents_api_isolation_roles_and_bad_formats(agency, coordinator, other_client, executive):
    result_save(agency=agency, fiscal_year=2568, indicators=SCORES, actor=coordinator)
    payload = {"agency_id": agency.pk, "fiscal_year": 2568, "formats": ["pdf"]}
    assert _post(other_client, "/api/documents", payload).status_code == 404
    assert _post(client_for(executive), "/api/documents", payload).status_code == 403
    assert (
        _post(client_for(coordinator), "/api/documents", {**payload, "formats": ["exe"]}).status_code == 422
    )
    assert (
        _post(client_for(coordinator), "/api/documents", {**payload, "fiscal_year": 2500}).status_code == 404
    )
    doc_id = _post(client_for(coordinator), "/api/documents", payload).json()["id"]
    assert other_client.get(f"/api/documents/{doc_id}").status_code == 404
    assert Document.objects.count() == 1
