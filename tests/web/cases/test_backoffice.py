"""Back office: queue per division, answers vs internal notes, statuses as data, rating, templates, scoping."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from prongsai.web.audit.models import AuditEvent
from prongsai.web.cases.handling import case_answer, case_rate, case_status_set
from prongsai.web.cases.models import Case, ResponseTemplate
from prongsai.web.cases.services import CaseInvalid, case_submit

from ..conftest import client_for
from .conftest import photo


@pytest.fixture
def road_case(agency, catalogue):
    case, _ = case_submit(
        agency=agency,
        kind="request",
        service=catalogue["road-repair"],
        description="หลุม",
        address="หน้าตลาด",
        attributes={"problem": "pothole"},
        photos=[photo()],
        email="p@example.org",
    )
    return case


def test_division_officer_sees_own_division_queue_by_default(division_officer, road_case, agency, catalogue):
    other, _ = case_submit(
        agency=agency,
        kind="request",
        service=catalogue["tax-appointment"],
        description="นัด",
        attributes={"tax_kind": "land"},
    )
    html = client_for(division_officer).get(reverse("cases:queue", args=[agency.pk])).content.decode()
    assert road_case.tracking_no in html and other.tracking_no not in html  # กองช่าง vs กองคลัง
    html = (
        client_for(division_officer)
        .get(reverse("cases:queue", args=[agency.pk]), {"division": ""})
        .content.decode()
    )
    assert other.tracking_no in html


def test_answer_note_and_statuses(division_officer, road_case, agency, notices_delivered, notices_sent):
    client = client_for(division_officer)
    url = reverse("cases:detail", args=[agency.pk, road_case.pk])
    with notices_sent():
        assert client.post(url, {"action": "note", "text": "ภายใน: ช่างไม่ว่างวันจันทร์"}).status_code == 302
        assert client.post(url, {"action": "answer", "text": "จะซ่อมภายในสัปดาห์นี้"}).status_code == 302
    road_case.refresh_from_db()
    assert road_case.status == "answered" and road_case.first_answered_at is not None
    public = (
        Client().get(reverse("cases:track", args=[road_case.tracking_no, road_case.secret])).content.decode()
    )
    assert "จะซ่อมภายในสัปดาห์นี้" in public and "ช่างไม่ว่าง" not in public
    assert any("หน่วยงานตอบแล้ว" in m["subject"] for m in notices_delivered().email)
    assert "ช่างไม่ว่าง" in client.get(url).content.decode()
    # a status not allowed from here (data: rules.toml `next`) is refused with a message
    client.post(url, {"action": "status", "status": "scheduled"})
    road_case.refresh_from_db()
    assert road_case.status == "answered"
    client.post(url, {"action": "status", "status": "closed", "text": "ซ่อมแล้ว"})
    road_case.refresh_from_db()
    assert road_case.status == "closed" and road_case.closed_at is not None
    assert AuditEvent.objects.filter(action="case.status", target_id=str(road_case.pk)).exists()


def test_rating_only_after_closing_and_once(road_case, division_officer):
    with pytest.raises(CaseInvalid):
        case_rate(case=road_case, rating=5)
    case_status_set(case=road_case, status="closed", actor=division_officer)
    client = Client()
    url = reverse("cases:track", args=[road_case.tracking_no, road_case.secret])
    assert "ประเมินความพึงพอใจ" in client.get(url).content.decode()
    assert client.post(url, {"rating": "6"}).status_code == 200  # invalid choice, page shown again
    assert client.post(url, {"rating": "4", "comment": "ดี"}).status_code == 302
    road_case.refresh_from_db()
    assert road_case.rating == 4 and road_case.rating_comment == "ดี"
    with pytest.raises(CaseInvalid):
        case_rate(case=road_case, rating=5)


def test_reopen_clears_closed(road_case, division_officer):
    case_status_set(case=road_case, status="closed", actor=division_officer)
    case_status_set(case=road_case, status="reopened", actor=division_officer, note="ยังไม่เรียบร้อย")
    road_case.refresh_from_db()
    assert road_case.status == "reopened" and road_case.closed_at is None and road_case.first_answered_at


def test_overdue_flag(road_case, agency, division_officer):
    Case.objects.filter(pk=road_case.pk).update(due_date=dt.date(2020, 1, 1))
    client = client_for(division_officer)
    html = client.get(reverse("cases:queue", args=[agency.pk]), {"overdue": "1"}).content.decode()
    assert road_case.tracking_no in html and "เกินกำหนด" in html
    case_answer(case=Case.objects.get(pk=road_case.pk), text="ตอบแล้ว", actor=division_officer)
    html = client.get(reverse("cases:queue", args=[agency.pk]), {"overdue": "1"}).content.decode()
    assert road_case.tracking_no not in html


def test_templates_and_assignment(coordinator, agency, road_case, division_officer):
    client = client_for(coordinator)
    client.post(reverse("cases:templates", args=[agency.pk]), {"title": "รับเรื่อง", "body": "รับเรื่องแล้วครับ"})
    template = ResponseTemplate.objects.get(agency=agency)
    html = client.get(reverse("cases:detail", args=[agency.pk, road_case.pk])).content.decode()
    assert 'data-template="รับเรื่องแล้วครับ"' in html
    client.post(
        reverse("cases:detail", args=[agency.pk, road_case.pk]),
        {"action": "assign", "division": road_case.division_id, "assignee": division_officer.pk},
    )
    road_case.refresh_from_db()
    assert road_case.assignee == division_officer
    client.post(reverse("cases:template_delete", args=[agency.pk, template.pk]))
    assert not ResponseTemplate.objects.exists()


def test_executive_may_look_but_not_act(executive, road_case, agency):
    client = client_for(executive)
    url = reverse("cases:detail", args=[agency.pk, road_case.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "answer", "text": "x"}).status_code == 403
    assert client.get(reverse("cases:templates", args=[agency.pk])).status_code == 403


def test_every_url_with_an_id_is_404_for_another_agency(other_client, agency, road_case):
    att = road_case.attachments.get()
    template = ResponseTemplate.objects.create(agency=agency, title="t", body="b")
    urls = [
        reverse("cases:queue", args=[agency.pk]),
        reverse("cases:detail", args=[agency.pk, road_case.pk]),
        reverse("cases:photo", args=[agency.pk, road_case.pk, att.pk]),
        reverse("cases:confidential", args=[agency.pk]),
        reverse("cases:officers", args=[agency.pk]),
        reverse("cases:templates", args=[agency.pk]),
        reverse("open311:keys", args=[agency.pk]),
        f"/api/cases/{road_case.pk}",
        f"/api/cases/?agency_id={agency.pk}",
        f"/api/cases/stats/{agency.pk}",
    ]
    for url in urls:
        assert other_client.get(url).status_code == 404, url
    posts = [
        reverse("cases:detail", args=[agency.pk, road_case.pk]),
        reverse("cases:template_delete", args=[agency.pk, template.pk]),
        reverse("open311:key_revoke", args=[agency.pk, 1]),
    ]
    for url in posts:
        assert other_client.post(url, {"action": "answer", "text": "x"}).status_code == 404, url
    for action in ("answer", "status", "assign"):
        assert (
            other_client.post(
                f"/api/cases/{road_case.pk}/{action}",
                {"text": "x", "status": "closed", "division_id": None},
                content_type="application/json",
            ).status_code
            == 404
        ), action
    road_case.refresh_from_db()
    assert road_case.status == "received" and road_case.division is not None


def test_a_case_id_from_another_agency_under_my_agency_is_404(
    coordinator_client, agency, other_agency, other_catalogue
):
    theirs, _ = case_submit(agency=other_agency, kind="question", description="x")
    assert coordinator_client.get(reverse("cases:detail", args=[agency.pk, theirs.pk])).status_code == 404
    assert (
        coordinator_client.get(reverse("cases:detail", args=[other_agency.pk, theirs.pk])).status_code == 404
    )


def test_anonymous_staff_pages_redirect_to_login(agency, road_case):
    response = Client().get(reverse("cases:detail", args=[agency.pk, road_case.pk]))
    assert response.status_code == 302 and "/accounts/" in response.url
    att = road_case.attachments.get()
    assert Client().get(reverse("cases:photo", args=[agency.pk, road_case.pk, att.pk])).status_code == 302


def test_staff_read_the_services_questions_and_the_pin(division_officer, agency, catalogue):
    case, _ = case_submit(
        agency=agency,
        kind="request",
        service=catalogue["water-truck"],
        description="บ่อแห้ง",
        lat="14.015",
        long="99.531",
        attributes={"households": "3", "use": "drink"},
    )
    html = (
        client_for(division_officer).get(reverse("cases:detail", args=[agency.pk, case.pk])).content.decode()
    )
    answers = html[html.index('id="answers"') : html.index("</dl>", html.index('id="answers"'))]
    assert "จำนวนครัวเรือนที่ต้องการน้ำ" in answers and "อุปโภคบริโภค" in answers  # not "households", "drink"
    assert "drink" not in answers
    # no map tiles are served (no assets from the internet): the pin opens in OpenStreetMap on request
    assert 'id="map-link"' in html and "mlat=14.015000&amp;mlon=99.531000" in html


def test_unknown_queue_filters_show_nothing_and_break_nothing(division_officer, road_case, agency):
    client = client_for(division_officer)
    for status in ("bogus", "x\x00y"):
        response = client.get(reverse("cases:queue", args=[agency.pk]), {"status": status, "division": ""})
        assert response.status_code == 200 and road_case.tracking_no not in response.content.decode()
    api = client.get("/api/cases/", {"agency_id": agency.pk, "status": "x\x00y"})
    assert api.status_code == 200 and api.json() == []


def test_officers_page_says_how_to_add_staff_first(superuser, agency):
    html = client_for(superuser).get(reverse("cases:officers", args=[agency.pk])).content.decode()
    assert 'id="no-members"' in html and 'name="username"' not in html


def test_a_photo_is_served_only_under_its_own_case(agency, road_case, coordinator_client, catalogue):
    mine, _ = case_submit(agency=agency, kind="complaint", description="ของฉัน", photos=[photo()])
    theirs = road_case.attachments.get()
    # the right secret link (or staff page) of one case never serves another case's photo
    public = reverse("cases:track_photo", args=[mine.tracking_no, mine.secret, theirs.pk])
    assert Client().get(public).status_code == 404
    staff = reverse("cases:photo", args=[agency.pk, mine.pk, theirs.pk])
    assert coordinator_client.get(staff).status_code == 404
    own = mine.attachments.get()
    assert (
        Client().get(reverse("cases:track_photo", args=[mine.tracking_no, mine.secret, own.pk])).status_code
        == 200
    )


def test_queue_search_by_tracking_number_and_exports(coordinator, agency, other_client):
    first, _ = case_submit(
        agency=agency, kind="question", description="ถามเรื่องแรก", name="นายลับ", phone="0811111111"
    )
    second, _ = case_submit(agency=agency, kind="question", description="ถามเรื่องสอง")
    client = client_for(coordinator)
    url = reverse("cases:queue", args=[agency.pk])
    found = client.get(url, {"q": first.tracking_no.lower()}).content.decode()
    assert first.tracking_no in found and second.tracking_no not in found
    tail = first.tracking_no[-3:].translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert first.tracking_no in client.get(url, {"q": tail}).content.decode()  # a part, in Thai digits
    page = client.get(url).content.decode()
    export = reverse("cases:queue_export", args=[agency.pk, "csv"])
    assert f'href="{export}?' in page
    rows = list(
        csv.reader(io.StringIO(client.get(export, {"q": first.tracking_no}).content.decode("utf-8-sig")))
    )
    assert rows[0][0] == "เลขติดตามเรื่อง" and [r[0] for r in rows[1:]] == [first.tracking_no]
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("cases:queue_export", args=[agency.pk, "xlsx"])).content)
    )
    cells = [[c for c in r] for r in book.active.iter_rows(values_only=True)]
    assert {r[0] for r in cells[1:]} == {first.tracking_no, second.tracking_no}
    assert "นายลับ" not in str(cells) and "0811111111" not in str(cells)  # no personal data
    stats = client.get(reverse("cases:stats_export", args=[agency.pk, "xlsx"]))
    sheet = openpyxl.load_workbook(io.BytesIO(stats.content)).active
    stat_rows = list(sheet.iter_rows(values_only=True))
    assert stat_rows[0][0] == "เดือน" and sum(r[2] for r in stat_rows[1:]) == 2
    assert other_client.get(export).status_code == 404
    assert other_client.get(reverse("cases:stats_export", args=[agency.pk, "csv"])).status_code == 404
    assert client.get(reverse("cases:queue_export", args=[agency.pk, "pdf"])).status_code == 404
