"""OIT readiness: items Prongsai provides are linked live, the officer's links and explanations (audited),
the public "ITA <year>" page without private data, the ITAS sheet, the supervisor's table, isolation."""

import csv
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from prongsai.web.assessments.seed import seed_load
from prongsai.web.audit.models import AuditEvent
from prongsai.web.oit.models import Answer
from prongsai.web.oit.selectors import readiness_get
from prongsai.web.plans.models import ImplementationReport, Measure
from prongsai.web.plans.services import measure_create
from prongsai.web.services.models import Service

from ..conftest import client_for

pytestmark = pytest.mark.django_db
PROVIDED_2569 = {"O3", "O4", "O9", "O10", "O16", "O17", "O18", "O19", "O25", "O26"}


@pytest.fixture
def seed(db):
    return seed_load()


def rows(agency, year=2569):
    return {r.item.code: r for r in readiness_get(agency=agency, fiscal_year=year).rows}


def test_seed_fy2569_provided_items_are_published_with_links_that_open(seed):
    by_code = rows(seed)
    assert [c for c, r in by_code.items() if r.source == "prongsai" and r.status == "published"] == sorted(
        PROVIDED_2569, key=lambda c: int(c[1:])
    )
    anonymous = Client()
    for code in PROVIDED_2569:
        assert by_code[code].links, code
        for link in by_code[code].links:
            assert anonymous.get(link.url).status_code == 200, (code, link.url)
    assert f"/p/{seed.pk}/plans/reports/" in by_code["O26"].links[0].url  # the published report's file
    assert by_code["O1"].status == "missing" and by_code["O1"].source == ""  # the agency's own evidence


def test_links_say_why_when_the_thing_behind_them_is_unpublished(seed):
    Measure.objects.filter(agency=seed).update(is_published=False)
    ImplementationReport.objects.filter(agency=seed).update(is_published=False)
    Service.objects.filter(agency=seed).update(is_active=False)
    by_code = rows(seed)
    for code in ("O4", "O9", "O10", "O25", "O26"):
        assert by_code[code].status == "missing" and by_code[code].reason_th, code
        assert by_code[code].links == ()
    assert "มาตรการ" in by_code["O25"].reason_th and "รายงาน" in by_code["O26"].reason_th


def test_officer_link_and_explanation_are_saved_audited_and_bad_links_refused(seed, superuser):
    client = client_for(superuser)
    url = reverse("oit:staff", args=[seed.pk, 2569])
    for bad in ("javascript:alert(1)", "ftp://example.org/a.pdf", "http://"):
        r = client.post(url, {"code": "O1", "url": bad, "explanation": "x"})
        assert r.status_code == 400 and "http" in r.content.decode(), bad
    assert not Answer.objects.exists()
    r = client.post(
        url, {"code": "O1", "url": "https://example.go.th/structure.pdf", "explanation": "แผนผังโครงสร้าง"}
    )
    assert r.status_code == 302
    row = rows(seed)["O1"]
    assert (row.status, row.source, row.links[-1].url) == (
        "published",
        "link",
        "https://example.go.th/structure.pdf",
    )
    event = AuditEvent.objects.get(action="oit.answer_save")
    assert event.agency == seed and event.details["code"] == "O1"
    assert client.post(url, {"code": "O99", "url": "", "explanation": "x"}).status_code == 400


def test_public_page_lists_every_item_in_order_without_private_data(seed, superuser):
    measure_create(agency=seed, fiscal_year=2569, title="มาตรการร่างลับยังไม่เผยแพร่", indicators=[7])
    Answer.objects.create(
        agency=seed, fiscal_year=2569, code="O13", explanation="คำอธิบายของเจ้าหน้าที่", updated_by=superuser
    )
    page = Client().get(reverse("oit:public", args=[seed.pk, 2569])).content.decode()
    positions = [page.index(f'id="item-O{n}"') for n in range(1, 27)]
    assert positions == sorted(positions)
    assert "มาตรการร่างลับยังไม่เผยแพร่" not in page and superuser.username not in page
    assert "คำอธิบายของเจ้าหน้าที่" in page
    assert "ยังไม่ได้แต่งตั้งเจ้าหน้าที่" not in page  # staff-only warning about the confidential channel
    thai = Client().get(reverse("oit:public", args=[seed.pk, 2569]) + "?digits=thai").content.decode()
    assert "ITA ๒๕๖๙" in thai and 'id="item-O10"' in thai  # ids stay as they are


def test_a_year_without_a_list_borrows_the_newest_earlier_one_marked_unverified(seed):
    page = Client().get(reverse("oit:public", args=[seed.pk, 2571])).content.decode()
    assert "2569" in page and "ยังไม่ยืนยัน" in page and 'id="item-O26"' in page
    assert Client().get(reverse("oit:public", args=[seed.pk, 2562])).status_code == 404


def test_itas_sheet_csv_and_xlsx_in_the_years_order(seed, superuser):
    Answer.objects.create(
        agency=seed, fiscal_year=2569, code="O1", url="https://example.go.th/o1", explanation="โครงสร้าง"
    )
    client = client_for(superuser)
    r = client.get(reverse("oit:export", args=[seed.pk, 2569, "csv"]))
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert table[0] == ["ข้อ", "ชื่อข้อ", "คำตอบ (มี/ไม่มี)", "URL", "คำอธิบาย"]
    assert [row[0] for row in table[1:]] == [f"O{n}" for n in range(1, 27)]
    by_code = {row[0]: row for row in table[1:]}
    assert by_code["O1"][2:] == ["มี", "https://example.go.th/o1", "โครงสร้าง"]
    assert by_code["O10"][2] == "มี" and by_code["O10"][3].startswith("http://testserver/p/")
    assert by_code["O2"][2] == "ไม่มี"
    x = client.get(reverse("oit:export", args=[seed.pk, 2569, "xlsx"]))
    ws = openpyxl.load_workbook(io.BytesIO(x.content)).active
    assert [c.value for c in ws[2]][:3] == ["O1", by_code["O1"][1], "มี"]
    assert client.get(reverse("oit:export", args=[seed.pk, 2569, "pdf"])).status_code == 404


