"""Plans pages: isolation between agencies, role permissions, the public pages, exports and the API."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prongsai.web.agencies.models import Division
from prongsai.web.audit.models import AuditEvent
from prongsai.web.plans.models import Evidence, ImplementationReport, Measure, ProgressUpdate
from prongsai.web.plans.report_services import report_generate
from prongsai.web.plans.services import (
    ActivityInput,
    EvidenceInput,
    activity_create,
    measure_create,
    progress_add,
)

from ..conftest import client_for
from ..samples import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(coordinator, works_activity):
    upload = SimpleUploadedFile("photo.png", png_bytes(), content_type="image/png")
    u = progress_add(
        activity=works_activity,
        actor=coordinator,
        date=dt.date(2025, 12, 1),
        status="in_progress",
        percent=40,
        narrative="ความก้าวหน้าสาธารณะ",
        evidence=[EvidenceInput("ภาพกิจกรรม", file=upload)],
    )
    return u.evidence.get()


@pytest.fixture
def report(agency, measure):
    return report_generate(
        agency=agency, fiscal_year=2569, kind="six_month", as_of=dt.date(2026, 3, 31), formats=("html",)
    )


def id_urls(agency, measure, activity, evidence, report):
    return [
        f"/a/{agency.pk}/plans/",
        f"/a/{agency.pk}/plans/new/",
        f"/a/{agency.pk}/plans/export.csv",
        f"/plans/measure/{measure.pk}/",
        f"/plans/measure/{measure.pk}/edit/",
        f"/plans/measure/{measure.pk}/activities/new/",
        f"/plans/activity/{activity.pk}/edit/",
        f"/plans/activity/{activity.pk}/progress/",
        f"/plans/report/{report.pk}.html",
        f"/plans/measure/{measure.pk}/delete/",
        f"/plans/activity/{activity.pk}/delete/",
        f"/plans/update/{evidence.update_id}/delete/",
        f"/plans/report/{report.pk}/delete/",
        f"/plans/report/{report.pk}/withdraw/",
        f"/api/plans/agencies/{agency.pk}/measures",
        f"/api/plans/measures/{measure.pk}",
        f"/api/plans/agencies/{agency.pk}/projects",
    ]


def test_every_url_with_an_id_is_404_for_another_agency(
    agency, coordinator_client, other_client, measure, works_activity, evidence, report
):
    urls = id_urls(agency, measure, works_activity, evidence, report)
    for url in urls:
        assert coordinator_client.get(url).status_code == 200, url
        assert other_client.get(url).status_code == 404, url
    posts = [
        f"/a/{agency.pk}/plans/from-analysis/",
        f"/a/{agency.pk}/plans/reports/new/",
        f"/plans/measure/{measure.pk}/publish/",
        f"/plans/report/{report.pk}/publish/",
        f"/plans/measure/{measure.pk}/delete/",
        f"/plans/activity/{works_activity.pk}/delete/",
        f"/plans/update/{evidence.update_id}/delete/",
        f"/plans/report/{report.pk}/delete/",
        f"/plans/report/{report.pk}/withdraw/",
    ]
    for url in posts:
        assert other_client.post(url, {"published": "1"}).status_code == 404, url
    r = other_client.post(
        f"/api/plans/activities/{works_activity.pk}/progress",
        json.dumps({"date": "2025-12-02", "status": "in_progress", "percent": 50}),
        content_type="application/json",
    )
    assert r.status_code == 404
    # Evidence of an unpublished measure: another agency's staff (and the public) get 404 too.
    assert other_client.get(f"/plans/evidence/{evidence.pk}/").status_code == 404
    assert Client().get(f"/plans/evidence/{evidence.pk}/").status_code == 404
    assert coordinator_client.get(f"/plans/evidence/{evidence.pk}/").status_code == 200


def test_division_officer_posts_only_for_own_division(division_officer, works_activity, finance_activity):
    c = client_for(division_officer)
    data = {"date": "2025-12-05", "status": "in_progress", "percent": "๕๐", "narrative": "ทำแล้วครึ่งหนึ่ง"}
    r = c.post(f"/plans/activity/{works_activity.pk}/progress/", data)
    assert r.status_code == 302
    assert ProgressUpdate.objects.get(activity=works_activity).percent == 50  # Thai digits accepted
    assert c.post(f"/plans/activity/{finance_activity.pk}/progress/", data).status_code == 403
    assert c.get(f"/plans/activity/{finance_activity.pk}/progress/").status_code == 403
    assert not ProgressUpdate.objects.filter(activity=finance_activity).exists()
    # They may not edit measures or activities at all.
    assert c.get(f"/plans/activity/{works_activity.pk}/edit/").status_code == 403
    assert (
        c.post(f"/plans/measure/{works_activity.measure_id}/publish/", {"published": "1"}).status_code == 403
    )


def test_a_file_and_a_link_in_one_form_are_two_pieces_of_evidence(coordinator_client, works_activity):
    r = coordinator_client.post(
        f"/plans/activity/{works_activity.pk}/progress/",
        {
            "date": "2025-12-05",
            "status": "in_progress",
            "percent": "20",
            "evidence_title": "ประชุมชุมชน",
            "evidence_file": SimpleUploadedFile("minutes.pdf", pdf_bytes(), "application/pdf"),
            "evidence_link": "https://www.facebook.com/pakphraek/posts/1",
            "evidence_public": "on",
        },
    )
    assert r.status_code == 302
    rows = Evidence.objects.filter(update__activity=works_activity)
    [file_row] = rows.exclude(file="")
    [link_row] = rows.filter(file="")
    assert link_row.link == "https://www.facebook.com/pakphraek/posts/1" and not file_row.link
    page = coordinator_client.get(f"/plans/measure/{works_activity.measure_id}/").content.decode()
    assert f"/plans/evidence/{file_row.pk}/" in page and link_row.link in page  # both can be opened
    served = coordinator_client.get(f"/plans/evidence/{file_row.pk}/")
    assert b"".join(served.streaming_content) == pdf_bytes()


def test_supervisor_reads_but_cannot_write(supervisor, measure, works_activity):
    c = client_for(supervisor)
    assert c.get(f"/plans/measure/{measure.pk}/").status_code == 200
    assert c.get(f"/plans/activity/{works_activity.pk}/progress/").status_code == 403
    assert c.get(f"/plans/activity/{works_activity.pk}/edit/").status_code == 403
    assert c.post(f"/plans/measure/{measure.pk}/publish/", {"published": "1"}).status_code == 403
    r = c.post(
        f"/api/plans/activities/{works_activity.pk}/progress",
        json.dumps({"date": "2025-12-02", "status": "in_progress", "percent": 50}),
        content_type="application/json",
    )
    assert r.status_code == 403 and not ProgressUpdate.objects.exists()


def test_executive_reads_but_cannot_write(executive, measure, works_activity):
    c = client_for(executive)
    assert c.get(f"/plans/measure/{measure.pk}/").status_code == 200
    assert c.get(f"/plans/activity/{works_activity.pk}/progress/").status_code == 403
    assert c.get(f"/a/{measure.agency_id}/plans/new/").status_code == 403


def test_progress_form_shows_errors_beside_fields(coordinator_client, works_activity):
    r = coordinator_client.post(
        f"/plans/activity/{works_activity.pk}/progress/",
        {"date": "2025-12-05", "status": "done", "percent": "80"},
    )
    html = r.content.decode()
    assert r.status_code == 200 and 'aria-invalid="true"' in html and "ร้อยละ 100" in html


def test_create_measure_and_activity_through_pages(agency, coordinator_client):
    r = coordinator_client.post(
        f"/a/{agency.pk}/plans/new/",
        {"fiscal_year": "2569", "indicators": "๗, 8", "title": "มาตรการใหม่", "analysis": "เพราะ"},
    )
    assert r.status_code == 302
    measure_id = int(r["Location"].rstrip("/").split("/")[-1])
    division = Division.objects.get(agency=agency, name="กองคลัง")
    r = coordinator_client.post(
        f"/plans/measure/{measure_id}/activities/new/",
        {
            "name": "กิจกรรมใหม่",
            "methods": "ข้อแรก\nข้อสอง\n",
            "start": "2025-10-01",
            "end": "2026-09-30",
            "divisions": [division.pk],
            "budget": "15000",
            "kpi": "ผู้เข้าร่วม",
            "target": "100",
            "unit": "คน",
        },
    )
    assert r.status_code == 302
    page = coordinator_client.get(f"/plans/measure/{measure_id}/").content.decode()
    assert "กิจกรรมใหม่" in page and "ข้อสอง" in page and "15,000.00" in page


def test_public_pages_show_only_published_measures(agency, coordinator, measure, works_activity, evidence):
    public = Client()
    assert public.get(f"/p/{agency.pk}/plans/{measure.pk}/").status_code == 404  # a draft
    assert "เปิดโอกาสให้มีส่วนร่วม" not in public.get(f"/p/{agency.pk}/plans/").content.decode()
    assert public.get(f"/api/plans/public/{agency.pk}/measures").json() == []
    draft = measure_create(agency=agency, fiscal_year=2569, title="ร่างลับ", indicators=[1], actor=coordinator)
    measure.is_published = True
    measure.save()
    page = public.get(f"/p/{agency.pk}/plans/").content.decode()
    assert measure.title in page and draft.title not in page
    detail = public.get(f"/p/{agency.pk}/plans/{measure.pk}/").content.decode()
    assert "ความก้าวหน้าสาธารณะ" in detail and 'property="og:title"' in detail
    assert public.get(f"/plans/evidence/{evidence.pk}/").status_code == 200
    Evidence.objects.filter(pk=evidence.pk).update(is_public=False)
    assert public.get(f"/plans/evidence/{evidence.pk}/").status_code == 404
    assert "ภาพกิจกรรม" not in public.get(f"/p/{agency.pk}/plans/{measure.pk}/").content.decode()
    assert public.get(f"/p/{agency.pk}/plans/{draft.pk}/").status_code == 404
    api = public.get(f"/api/plans/public/{agency.pk}/measures").json()
    assert [m["title"] for m in api] == [measure.title]


def test_public_reports_only_when_published(agency, report):
    public = Client()
    assert public.get(f"/p/{agency.pk}/plans/reports/{report.pk}.html").status_code == 404
    report.is_published = True
    report.save()
    r = public.get(f"/p/{agency.pk}/plans/reports/{report.pk}.html")
    assert r.status_code == 200 and "sandbox" not in r["Content-Security-Policy"]
    assert (
        "script-src" not in r["Content-Security-Policy"]
        and "default-src 'none'" in r["Content-Security-Policy"]
    )


def test_exports(agency, coordinator_client, measure, works_activity, evidence):
    activity_create(measure=measure, actor=None, data=ActivityInput(name="ยกเลิกแล้ว", weight=None))
    csv_text = coordinator_client.get(f"/a/{agency.pk}/plans/export.csv?year=2569").content.decode(
        "utf-8-sig"
    )
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0][:2] == ["fiscal_year", "measure_id"] and len(rows) == 3
    assert rows[1][rows[0].index("methods")] == "1. สำรวจ\n2. ซ่อม"
    progress = coordinator_client.get(f"/a/{agency.pk}/plans/export.csv?year=2569&table=progress")
    assert "ความก้าวหน้าสาธารณะ" in progress.content.decode("utf-8-sig")
    wb = openpyxl.load_workbook(
        io.BytesIO(coordinator_client.get(f"/a/{agency.pk}/plans/export.xlsx?year=2569").content)
    )
    assert wb.sheetnames == ["activities", "progress"]
    assert wb["activities"].max_row == 3 and wb["progress"].max_row == 2
    assert coordinator_client.get(f"/a/{agency.pk}/plans/export.pdf").status_code == 404


def test_api_progress_post(coordinator_client, division_officer, works_activity, finance_activity):
    url = f"/api/plans/activities/{works_activity.pk}/progress"
    body = {"date": "2025-12-02", "status": "in_progress", "percent": "60"}
    r = coordinator_client.post(url, json.dumps(body), content_type="application/json")
    assert r.status_code == 201 and r.json()["percent"] == "60"
    bad = coordinator_client.post(
        url, json.dumps({**body, "percent": "120"}), content_type="application/json"
    )
    assert bad.status_code == 422 and "percent" in bad.json()["detail"]
    officer = client_for(division_officer)
    r = officer.post(
        f"/api/plans/activities/{finance_activity.pk}/progress",
        json.dumps(body),
        content_type="application/json",
    )
    assert r.status_code == 403
    m = coordinator_client.get(f"/api/plans/measures/{works_activity.measure_id}").json()
    assert m["progress"] == "30.00"  # (60 + 0) / 2: finance_activity has no update yet


def test_budget_typed_with_separators_and_thai_digits(agency, coordinator_client, measure):
    division = Division.objects.get(agency=agency, name="กองคลัง")
    for typed, shown in (("25,000", "25,000.00"), ("๑,๒๕๐,๐๐๐", "1,250,000.00")):
        r = coordinator_client.post(
            f"/plans/measure/{measure.pk}/activities/new/",
            {"name": f"งบ {typed}", "divisions": [division.pk], "budget": typed},
        )
        assert r.status_code == 302, r.content.decode()[:3000]
        assert shown in coordinator_client.get(f"/plans/measure/{measure.pk}/").content.decode()


def test_activity_dates_are_typed_and_shown_in_the_buddhist_era(agency, coordinator_client, measure):
    division = Division.objects.get(agency=agency, name="กองคลัง")
    r = coordinator_client.post(
        f"/plans/measure/{measure.pk}/activities/new/",
        {"name": "วันไทย", "divisions": [division.pk], "start": "๑/๑๐/๒๕๖๘", "end": "2026-09-30"},
    )
    assert r.status_code == 302
    activity = measure.activities.get(name="วันไทย")
    assert (activity.start, activity.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    page = coordinator_client.get(f"/plans/activity/{activity.pk}/edit/").content.decode()
    assert 'value="01/10/2568"' in page and 'value="30/09/2569"' in page
    assert "data-be-date" in page and "prongsai/datepicker.js" in page and "ค.ศ." not in page
    bad = coordinator_client.post(
        f"/plans/activity/{activity.pk}/edit/",
        {"name": "วันไทย", "divisions": [division.pk], "start": "31/02/2569"},
    ).content.decode()
    assert "วว/ดด/ปปปป" in bad and 'aria-invalid="true"' in bad


def test_a_report_cannot_be_dated_in_the_future(agency, coordinator_client, measure):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    r = coordinator_client.post(
        f"/a/{agency.pk}/plans/reports/new/",
        {
            "kind": "six_month",
            "fiscal_year": "2569",
            "as_of": f"{tomorrow:%d/%m}/{tomorrow.year + 543}",
            "publish": "on",
        },
        follow=True,
    )
    assert "ยังมาไม่ถึง" in r.content.decode() and not ImplementationReport.objects.exists()
    with pytest.raises(ValidationError):
        report_generate(agency=agency, fiscal_year=2569, kind="six_month", as_of=tomorrow, formats=("html",))


def test_replacing_withdrawing_and_deleting_reports(agency, coordinator_client, measure, report):
    r = coordinator_client.post(
        f"/a/{agency.pk}/plans/reports/new/",
        {"kind": "six_month", "fiscal_year": "2569", "as_of": "31/03/2569", "replace": "on", "publish": "on"},
    )
    assert r.status_code == 302
    new = ImplementationReport.objects.get()  # the old one of the same round is gone
    assert new.pk != report.pk and new.is_published
    assert AuditEvent.objects.filter(
        action="implementation_report.replace", target_id=str(report.pk)
    ).exists()
    public = Client().get(f"/p/{agency.pk}/plans/").content.decode()
    assert f"/reports/{new.pk}.pdf" in public
    asked = coordinator_client.post(f"/plans/report/{new.pk}/withdraw/", {"note": "  "})
    assert asked.status_code == 400 and "กรอกเหตุผล" in asked.content.decode()
    coordinator_client.post(f"/plans/report/{new.pk}/withdraw/", {"note": "ตัวเลขงบประมาณผิด จะจัดทำใหม่"})
    new.refresh_from_db()
    assert not new.is_published and new.withdrawn_at is not None
    public = Client().get(f"/p/{agency.pk}/plans/").content.decode()
    assert "ตัวเลขงบประมาณผิด จะจัดทำใหม่" in public and f"/reports/{new.pk}.pdf" not in public
    assert Client().get(f"/p/{agency.pk}/plans/reports/{new.pk}.html").status_code == 404
    assert AuditEvent.objects.filter(action="implementation_report.withdraw").count() == 1
    confirm = coordinator_client.get(f"/plans/report/{new.pk}/delete/").content.decode()
    assert "ยืนยันการลบ" in confirm and ImplementationReport.objects.exists()
    coordinator_client.post(f"/plans/report/{new.pk}/delete/")
    assert not ImplementationReport.objects.exists()
    assert AuditEvent.objects.filter(action="implementation_report.delete").count() == 1


def test_delete_pages_for_updates_activities_and_measures(
    agency,
    coordinator_client,
    division_officer,
    measure,
    works_activity,
    evidence,
    django_capture_on_commit_callbacks,
):
    stored = Evidence.objects.get(pk=evidence.pk).file.path
    page = coordinator_client.get(f"/plans/measure/{measure.pk}/").content.decode()
    for url in (
        f"/plans/update/{evidence.update_id}/delete/",
        f"/plans/activity/{works_activity.pk}/delete/",
        f"/plans/measure/{measure.pk}/delete/",
    ):
        assert f'href="{url}"' in page
        assert "ยืนยันการลบ" in coordinator_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # files go once the deletion is committed
        coordinator_client.post(f"/plans/update/{evidence.update_id}/delete/")
    assert not ProgressUpdate.objects.filter(pk=evidence.update_id).exists() and not os.path.exists(stored)
    officer = client_for(division_officer)
    assert officer.post(f"/plans/activity/{works_activity.pk}/delete/").status_code == 403
    coordinator_client.post(f"/plans/activity/{works_activity.pk}/delete/")
    assert not measure.activities.exists()
    r = coordinator_client.post(f"/plans/measure/{measure.pk}/delete/")
    assert r.status_code == 302 and not Measure.objects.filter(pk=measure.pk).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"progress.delete", "activity.delete", "measure.delete"} <= actions
