"""The audit log: events about confidential (corruption) cases reach only the agency's named officers,
on the agency's page and in Django admin alike; existing rows are marked by the migration."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from prongsai.web.audit.models import AuditEvent
from prongsai.web.audit.selectors import audit_list
from prongsai.web.cases.handling import case_note_add, case_status_set, confidential_officer_set
from prongsai.web.cases.services import case_submit

from .conftest import client_for


@pytest.fixture
def officer(agency, coordinator, administrator):
    confidential_officer_set(agency=agency, username=coordinator.username, allowed=True, actor=administrator)
    return coordinator


@pytest.fixture
def handled(agency, officer):
    """A corruption complaint the officer moved on and annotated, and an ordinary question beside it."""
    secret, _ = case_submit(agency=agency, kind="corruption", description="เรียกรับเงิน")
    case_status_set(case=secret, status="in_progress", actor=officer)
    case_note_add(case=secret, text="สอบปากคำแล้ว", actor=officer)
    plain, _ = case_submit(agency=agency, kind="question", description="ถามเวลาทำการ")
    case_status_set(case=plain, status="in_progress", actor=officer)
    return secret, plain


def test_events_about_a_confidential_case_are_marked_when_recorded(handled):
    secret, plain = handled
    marked = AuditEvent.objects.filter(target_type="cases.case", target_id=str(secret.pk))
    assert marked.count() == 2 and all(e.confidential for e in marked)
    assert not AuditEvent.objects.get(target_type="cases.case", target_id=str(plain.pk)).confidential


@pytest.mark.parametrize(
    "role", ["administrator", "executive", "division_officer", "supervisor", "superuser"]
)
def test_the_agency_log_hides_them_from_everyone_but_the_named_officers(request, role, agency, handled):
    secret, plain = handled
    page = client_for(request.getfixturevalue(role)).get(reverse("audit:list", args=[agency.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert plain.tracking_no in html  # the ordinary log is still there
    assert secret.tracking_no not in html and "case.note" not in html


def test_the_named_officer_sees_them(agency, officer, handled):
    secret, _ = handled
    html = client_for(officer).get(reverse("audit:list", args=[agency.pk])).content.decode()
    assert secret.tracking_no in html and "case.note" in html


def test_the_rule_is_per_agency_and_ends_with_the_appointment(
    agency, other_agency, officer, administrator, superuser, handled
):
    secret, _ = handled
    from prongsai.web.cases.models import ConfidentialOfficer

    ConfidentialOfficer.objects.create(agency=other_agency, user=superuser)  # an officer elsewhere only
    assert not any(e.confidential for e in audit_list(user=superuser, agency=agency))
    confidential_officer_set(agency=agency, username=officer.username, allowed=False, actor=administrator)
    html = client_for(officer).get(reverse("audit:list", args=[agency.pk])).content.decode()
    assert secret.tracking_no not in html


def test_django_admin_hides_them_from_the_superuser(superuser, handled):
    secret, plain = handled
    client = client_for(superuser)
    html = client.get("/admin/audit/auditevent/").content.decode()
    assert plain.tracking_no in html and secret.tracking_no not in html
    hidden = AuditEvent.objects.filter(confidential=True).first()
    assert client.get(f"/admin/audit/auditevent/{hidden.pk}/change/").status_code in (302, 404)


def test_the_migration_marks_existing_events_about_confidential_cases(handled):
    secret, plain = handled
    AuditEvent.objects.update(confidential=False)  # as rows were before the field existed
    migration = importlib.import_module("prongsai.web.audit.migrations.0002_auditevent_confidential")
    migration.mark_confidential(apps, None)
    assert set(AuditEvent.objects.filter(confidential=True).values_list("target_id", flat=True)) == {
        str(secret.pk)
    }
