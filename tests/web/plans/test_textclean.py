"""Control characters in plan text (hardening finding 4): stored clean from the API and the forms, and
rows already dirty in the database still export (XLSX) and report (DOCX)."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.plans.models import Activity, Evidence, ImplementationReport, Measure, ProgressUpdate
from prongsai.web.plans.report_services import report_generate
from prongsai.web.plans.services import progress_add

pytestmark = pytest.mark.django_db


def _docx_text(report: ImplementationReport) -> str:
    d = docx.Document(io.BytesIO(bytes(report.files.get(format="docx").content)))
    return "\n".join(
        [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    )


def _xlsx_cells(content: bytes) -> list:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    return [c for sheet in wb for row in sheet.iter_rows(values_only=True) for c in row]


def test_api_narrative_with_a_backspace_then_export_and_report(
    agency, coordinator_client, measure, works_activity
):
    """The issue's reproduction: the narrative was stored with \\b; export.xlsx and the report were 500."""
    measure.is_published = True
    measure.save()
    r = coordinator_client.post(
        f"/api/plans/activities/{works_activity.pk}/progress",
        json.dumps(
            {"date": "2025-12-02", "status": "in_progress", "percent": 50, "narrative": "\bซ่อม\x00แล้ว"}
        ),
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    assert ProgressUpdate.objects.get(activity=works_activity).narrative == "ซ่อมแล้ว"

    public = coordinator_client.get(f"/p/{agency.pk}/plans/export.xlsx?year=2569&table=progress")
    assert public.status_code == 200
    assert "ซ่อมแล้ว" in _xlsx_cells(public.content)

    r = coordinator_client.post(
        f"/a/{agency.pk}/plans/reports/new/",
        {"kind": "six_month", "fiscal_year": "2569", "as_of": "2026-03-31"},
    )
    assert r.status_code == 302
    assert "ซ่อมแล้ว" in _docx_text(ImplementationReport.objects.get(agency=agency))


def test_web_forms_store_narrative_and_title_clean(agency, coordinator_client, works_activity):
    r = coordinator_client.post(
        f"/plans/activity/{works_activity.pk}/progress/",
        {
            "date": "2025-12-05",
            "status": "in_progress",
            "percent": "50",
            "narrative": "บรรทัดแรก\x0b\r\nบรรทัดสอง",
        },
    )
    assert r.status_code == 302
    assert ProgressUpdate.objects.get(activity=works_activity).narrative == "บรรทัดแรก\nบรรทัดสอง"
    r = coordinator_client.post(
        f"/a/{agency.pk}/plans/new/",
        {"fiscal_year": "2569", "indicators": "8", "title": "มาตรการ\x01ใหม่", "analysis": "เพราะ"},
    )
    assert r.status_code == 302
    assert Measure.objects.filter(agency=agency, title="มาตรการใหม่").exists()


@pytest.fixture
def dirty_rows(coordinator, measure, works_activity):
    """Old data, stored before the request boundary cleaned text."""
    progress_add(
        activity=works_activity,
        actor=coordinator,
        date=dt.date(2025, 12, 1),
        status="in_progress",
        percent=40,
    )
    ProgressUpdate.objects.filter(activity=works_activity).update(narrative="\bเก่า\x0bสกปรก\ufffe")
    Measure.objects.filter(pk=measure.pk).update(title="มาตรการ\x01เก่า", is_published=True)
    Activity.objects.filter(pk=works_activity.pk).update(name="ถนน\x1f")


def test_rows_already_dirty_in_the_database_still_export(agency, coordinator_client, dirty_rows):
    for url in (
        f"/a/{agency.pk}/plans/export.xlsx?year=2569",
        f"/a/{agency.pk}/plans/export.xlsx?year=2569&table=progress",
        f"/p/{agency.pk}/plans/export.xlsx?year=2569",
    ):
        r = coordinator_client.get(url)
        assert r.status_code == 200, url
        cells = _xlsx_cells(r.content)
        assert "มาตรการเก่า" in cells and "ถนน" in cells and "เก่าสกปรก" in cells, url


def test_rows_already_dirty_in_the_database_still_report(agency, dirty_rows):
    report = report_generate(agency=agency, fiscal_year=2569, kind="six_month", as_of=dt.date(2026, 3, 31))
    assert {f.format for f in report.files.all()} == {"pdf", "docx", "html"}
    text = _docx_text(report)
    assert "มาตรการเก่า" in text and "\x01" not in text


def test_multipart_form_text_is_cleaned_and_the_file_left_as_it_is(coordinator_client, works_activity):
    content = b"%PDF-1.4\x00\x01\r\n\x0b minutes"
    r = coordinator_client.post(
        f"/plans/activity/{works_activity.pk}/progress/",
        {
            "date": "2025-12-05",
            "status": "in_progress",
            "percent": "20",
            "narrative": "ประชุม\x00แล้ว",
            "evidence_title": "รายงาน\x1bการประชุม",
            "evidence_file": SimpleUploadedFile("minutes.pdf", content, "application/pdf"),
        },
    )
    assert r.status_code == 302
    assert ProgressUpdate.objects.get(activity=works_activity).narrative == "ประชุมแล้ว"
    row = Evidence.objects.get(update__activity=works_activity)
    assert row.title == "รายงานการประชุม"
    served = coordinator_client.get(f"/plans/evidence/{row.pk}/")
    assert b"".join(served.streaming_content) == content
