"""A sender's personal data (name, contact, LINE id, address and pin) reaches only the roles that handle
cases; supervisors and executives see the case without them, as the PDPA notice promises."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prongsai.web.cases.models import Case
from prongsai.web.cases.rules import rules
from prongsai.web.cases.selectors import case_contact
from prongsai.web.cases.services import case_submit

from ..conftest import client_for

PERSONAL = {
    "name": "สมหญิง ใจดีมาก",
    "phone": "0812345678",
    "email": "somying@example.org",
    "line_id": "U0123456789abcdef0123456789abcdef",
    "address": "บ้านเลขที่ 99/9 ซอยลับ",
}


@pytest.fixture
def complaint(agency):
    case, _ = case_submit(
        agency=agency, kind="complaint", description="เสียงดังยามดึก", lat="14.02", long="99.54", **PERSONAL
    )
    return case


@pytest.mark.parametrize("role", ["supervisor", "executive"])
def test_roles_that_only_look_see_the_case_but_not_who_sent_it(request, role, agency, complaint):
    page = client_for(request.getfixturevalue(role)).get(
        reverse("cases:detail", args=[agency.pk, complaint.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200 and "เสียงดังยามดึก" in html
    assert [v for v in PERSONAL.values() if v in html] == []
    assert "14.020000" not in html and 'id="map-link"' not in html
    assert "เฉพาะเจ้าหน้าที่ผู้รับผิดชอบ" in html  # says why the sender is not shown


@pytest.mark.parametrize("role", ["supervisor", "executive"])
def test_roles_that_only_look_get_the_text_redacted_and_no_photos(request, role, agency, complaint):
    from prongsai.web.cases.models import Attachment

    Case.objects.filter(pk=complaint.pk).update(description="เสียงดังยามดึก โทรกลับ 081-234-5678 สมหญิง ใจดีมาก")
    photo = Attachment.objects.create(case=complaint, stored_name="t.png", content_type="image/png", size=1)
    client = client_for(request.getfixturevalue(role))
    html = client.get(reverse("cases:detail", args=[agency.pk, complaint.pk])).content.decode()
    assert "เสียงดังยามดึก" in html and "081-234-5678" not in html and "[เบอร์โทร]" in html
    assert "photo-grid" not in html
    assert client.get(reverse("cases:photo", args=[agency.pk, complaint.pk, photo.pk])).status_code == 404
    handler = client_for(request.getfixturevalue("coordinator"))
    assert (
        "081-234-5678"
        in handler.get(reverse("cases:detail", args=[agency.pk, complaint.pk])).content.decode()
    )


@pytest.mark.parametrize("role", ["division_officer", "coordinator", "administrator"])
def test_roles_that_handle_cases_see_the_sender(request, role, agency, complaint):
    html = (
        client_for(request.getfixturevalue(role))
        .get(reverse("cases:detail", args=[agency.pk, complaint.pk]))
        .content.decode()
    )
    assert [f for f, v in PERSONAL.items() if v not in html] == []
    assert "14.020000" in html


def test_the_rule_is_one_selector_over_the_fields_listed_as_data(agency, complaint, supervisor, coordinator):
    fields = rules()["personal_data"]["fields"]
    assert set(PERSONAL) <= set(fields) and all(Case._meta.get_field(f) for f in fields)
    assert case_contact(user=supervisor, case=complaint) is None
    shown = case_contact(user=coordinator, case=complaint)
    assert {f: shown[f] for f in PERSONAL} == PERSONAL


@pytest.mark.parametrize("role", ["supervisor", "executive", "coordinator"])
def test_the_api_never_carries_personal_data(request, role, agency, complaint):
    client = client_for(request.getfixturevalue(role))
    for url in (f"/api/cases/?agency_id={agency.pk}", f"/api/cases/{complaint.pk}"):
        body = client.get(url).content.decode()
        assert complaint.tracking_no in body and [v for v in PERSONAL.values() if v in body] == [], url
