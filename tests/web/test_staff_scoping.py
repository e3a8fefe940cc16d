"""Divisions and users are always chosen within the agency (services, forms, the Django admin); divisions
are added, renamed and retired with their history kept; every staff URL is 404 to another agency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import URLPattern, get_resolver, reverse

from prongsai.web.agencies.models import Division, Membership, Role
from prongsai.web.agencies.selectors import division_choices
from prongsai.web.agencies.services import staff_add
from prongsai.web.agencies.staff import division_retire, staff_role_set
from prongsai.web.audit.models import AuditEvent

from .conftest import PASSWORD, client_for


def test_service_refuses_another_agencys_division(agency, other_agency, coordinator, administrator):
    membership = Membership.objects.get(user=coordinator, agency=agency)
    foreign = Division.objects.get(agency=other_agency, name="กองช่าง")
    with pytest.raises(ValidationError) as refused:
        staff_role_set(
            membership=membership, role=Role.DIVISION_OFFICER, division=foreign, actor=administrator
        )
    assert "เป็นของหน่วยงานอื่น" in refused.value.message_dict["division"][0]
    with pytest.raises(ValidationError):
        staff_add(agency=agency, username="x", role=Role.DIVISION_OFFICER, division=foreign)


def test_admin_lists_divisions_with_their_agency_and_refuses_a_cross_agency_membership(
    agency, other_agency, superuser, division_officer
):
    admin = client_for(superuser)
    listing = admin.get(reverse("admin:agencies_division_changelist")).content.decode()
    assert agency.name in listing and other_agency.name in listing
    membership = Membership.objects.get(user=division_officer, agency=agency)
    url = reverse("admin:agencies_membership_change", args=[membership.pk])
    form = admin.get(url).content.decode()
    assert f"กองช่าง — {agency.name}" in form and other_agency.name + "</option>" not in form
    foreign = Division.objects.get(agency=other_agency, name="กองช่าง")
    response = admin.post(
        url,
        {
            "user": division_officer.pk,
            "agency": agency.pk,
            "role": "division_officer",
            "division": foreign.pk,
        },
    )
    assert response.status_code == 200 and "เลือกได้เฉพาะกอง/สำนัก" in response.content.decode()
    # Adding: every division is offered, labelled with its agency; a mismatch is refused by Membership.clean.
    add = reverse("admin:agencies_membership_add")
    assert f"กองช่าง — {other_agency.name}" in admin.get(add).content.decode()
    refused = admin.post(
        add, {"user": superuser.pk, "agency": agency.pk, "role": "division_officer", "division": foreign.pk}
    )
    assert "เป็นของหน่วยงานอื่น" in refused.content.decode()
    assert not Membership.objects.filter(user=superuser).exists()
    membership.refresh_from_db()
    assert membership.division.agency == agency


def test_admin_is_labelled_in_thai(superuser):
    index = client_for(superuser).get(reverse("admin:index")).content.decode()
    for thai in ("ผู้ดูแลระบบโปร่งใส", "เจ้าหน้าที่ของหน่วยงาน", "ส่วนราชการ (กอง/สำนัก)", "งานเบื้องหลัง"):
        assert thai in index, thai
    assert "Task Results" not in index


def test_divisions_add_rename_retire_keep_history(agency, administrator, division_officer):
    from prongsai.web.cases.models import Case
    from prongsai.web.plans.models import Activity, Measure

    admin = client_for(administrator)
    assert (
        admin.post(reverse("staff:division_create", args=[agency.pk]), {"name": "กองสาธารณสุข"}).status_code
        == 302
    )
    dup = admin.post(reverse("staff:division_create", args=[agency.pk]), {"name": "กองสาธารณสุข"})
    assert dup.status_code == 400 and "มีกอง/สำนักชื่อ" in dup.content.decode()
    health = Division.objects.get(agency=agency, name="กองสาธารณสุข")
    change = reverse("staff:division_change", args=[agency.pk, health.pk])
    admin.post(change, {"name": "กองสาธารณสุขและสิ่งแวดล้อม"})
    health.refresh_from_db()
    assert health.name == "กองสาธารณสุขและสิ่งแวดล้อม"

    case = Case.objects.create(
        agency=agency,
        kind="complaint",
        subject="ขยะ",
        description="ขยะ",
        division=health,
        tracking_no="T-1",
        secret="s1",
        due_date=dt.date.today(),
    )
    measure = Measure.objects.create(agency=agency, fiscal_year=2569, title="ม.1", indicators=[8])
    activity = Activity.objects.create(measure=measure, name="กิจกรรม")
    activity.divisions.add(health)
    admin.post(change, {"retire": "1"})
    health.refresh_from_db()
    assert health.retired_at is not None
    case.refresh_from_db()
    assert case.division == health and list(activity.divisions.all()) == [health]  # history kept
    assert health not in division_choices(agency=agency)  # not offered anew …
    assert health in division_choices(agency=agency, keep=[health])  # … but kept where already chosen
    invite_page = admin.get(reverse("staff:list", args=[agency.pk])).content.decode()
    assert f'value="{health.pk}"' not in invite_page.split('id="invite-h"')[1].split("</form>")[0]
    detail = admin.get(reverse("cases:detail", args=[agency.pk, case.pk]))
    assert detail.status_code == 200
    admin.post(change, {"retire": "0"})
    health.refresh_from_db()
    assert health.retired_at is None
    actions = set(AuditEvent.objects.filter(agency=agency).values_list("action", flat=True))
    assert {"division.create", "division.rename", "division.retire", "division.restore"} <= actions

    works = division_officer.memberships.get().division
    with pytest.raises(ValidationError, match="ย้ายไปกองอื่นก่อน"):
        division_retire(division=works, actor=administrator)


def test_case_assignment_offers_only_the_agencys_current_divisions_and_staff(
    agency, other_agency, administrator, other_coordinator
):
    from prongsai.web.cases.models import Case

    case = Case.objects.create(
        agency=agency,
        kind="complaint",
        subject="ไฟดับ",
        description="ไฟดับ",
        tracking_no="T-2",
        secret="s2",
        due_date=dt.date.today(),
    )
    foreign = Division.objects.get(agency=other_agency, name="กองช่าง")
    admin = client_for(administrator)
    url = reverse("cases:detail", args=[agency.pk, case.pk])
    page = admin.get(url).content.decode()
    assert f'value="{foreign.pk}"' not in page and other_coordinator.username not in page
    admin.post(url, {"action": "assign", "division": foreign.pk, "assignee": other_coordinator.pk})
    case.refresh_from_db()
    assert case.division is None and case.assignee is None


# --- isolation: every URL of the staff pages, asked by another agency's administrator ---------------


def _staff_urls():
    for p in get_resolver().url_patterns:
        if getattr(p, "namespace", None) == "staff":
            yield from (f"staff:{q.name}" for q in p.url_patterns if isinstance(q, URLPattern))


STAFF_URLS = sorted(set(_staff_urls()))


@pytest.fixture
def b_admin(other_agency):
    return staff_add(agency=other_agency, username="admin_b", role=Role.ADMINISTRATOR, password=PASSWORD)


def test_every_staff_url_is_enumerated():
    assert set(STAFF_URLS) >= {"staff:list", "staff:member", "staff:division_change", "staff:invite"}


@pytest.mark.parametrize("name", STAFF_URLS)
def test_other_agencys_administrator_gets_404(
    agency, other_agency, administrator, coordinator, b_admin, name
):
    a_member = Membership.objects.get(user=coordinator, agency=agency)
    a_division = Division.objects.filter(agency=agency).first()
    ids = {"agency_id": agency.pk, "membership_id": a_member.pk, "division_id": a_division.pk}
    kwargs = {k: v for k, v in ids.items() if k in _kwargs(name)}
    url = reverse(name, kwargs=kwargs)
    client = client_for(b_admin)
    assert client.get(url).status_code in (404, 405), url  # 405: POST-only, answered before any lookup
    assert client.post(url, {"name": "x", "role": "executive", "retire": "1"}).status_code == 404, url
    # A's own administrator asking with B's ids inside A's address: 404 too.
    b_member = Membership.objects.get(user=b_admin, agency=other_agency)
    b_division = Division.objects.filter(agency=other_agency).first()
    mixed = {"agency_id": agency.pk, "membership_id": b_member.pk, "division_id": b_division.pk}
    if set(_kwargs(name)) - {"agency_id"}:
        mixed_url = reverse(name, kwargs={k: v for k, v in mixed.items() if k in _kwargs(name)})
        assert (
            client_for(administrator).post(mixed_url, {"role": "executive", "retire": "1"}).status_code == 404
        )
    assert Membership.objects.get(pk=a_member.pk).role == Role.ITA_COORDINATOR
    assert Division.objects.filter(retired_at__isnull=False).count() == 0


def _kwargs(name: str) -> set[str]:
    for p in get_resolver().url_patterns:
        if getattr(p, "namespace", None) == "staff":
            for q in p.url_patterns:
                if q.name == name.split(":")[1]:
                    return set(q.pattern.converters)
    return set()
