"""Participation: public registration and suggestions with the PDPA notice, personal data never public,
staff answers, published outcomes, isolation, OG tags and the printable notice with a QR code."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from prongsai.thai import thai_digits
from prongsai.web.participation.models import Project, Registration, Suggestion
from prongsai.web.participation.services import outcome_save, project_create, project_set_status
from prongsai.web.plans.services import measure_create

pytestmark = pytest.mark.django_db
NAME, PHONE, EMAIL = "นางสาวใจดี มีส่วนร่วม", "0891112222", "jaidee@example.org"


@pytest.fixture
def project(agency, coordinator):
    m = measure_create(
        agency=agency,
        fiscal_year=2569,
        title="มาตรการมีส่วนร่วม",
        indicators=[8],
        is_published=True,
        actor=coordinator,
    )
    return project_create(
        agency=agency,
        actor=coordinator,
        title="เวทีประชาคม",
        description="รับฟังความคิดเห็น",
        starts_on=dt.date.today() + dt.timedelta(days=30),  # still ahead: a past project closes itself
        place="ห้องประชุม",
        audience="ประชาชนทั่วไป",
        measure=m,
    )


def test_draft_project_is_not_public(agency, project):
    public = Client()
    assert public.get(f"/p/{agency.pk}/projects/{project.pk}/").status_code == 404
    assert project.title not in public.get(f"/p/{agency.pk}/projects/").content.decode()
    assert public.get(f"/api/plans/public/{agency.pk}/projects").json() == []
    r = public.post(
        f"/p/{agency.pk}/projects/{project.pk}/register/", {"name": NAME, "phone": PHONE, "consent": "on"}
    )
    assert r.status_code == 404 and not Registration.objects.exists()


def test_register_needs_pdpa_consent_and_never_shows_personal_data(
    agency, coordinator, coordinator_client, project
):
    project_set_status(project=project, status="open", actor=coordinator)
    public = Client()
    page = public.get(f"/p/{agency.pk}/projects/{project.pk}/").content.decode()
    assert "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล" in page
    assert 'property="og:title" content="เวทีประชาคม"' in page and 'property="og:url"' in page
    r = public.post(f"/p/{agency.pk}/projects/{project.pk}/register/", {"name": NAME, "phone": PHONE})
    assert r.status_code == 400 and "ยอมรับประกาศ" in r.content.decode() and not Registration.objects.exists()
    r = public.post(
        f"/p/{agency.pk}/projects/{project.pk}/register/",
        {"name": NAME, "phone": "", "email": "", "consent": "on"},
    )
    assert r.status_code == 400 and 'aria-invalid="true"' in r.content.decode()
    r = public.post(
        f"/p/{agency.pk}/projects/{project.pk}/register/",
        {"name": NAME, "phone": PHONE, "email": EMAIL, "consent": "on"},
    )
    assert r.status_code == 302
    reg = Registration.objects.get()
    assert reg.consent_at is not None
    r = public.post(
        f"/p/{agency.pk}/projects/{project.pk}/suggest/",
        {
            "s-kind": "suggestion",
            "s-text": "ขอคู่มือแบบภาพ",
            "s-name": NAME,
            "s-contact": PHONE,
            "s-consent": "on",
        },
    )
    assert r.status_code == 302
    s = Suggestion.objects.get()
    # Unanswered: not public yet. Staff see it with the writer's details.
    assert "ขอคู่มือแบบภาพ" not in public.get(f"/p/{agency.pk}/projects/{project.pk}/").content.decode()
    staff = coordinator_client.get(f"/projects/{project.pk}/").content.decode()
    assert NAME in staff and PHONE in staff and EMAIL in staff
    r = coordinator_client.post(
        f"/projects/suggestion/{s.pk}/answer/", {f"s{s.pk}-answer": "จะจัดทำภายในเดือนมิถุนายน"}
    )
    assert r.status_code == 302
    outcome_save(
        project=project,
        actor=coordinator,
        participants_count=1,
        participants_summary="ประชาชน 1 คน",
        proposals="คู่มือแบบภาพ",
        adopted="จัดทำคู่มือ",
        adopted_measure=project.measure,
        is_published=True,
    )
    for url in (
        f"/p/{agency.pk}/projects/{project.pk}/",
        f"/p/{agency.pk}/projects/{project.pk}/notice/",
        f"/p/{agency.pk}/plans/",
        f"/p/{agency.pk}/plans/{project.measure_id}/",
        f"/api/plans/public/{agency.pk}/projects",
        f"/api/plans/public/{agency.pk}/measures",
        f"/p/{agency.pk}/plans/export.csv",
    ):
        body = public.get(url).content.decode("utf-8-sig")
        for personal in (NAME, PHONE, EMAIL):
            assert personal not in body, (url, personal)
    page = public.get(f"/p/{agency.pk}/projects/{project.pk}/").content.decode()
    assert "ขอคู่มือแบบภาพ" in page and "จะจัดทำภายในเดือนมิถุนายน" in page and "จัดทำคู่มือ" in page
    plans_page = public.get(f"/p/{agency.pk}/plans/").content.decode()
    assert "คู่มือแบบภาพ" in plans_page  # the published outcome feeds the public plan page


def test_hidden_answered_suggestion_stays_private(agency, coordinator, coordinator_client, project):
    project_set_status(project=project, status="open", actor=coordinator)
    Client().post(
        f"/p/{agency.pk}/projects/{project.pk}/suggest/",
        {"s-kind": "comment", "s-text": "เบอร์ผม 0800000000", "s-consent": "on"},
    )
    s = Suggestion.objects.get()
    coordinator_client.post(
        f"/projects/suggestion/{s.pk}/answer/", {f"s{s.pk}-answer": "ขอบคุณ", f"s{s.pk}-hide": "on"}
    )
    assert "0800000000" not in Client().get(f"/p/{agency.pk}/projects/{project.pk}/").content.decode()


def test_closed_project_refuses_registration(agency, coordinator, project):
    project_set_status(project=project, status="closed", actor=coordinator)
    r = Client().post(
        f"/p/{agency.pk}/projects/{project.pk}/register/", {"name": NAME, "phone": PHONE, "consent": "on"}
    )
    assert r.status_code == 400 and not Registration.objects.exists()


def test_notice_has_a_qr_code_of_the_public_page(agency, coordinator, project):
    project_set_status(project=project, status="open", actor=coordinator)
    from prongsai.web.participation.qr import qr_data_url

    page = Client().get(f"/p/{agency.pk}/projects/{project.pk}/notice/").content.decode()
    url = f"http://testserver/p/{agency.pk}/projects/{project.pk}/"
    assert f'src="{qr_data_url(url)}"' in page and url in page  # the QR code encodes the public page
    assert "@page" not in page  # print rules live in the stylesheet (no inline styles under the CSP)


def test_staff_urls_are_404_for_another_agency(
    agency, coordinator, coordinator_client, other_client, project
):
    project_set_status(project=project, status="open", actor=coordinator)
    Client().post(
        f"/p/{agency.pk}/projects/{project.pk}/suggest/",
        {"s-kind": "comment", "s-text": "x", "s-consent": "on"},
    )
    s = Suggestion.objects.get()
    for url in (
        f"/a/{agency.pk}/projects/",
        f"/a/{agency.pk}/projects/new/",
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/edit/",
    ):
        assert coordinator_client.get(url).status_code == 200, url
        assert other_client.get(url).status_code == 404, url
    assert other_client.post(f"/projects/{project.pk}/status/", {"status": "closed"}).status_code == 404
    assert (
        other_client.post(f"/projects/suggestion/{s.pk}/answer/", {f"s{s.pk}-answer": "x"}).status_code == 404
    )
    # A public URL with the wrong agency id does not reveal the project either.
    from prongsai.web.agencies.services import agency_create

    elsewhere = agency_create(name="อื่น")
    assert Client().get(f"/p/{elsewhere.pk}/projects/{project.pk}/").status_code == 404


def test_division_officer_cannot_manage_projects(agency, division_officer, project):
    from ..conftest import client_for

    c = client_for(division_officer)
    assert c.get(f"/projects/{project.pk}/").status_code == 200
    assert c.get(f"/a/{agency.pk}/projects/new/").status_code == 403
    assert c.post(f"/projects/{project.pk}/status/", {"status": "open"}).status_code == 403


def test_only_project_staff_see_registrants_and_writers(
    agency, coordinator, coordinator_client, project, executive, supervisor, division_officer
):
    """Names and contacts serve only to contact people about the project (the PDPA notice): executives,
    division officers and outside supervisors, who may read the project page, see counts only."""
    from ..conftest import client_for

    project_set_status(project=project, status="open", actor=coordinator)
    public = Client()
    public.post(
        f"/p/{agency.pk}/projects/{project.pk}/register/",
        {"name": NAME, "phone": PHONE, "email": EMAIL, "consent": "on"},
    )
    public.post(
        f"/p/{agency.pk}/projects/{project.pk}/suggest/",
        {"s-kind": "comment", "s-text": "ข้อความทดสอบ", "s-name": NAME, "s-contact": PHONE, "s-consent": "on"},
    )
    staff = coordinator_client.get(f"/projects/{project.pk}/").content.decode()
    assert NAME in staff and PHONE in staff and EMAIL in staff
    outcome_save(project=project, actor=coordinator, participants_count=1, proposals="ข้อเสนอรวบรวม")
    for user in (executive, supervisor, division_officer):
        page = client_for(user).get(f"/projects/{project.pk}/")
        assert page.status_code == 200
        body = page.content.decode()
        assert "ผู้ลงทะเบียน (1)" in body and "ข้อความทดสอบ" in body, user.username
        assert "ข้อเสนอรวบรวม" in body and "ยังไม่เผยแพร่" in body  # the outcome, read-only
        for personal in (NAME, PHONE, EMAIL):
            assert personal not in body, (user.username, personal)


def test_notice_and_share_links_use_the_public_address_when_it_is_set(settings, agency, coordinator, project):
    """A notice printed by staff on an intranet address must still open on a citizen's phone."""
    from prongsai.web.participation.qr import qr_data_url

    settings.PRONGSAI_PUBLIC_URL = "https://ita.pakphraek.go.th"
    project_set_status(project=project, status="open", actor=coordinator)
    public = f"https://ita.pakphraek.go.th/p/{agency.pk}/projects/{project.pk}/"
    notice = Client().get(f"/p/{agency.pk}/projects/{project.pk}/notice/").content.decode()
    assert public in notice and "testserver" not in notice
    assert f'src="{qr_data_url(public)}"' in notice  # the QR code encodes exactly that address
    page = Client().get(f"/p/{agency.pk}/projects/{project.pk}/").content.decode()
    assert f'property="og:url" content="{public}"' in page


