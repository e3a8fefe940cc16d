"""Evidence for an item: a file (Plans' upload rules) or a link, with its date and responsible division;
a broken rule refuses it with the reason and stores nothing; the file opens from the public page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prongsai.web.agencies.models import Division
from prongsai.web.audit.models import AuditEvent
from prongsai.web.oit.models import Evidence
from prongsai.web.oit.selectors import readiness_get

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def post(client, agency, **fields):
    data = {
        "action": "evidence",
        "code": "O15",
        "title": "ประมวลจริยธรรม",
        "published_on": "2026-01-15",
        **fields,
    }
    return client.post(reverse("oit:staff", args=[agency.pk, 2569]), data)


def files_on_disk(settings):
    root = settings.VAR_DIR / "private" / "evidence"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_an_uploaded_file_publishes_the_item_and_opens_from_the_public_page(
    agency, coordinator_client, settings
):
    division = Division.objects.filter(agency=agency).first()
    upload = SimpleUploadedFile("จริยธรรม.pdf", PDF, content_type="application/pdf")
    r = post(coordinator_client, agency, file=upload, division=str(division.pk))
    assert r.status_code == 302
    row = {x.item.code: x for x in readiness_get(agency=agency, fiscal_year=2569).rows}["O15"]
    assert (row.status, row.source) == ("published", "upload")
    e = row.evidence[0]
    assert (e.division, str(e.published_on), e.filename) == (division, "2026-01-15", "จริยธรรม.pdf")
    page = Client().get(reverse("oit:public", args=[agency.pk, 2569])).content.decode()
    file_url = reverse("oit:evidence", args=[agency.pk, 2569, e.pk])
    assert file_url in page and "coordinator" not in page
    got = Client().get(file_url)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert got["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert AuditEvent.objects.filter(action="oit.evidence_add", agency=agency).count() == 1


@pytest.mark.parametrize(
    ("fields", "field_th"),
    [
        ({"file": ("run.exe", b"MZ")}, ".exe"),
        ({"file": ("empty.pdf", b"")}, "ไฟล์ว่าง"),
        ({"link": "javascript:alert(1)"}, "http"),
        ({}, "ไฟล์หรือลิงก์"),
        ({"link": "https://example.go.th/a.pdf", "published_on": ""}, "วันที่เผยแพร่"),
    ],
)
def test_a_broken_rule_refuses_the_evidence_with_its_reason_and_stores_nothing(
    agency, coordinator_client, settings, fields, field_th
):
    if "file" in fields:
        name, content = fields["file"]
        fields = {**fields, "file": SimpleUploadedFile(name, content)}
    r = post(coordinator_client, agency, **fields)
    assert r.status_code == 400 and field_th in r.content.decode()
    assert not Evidence.objects.exists() and files_on_disk(settings) == []


def test_another_agencys_division_and_another_agencys_staff_are_refused(
    agency, other_agency, coordinator_client, other_client
):
    foreign = Division.objects.filter(agency=other_agency).first()
    r = post(coordinator_client, agency, link="https://example.go.th/a.pdf", division=str(foreign.pk))
    assert r.status_code == 400 and not Evidence.objects.exists()
    assert post(coordinator_client, agency, link="https://example.go.th/a.pdf").status_code == 302
    e = Evidence.objects.get()
    delete = reverse("oit:evidence_delete", args=[agency.pk, 2569, e.pk])
    assert other_client.post(delete).status_code == 404
    wrong_agency = reverse("oit:evidence_delete", args=[other_agency.pk, 2569, e.pk])
    assert other_client.post(wrong_agency).status_code == 404  # B's address, A's evidence
    assert Client().get(reverse("oit:evidence", args=[other_agency.pk, 2569, e.pk])).status_code == 404
    assert Evidence.objects.count() == 1
    assert coordinator_client.post(delete).status_code == 302 and not Evidence.objects.exists()
    assert AuditEvent.objects.filter(action="oit.evidence_remove").count() == 1


def test_a_monthly_item_is_due_when_its_newest_evidence_is_older_than_its_round(agency):
    import datetime as dt

    Evidence.objects.create(
        agency=agency,
        fiscal_year=2569,
        code="O11",
        title="สรุปผลจัดซื้อ ธ.ค.",
        link="https://e.go.th/12",
        published_on=dt.date(2026, 1, 5),
    )

    def o11(today):
        return {r.item.code: r for r in readiness_get(agency=agency, fiscal_year=2569, today=today).rows}[
            "O11"
        ]

    assert o11(dt.date(2026, 2, 10)).status == "published"  # 36 days: within the month's round
    late = o11(dt.date(2026, 3, 1))  # 55 days > 45 (features.toml [due_days] monthly)
    assert (late.status, late.itas_answer, late.status_th) == ("due", "มี", "ถึงกำหนดเผยแพร่รอบใหม่")
    assert o11(dt.date(2027, 3, 1)).status == "due"  # a past year is seen at its end (30 Sep 2026)


def test_the_staff_page_lists_what_to_do_due_items_first(agency, coordinator_client):
    import datetime as dt

    Evidence.objects.create(
        agency=agency,
        fiscal_year=2569,
        code="O11",
        title="สรุป",
        link="https://e.go.th/1",
        published_on=dt.date(2025, 11, 1),
    )
    todo = readiness_get(agency=agency, fiscal_year=2569, today=dt.date(2026, 3, 1)).to_do()
    assert todo[0].item.code == "O11" and {r.status for r in todo[1:]} <= {"partial", "missing"}
    page = coordinator_client.get(reverse("oit:staff", args=[agency.pk, 2569])).content.decode()
    assert "สิ่งที่ต้องทำ" in page and 'href="#item-O1"' in page
