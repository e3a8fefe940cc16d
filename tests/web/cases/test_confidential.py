"""The confidential channel (corruption complaints, indicator 10): named officers only, every view audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.web.audit.models import AuditEvent
from prongsai.web.cases.handling import case_answer, confidential_officer_set
from prongsai.web.cases.services import case_submit

from ..conftest import client_for


@pytest.fixture
def secret_case(agency):
    case, _ = case_submit(
        agency=agency,
        kind="corruption",
        description="เรียกรับเงินใต้โต๊ะ ลับมาก",
        subject="ทุจริตลับมาก",
        publish_consent=True,
    )
    return case


@pytest.fixture
def named_officer(agency, coordinator, administrator):
    confidential_officer_set(agency=agency, username=coordinator.username, allowed=True, actor=administrator)
    return coordinator


def test_confidential_case_is_flagged(secret_case):
    assert secret_case.confidential


def test_not_visible_to_unnamed_staff_even_administrators_and_superusers(
    secret_case, agency, administrator, division_officer, superuser, supervisor
):
    for user in (administrator, division_officer, superuser, supervisor):
        client = client_for(user)
        assert client.get(reverse("cases:detail", args=[agency.pk, secret_case.pk])).status_code == 404
        assert client.get(reverse("cases:confidential", args=[agency.pk])).status_code == 404
        assert (
            secret_case.tracking_no
            not in client.get(reverse("cases:queue", args=[agency.pk]), {"status": ""}).content.decode()
        )
        assert client.get(f"/api/cases/{secret_case.pk}").status_code == 404


def test_named_officer_sees_it_and_every_view_is_audited(secret_case, agency, named_officer):
    client = client_for(named_officer)
    assert (
        secret_case.tracking_no
        in client.get(reverse("cases:confidential", args=[agency.pk])).content.decode()
    )
    url = reverse("cases:detail", args=[agency.pk, secret_case.pk])
    for _ in range(2):
        assert client.get(url).status_code == 200
    views = AuditEvent.objects.filter(action="case.confidential_view", target_id=str(secret_case.pk))
    assert views.count() == 2 and {v.actor for v in views} == {named_officer}
    # still never in the ordinary queue or the API, even for the named officer
    assert (
        secret_case.tracking_no
        not in client.get(reverse("cases:queue", args=[agency.pk]), {"status": ""}).content.decode()
    )
    assert client.get(f"/api/cases/{secret_case.pk}").status_code == 404
    assert (
        secret_case.tracking_no
        not in client.get(f"/api/cases/?agency_id={agency.pk}&status=").content.decode()
    )


def test_never_on_public_pages_exports_or_open311(secret_case, agency, named_officer, catalogue):
    case_answer(case=secret_case, text="รับไว้ตรวจสอบ", actor=named_officer)
    client = Client()
    pages = [
        reverse("cases:qa", args=[agency.pk]),
        reverse("cases:stats", args=[agency.pk]),
        "/open311/v2/requests.json",
        "/open311/v2/requests.xml",
        f"/open311/v2/requests/{secret_case.tracking_no}.json",
    ]
    for url in pages:
        body = client.get(url, {"jurisdiction_id": agency.dla_code}).content.decode()
        assert secret_case.tracking_no not in body and "ลับมาก" not in body, url
    stats = client_for(named_officer).get(f"/api/cases/stats/{agency.pk}").json()
    assert not any(row["label"] == "ร้องเรียนการทุจริตและประพฤติมิชอบ" for row in stats)


def test_the_sender_still_follows_it_by_the_secret_link(secret_case):
    url = reverse("cases:track", args=[secret_case.tracking_no, secret_case.secret])
    assert Client().get(url).status_code == 200


def test_only_administrators_name_officers(agency, coordinator, division_officer):
    response = client_for(coordinator).post(
        reverse("cases:officers", args=[agency.pk]), {"username": division_officer.username, "allowed": "1"}
    )
    assert response.status_code == 403


def test_the_officer_page_sends_no_confidential_pin_to_a_map_site(agency, named_officer):
    case, _ = case_submit(agency=agency, kind="corruption", description="ลับ", lat="14.01", long="99.53")
    html = client_for(named_officer).get(reverse("cases:detail", args=[agency.pk, case.pk])).content.decode()
    assert "14.010000" in html and 'id="map-link"' not in html


def test_a_complaint_keeps_its_hashed_address_only_for_the_rate_limit_window(agency):
    import datetime as dt

    from django.utils import timezone

    from prongsai.web.cases.models import Case

    old, _ = case_submit(agency=agency, kind="corruption", description="เรื่องเก่า", ip="203.0.113.7")
    assert old.client_hash  # the rate limit counts it while the window lasts
    Case.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))
    new, _ = case_submit(agency=agency, kind="corruption", description="เรื่องใหม่", ip="203.0.113.8")
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.client_hash == "" and new.client_hash != ""