def test_staff_erase_personal_data_on_request(
    agency, coordinator, coordinator_client, other_client, executive, project
):
    """The PDPA notice promises people may have their data deleted: staff can, from the project page."""
    from prongsai.web.audit.models import AuditEvent

    from ..conftest import client_for

    project_set_status(project=project, status="open", actor=coordinator)
    public = Client()
    public.post(
        f"/p/{agency.pk}/projects/{project.pk}/register/", {"name": NAME, "phone": PHONE, "consent": "on"}
    )
    public.post(
        f"/p/{agency.pk}/projects/{project.pk}/suggest/",
        {"s-kind": "suggestion", "s-text": "ขอทางลาด", "s-name": NAME, "s-contact": PHONE, "s-consent": "on"},
    )
    reg, s = Registration.objects.get(), Suggestion.objects.get()
    assert other_client.post(f"/projects/registration/{reg.pk}/delete/").status_code == 404
    assert client_for(executive).post(f"/projects/registration/{reg.pk}/delete/").status_code == 403
    assert client_for(executive).post(f"/projects/suggestion/{s.pk}/erase-contact/").status_code == 403
    assert other_client.post(f"/projects/suggestion/{s.pk}/erase-contact/").status_code == 404
    assert Registration.objects.exists()
    assert coordinator_client.post(f"/projects/registration/{reg.pk}/delete/").status_code == 302
    assert coordinator_client.post(f"/projects/suggestion/{s.pk}/erase-contact/").status_code == 302
    assert not Registration.objects.exists()
    s.refresh_from_db()
    assert (s.name, s.contact, s.text) == ("", "", "ขอทางลาด")
    page = coordinator_client.get(f"/projects/{project.pk}/").content.decode()
    assert NAME not in page and PHONE not in page and "ผู้ลงทะเบียน (0)" in page
    events = AuditEvent.objects.filter(action__in=["registration.delete", "suggestion.erase_contact"])
    assert events.count() == 2 and not any(NAME in e.summary for e in events)