def test_every_id_taking_url_is_404_to_another_agencys_staff(agency, other_client, coordinator_client):
    for url in (
        reverse("oit:staff", args=[agency.pk, 2569]),
        reverse("oit:export", args=[agency.pk, 2569, "csv"]),
    ):
        assert other_client.get(url).status_code == 404, url
        assert coordinator_client.get(url).status_code == 200, url
    assert (
        other_client.post(
            reverse("oit:staff", args=[agency.pk, 2569]), {"code": "O1", "url": "https://x.org"}
        ).status_code
        == 404
    )
    assert not Answer.objects.exists()
    agency.is_public = False
    agency.save()
    assert Client().get(reverse("oit:public", args=[agency.pk, 2569])).status_code == 404
    assert Client().get(reverse("oit:complaint_rules", args=[agency.pk])).status_code == 404


def test_view_only_roles_cannot_write(agency, division_officer, supervisor):
    for user in (division_officer, supervisor):
        r = client_for(user).post(
            reverse("oit:staff", args=[agency.pk, 2569]), {"code": "O1", "url": "https://x.org"}
        )
        assert r.status_code == 403
    assert not Answer.objects.exists()


def test_supervisor_sees_their_agencies_with_items_covered_and_missing(agency, other_agency, supervisor):
    Answer.objects.create(agency=agency, fiscal_year=2569, code="O1", url="https://example.go.th/o1")
    page = (
        client_for(supervisor).get(reverse("oit:supervisor", args=[2569]) + "?sort=missing").content.decode()
    )
    assert agency.name in page and other_agency.name not in page
    ready = readiness_get(agency=agency, fiscal_year=2569)
    assert f'<td class="num">{ready.ready}</td><td class="num">{ready.missing}</td>' in page
    assert ready.ready == 1 + sum(1 for r in ready.rows if r.source == "prongsai" and r.status == "published")


def test_api_returns_the_years_items_publicly_without_private_data(seed, superuser):
    measure_create(agency=seed, fiscal_year=2569, title="มาตรการร่างลับยังไม่เผยแพร่", indicators=[7])
    Answer.objects.create(
        agency=seed, fiscal_year=2569, code="O1", url="https://example.go.th/o1", updated_by=superuser
    )
    r = Client().get(f"/api/oit/{seed.pk}/2569")
    assert r.status_code == 200
    data = r.json()
    assert [i["code"] for i in data["items"]] == [f"O{n}" for n in range(1, 27)]
    by_code = {i["code"]: i for i in data["items"]}
    assert by_code["O1"]["source"] == "link" and by_code["O1"]["urls"] == ["https://example.go.th/o1"]
    assert by_code["O10"]["source"] == "prongsai" and by_code["O10"]["status"] == "published"
    assert all(u.startswith("http://testserver/") for u in by_code["O10"]["urls"])
    assert by_code["O11"]["due"] == "monthly" and by_code["O2"]["status"] == "missing"
    assert "มาตรการร่างลับ" not in r.content.decode() and superuser.username not in r.content.decode()
    seed.is_public = False
    seed.save()
    assert Client().get(f"/api/oit/{seed.pk}/2569").status_code == 404


def test_pages_without_a_year_open_the_current_fiscal_year(agency, coordinator_client):
    from django.utils import timezone

    from prongsai.thai import fiscal_year_of

    year = fiscal_year_of(timezone.localdate())  # the site's own date, as the view reads it
    r = coordinator_client.get(reverse("oit:staff_current", args=[agency.pk]))
    assert r.status_code == 302 and r.url == reverse("oit:staff", args=[agency.pk, year])
    assert Client().get(reverse("oit:public_current", args=[agency.pk])).url == reverse(
        "oit:public", args=[agency.pk, year]
    )
    assert "oit/" in coordinator_client.get(reverse("dashboards:agency", args=[agency.pk])).content.decode()


def test_supervisor_table_filters_and_exports(agency, other_agency, superuser):
    client = client_for(superuser)
    url = reverse("oit:supervisor", args=[2569])
    page = client.get(url + "?province=" + other_agency.province).content.decode()
    assert other_agency.name in page and agency.name not in page
    r = client.get(url + "?format=csv&sort=name")
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert table[0][:4] == ["หน่วยงาน", "ประเภท", "จังหวัด", "ข้อที่พร้อม"]
    assert sorted(row[0] for row in table[1:]) == sorted([agency.name, other_agency.name])
    assert all(row[4] == "26" and "O1" in row[6].split() for row in table[1:])
    x = client.get(url + "?format=xlsx")
    assert openpyxl.load_workbook(io.BytesIO(x.content)).active.max_row == 3
    staff_page = client.get(reverse("oit:staff", args=[agency.pk, 2569])).content.decode()
    assert "ตัวชี้วัดที่ 9:" in staff_page and "ตัวชี้วัดที่ 10:" in staff_page


def test_every_feature_link_has_a_human_label(seed):
    labels = [link.label for row in rows(seed).values() for link in row.links]
    assert labels and not [
        x for x in labels if x.split(":")[0] in ("cases", "plans", "services", "participation")
    ]
    assert "กระดานถาม–ตอบ (ช่องทางสอบถามแบบสองทาง)" in labels  # the contacts item's second link
