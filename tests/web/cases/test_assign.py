"""Assignment: a division or officer of another agency is refused with a Thai message on every path (the
service, the case page, the JSON API), and the case keeps its assignment."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prongsai.web.agencies.models import Division
from prongsai.web.cases.handling import case_assign
from prongsai.web.cases.services import CaseInvalid, case_submit

from ..conftest import client_for


@pytest.fixture
def assigned(agency, coordinator, division_officer):
    """A question already with กองช่าง and its officer."""
    case, _ = case_submit(agency=agency, kind="question", description="ถามเรื่องท่อระบายน้ำ")
    division = Division.objects.get(agency=agency, name="กองช่าง")
    case_assign(case=case, division_id=division.pk, assignee_id=division_officer.pk, actor=coordinator)
    case.refresh_from_db()
    assert (case.division, case.assignee) == (division, division_officer)
    return case


@pytest.fixture
def foreign_division(other_agency):
    return Division.objects.filter(agency=other_agency).first()


def _unchanged(case, before) -> bool:
    case.refresh_from_db()
    return (case.division_id, case.assignee_id) == before


def test_the_service_refuses_another_agencys_division_or_officer(
    assigned, foreign_division, other_coordinator, coordinator
):
    before = (assigned.division_id, assigned.assignee_id)
    with pytest.raises(CaseInvalid) as refused:
        case_assign(case=assigned, division_id=foreign_division.pk, assignee_id=None, actor=coordinator)
    assert "กอง" in refused.value.errors["division"] and "ไม่อยู่ใน" in refused.value.errors["division"]
    with pytest.raises(CaseInvalid) as refused:
        case_assign(case=assigned, division_id=None, assignee_id=other_coordinator.pk, actor=coordinator)
    assert "เจ้าหน้าที่" in refused.value.errors["assignee"]
    with pytest.raises(CaseInvalid) as refused:
        case_assign(case=assigned, division_id="x", assignee_id=None, actor=coordinator)
    assert "division" in refused.value.errors
    assert _unchanged(assigned, before)


def test_clearing_stays_possible(assigned, coordinator):
    case_assign(case=assigned, division_id=None, assignee_id=None, actor=coordinator)
    assert _unchanged(assigned, (None, None))


def test_the_case_page_shows_the_error_beside_the_field(agency, assigned, foreign_division, coordinator):
    before = (assigned.division_id, assigned.assignee_id)
    url = reverse("cases:detail", args=[agency.pk, assigned.pk])
    response = client_for(coordinator).post(
        url, {"action": "assign", "division": foreign_division.pk, "assignee": assigned.assignee_id}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="assign-division-error"' in html and 'aria-invalid="true"' in html and "ไม่อยู่ใน" in html
    assert _unchanged(assigned, before)


def test_the_api_refuses_with_a_message(agency, assigned, foreign_division, other_coordinator, coordinator):
    before = (assigned.division_id, assigned.assignee_id)
    client = client_for(coordinator)
    url = f"/api/cases/{assigned.pk}/assign"
    for payload in ({"division_id": foreign_division.pk}, {"assignee_id": other_coordinator.pk}):
        refused = client.post(url, payload, content_type="application/json")
        assert refused.status_code == 400 and "ไม่" in refused.json()["detail"], payload
    assert _unchanged(assigned, before)
    ok = client.post(url, {"division_id": assigned.division_id}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["division"] == "กองช่าง"
    assert _unchanged(assigned, (assigned.division_id, None))


def test_only_roles_that_handle_cases_assign_through_the_api(agency, assigned, executive):
    response = client_for(executive).post(
        f"/api/cases/{assigned.pk}/assign", {"division_id": None}, content_type="application/json"
    )
    assert response.status_code == 403