def test_public_forms_are_rate_limited_per_address(settings, agency, coordinator, project):
    from prongsai.web.participation.selectors import participation_rules

    project_set_status(project=project, status="open", actor=coordinator)
    limit = participation_rules()["limits"]["public_per_window"]
    crowd = Client(REMOTE_ADDR="198.51.100.20")
    for k in range(limit // 2):
        register = {"name": f"ผู้ร่วม {k}", "phone": "0890000000", "consent": "on"}
        assert crowd.post(f"/p/{agency.pk}/projects/{project.pk}/register/", register).status_code == 302
    for k in range(limit - limit // 2):
        suggest = {"s-text": f"ข้อเสนอ {k}", "s-kind": "suggestion", "s-consent": "on"}
        assert crowd.post(f"/p/{agency.pk}/projects/{project.pk}/suggest/", suggest).status_code == 302
    refused = crowd.post(f"/p/{agency.pk}/projects/{project.pk}/suggest/", suggest)
    assert refused.status_code == 429 and "มากเกินไป" in refused.content.decode()
    assert Registration.objects.count() + Suggestion.objects.count() == limit
    # The hash is kept, never the address; another address is not affected.
    assert not Registration.objects.filter(client_hash__contains="198.51").exists()
    other = Client(REMOTE_ADDR="198.51.100.21")
    assert other.post(f"/p/{agency.pk}/projects/{project.pk}/suggest/", suggest).status_code == 302


def test_project_dates_in_the_buddhist_era(agency, coordinator_client):
    r = coordinator_client.post(
        f"/a/{agency.pk}/projects/new/",
        {
            "title": "ประชาคม",
            "description": "x",
            "starts_on": "14/03/2569",
            "place": "ห้อง",
            "audience": "ทุกคน",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    project = Project.objects.get(title="ประชาคม")
    assert project.starts_on == dt.date(2026, 3, 14)
    page = coordinator_client.get(f"/projects/{project.pk}/edit/").content.decode()
    assert 'value="14/03/2569"' in page and "data-be-date" in page


def test_a_past_project_closes_registration_by_itself_and_says_so(agency, coordinator, project):
    project_set_status(project=project, status="open", actor=coordinator)
    url = f"/p/{agency.pk}/projects/{project.pk}/"
    assert "ลงทะเบียน" in Client().get(url).content.decode() and project.takes_registrations
    yesterday = dt.date.today() - dt.timedelta(days=1)
    Project.objects.filter(pk=project.pk).update(
        starts_on=yesterday - dt.timedelta(days=2), ends_on=yesterday
    )
    page = Client().get(url).content.decode()
    assert "ปิดรับแล้ว (เลยวันที่จัด)" in page and "เปิดรับการมีส่วนร่วม" not in page
    assert (
        "ปิดรับลงทะเบียนแล้ว เพราะเลยวันที่จัดแล้ว" in page and 'name="consent"' not in page.split('id="suggest"')[0]
    )
    r = Client().post(
        f"/p/{agency.pk}/projects/{project.pk}/register/",
        {"name": "สมชาย", "phone": "0812345678", "consent": "on"},
    )
    assert r.status_code == 400 and "เลยวันที่จัดแล้ว" in r.content.decode()
    assert not Registration.objects.filter(project=project).exists()
    listing = Client().get(f"/p/{agency.pk}/projects/").content.decode()
    assert "ปิดรับแล้ว (เลยวันที่จัด)" in listing
    Project.objects.filter(pk=project.pk).update(ends_on=dt.date.today())  # the last day itself is still open
    project.refresh_from_db()
    assert project.takes_registrations


def test_one_digit_style_per_page_following_the_setting(settings, agency, coordinator, project):
    project_set_status(project=project, status="open", actor=coordinator)
    Project.objects.filter(pk=project.pk).update(time_text="๑๓.๓๐ – ๑๖.๐๐ น.")
    url = f"/p/{agency.pk}/projects/{project.pk}/"
    year = str(project.starts_on.year + 543)
    page = Client().get(url).content.decode()
    text = re.sub(r"<[^>]*>", " ", "<main" + page.split("<main", 1)[1])
    assert "13.30 – 16.00 น." in text and year in text and not re.search("[๐-๙]", text)
    settings.PRONGSAI_DIGITS = "thai"
    page = Client().get(url).content.decode()
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]*>", " ", "<main" + page.split("<main", 1)[1], flags=re.S)
    assert "๑๓.๓๐ – ๑๖.๐๐ น." in text and thai_digits(year) in text and not re.search("[0-9]", text)
    assert f'href="/p/{agency.pk}/projects/' in page  # links and attributes keep their digits
    english = Client()
    english.cookies["django_language"] = "en"
    assert "13.30" in english.get(url).content.decode()
