"""Implementation reports read back from each format (pdftotext, python-docx, an HTML parser)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.utils import timezone

from prongsai.ita.framework import get_framework
from prongsai.web.assessments.seed import seed_load
from prongsai.web.participation.models import Project, Registration
from prongsai.web.plans.demo import plans_demo_load
from prongsai.web.plans.models import ImplementationReport, Measure
from prongsai.web.plans.report_services import report_data_build, report_generate, report_period
from prongsai.web.plans.services import measure_create
from tests.reports.readback import HtmlDoc, squash
from tests.reports.readback import html_text as html_text_of

pytestmark = pytest.mark.django_db
SECRET_NAME = "นายทดสอบ ข้อมูลลับยิ่ง"


@pytest.fixture(scope="module")
def texts(django_db_setup, django_db_blocker, tmp_path_factory):
    """One demo installation and its six-month report in three formats, read back as plain text."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            agency = seed_load()
            plans_demo_load(agency=agency, fiscal_year=2569)
            measure_create(agency=agency, fiscal_year=2569, title="มาตรการร่างที่ยังไม่เผยแพร่", indicators=[7])
            open_project = Project.objects.get(agency=agency, status="open")
            # stored directly: the demo project's day may be over, and a past project refuses registrations
            Registration.objects.create(
                project=open_project, name=SECRET_NAME, phone="0812345678", consent_at=timezone.now()
            )
            report = report_generate(
                agency=agency, fiscal_year=2569, kind="six_month", as_of=dt.date(2026, 3, 31)
            )
            files = {f.format: bytes(f.content) for f in report.files.all()}
            data = report_data_build(
                agency=agency, fiscal_year=2569, kind="six_month", as_of=dt.date(2026, 3, 31)
            )
            seed_measure = Measure.objects.get(agency=agency, is_published=True)
            activity = seed_measure.activities.get()
            transaction.set_rollback(True)
    out = tmp_path_factory.mktemp("reports")
    (out / "r.pdf").write_bytes(files["pdf"])
    import subprocess

    pdf = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    d = docx.Document(io.BytesIO(files["docx"]))
    docx_text = "\n".join(
        [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    )
    html = HtmlDoc(files["html"].decode("utf-8"))
    html_text = html_text_of(files["html"].decode("utf-8"))  # the words' spans and <wbr> removed
    return {
        "pdf": pdf,
        "docx": docx_text,
        "html": html_text,
        "html_doc": html,
        "data": data,
        "activity": activity,
    }


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_report_holds_the_plan_progress_and_participation(texts, fmt):
    text = squash(texts[fmt])
    a = texts["activity"]
    for expected in [
        "รายงานผลการดำเนินการตามมาตรการรอบ๖เดือน",
        "เทศบาลเมืองปากแพรก",
        "ประจำปีงบประมาณพ.ศ.๒๕๖๙",
        "๓๑มี.ค.๒๕๖๙",
        "๑ต.ค.๒๕๖๘-๓๑มี.ค.๒๕๖๙",
        squash(a.name),
        *[squash(m)[:20] for m in a.methods],  # table cells wrap beside other columns in the PDF
        *a.divisions.values_list("name", flat=True),
        "ร้อยละ๕๕.๐๐",
        "เวทีรับฟังความคิดเห็นเพื่อปรับปรุงการให้บริการของเทศบาล",
        "๔๘คน",
        "ผู้รายงาน",
        "ผู้รับรองรายงาน",  # signed off by the chief executive as well as by whoever wrote it
        "(ผู้บริหารสูงสุดของหน่วยงาน)",
    ]:
        assert squash(expected) in text, (fmt, expected)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_report_names_its_oit_item_and_says_unverified(texts, fmt):
    item = get_framework(2569).documents["implementation_report"]
    text = squash(texts[fmt])
    assert squash(item.name_th) in text
    # The confidence worded for an officer, and the public citation, never a file path or "unverified".
    said = squash("ยังไม่ได้ยืนยันกับประกาศของสำนักงาน ป.ป.ช.") in text
    assert (item.rule.confidence == "unverified") == said
    assert "unverified" not in text and ".md" not in text
    assert squash("ที่มา: " + item.rule.source) in text
    assert texts["data"].oit.framework_year == 2569


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_report_has_no_drafts_and_no_personal_data(texts, fmt):
    text = squash(texts[fmt])
    assert squash("มาตรการร่างที่ยังไม่เผยแพร่") not in text
    assert squash(SECRET_NAME) not in text and "0812345678" not in text


def test_report_html_structure(texts):
    h = texts["html_doc"]
    assert h.tables and all(headers for headers in h.headers)
    assert any("มาตรการที่" in x for x in h.headings)


def test_updates_after_as_of_are_left_out():
    agency = seed_load()
    plans_demo_load(agency=agency, fiscal_year=2569)
    early = report_data_build(agency=agency, fiscal_year=2569, kind="six_month", as_of=dt.date(2025, 12, 31))
    [m] = early.measures
    assert m.progress == 20 and len(m.activities[0].updates) == 1


def test_year_end_report_names_the_item_from_the_newest_framework_when_its_year_has_none():
    """FY2569's year-end report goes to the FY2570 ITA; with no FY2570 framework in the data yet, it
    quotes FY2569's item and says so (unverified), rather than naming no item at all."""
    from prongsai.ita.framework import available_years

    agency = seed_load()
    plans_demo_load(agency=agency, fiscal_year=2569)
    data = report_data_build(agency=agency, fiscal_year=2569, kind="year_end", as_of=dt.date(2026, 9, 30))
    assert 2570 not in available_years()  # when FY2570 rules arrive, this test should use them instead
    item = get_framework(2569).documents["implementation_report"]
    assert (data.oit.framework_year, data.oit.from_year, data.oit.found) == (2570, 2569, True)
    assert (data.oit.name_th, data.oit.confidence) == (item.name_th, "unverified")
    assert report_period(fiscal_year=2569, kind="year_end") == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert report_period(fiscal_year=2569, kind="six_month") == (dt.date(2025, 10, 1), dt.date(2026, 3, 31))
    r = report_generate(
        agency=agency, fiscal_year=2569, kind="year_end", as_of=dt.date(2026, 9, 30), formats=("pdf",)
    )
    pdf = ImplementationReport.objects.get(pk=r.pk).files.get().content
    text = squash(pdftotext(bytes(pdf)))
    assert squash("รายงานผลการดำเนินการตามมาตรการประจำปี") in text
    assert squash(item.name_th) in text and squash("ยังไม่ได้ยืนยันกับประกาศของสำนักงาน ป.ป.ช.") in text
    assert squash("ประจำปีงบประมาณพ.ศ.๒๕๗๐") in text  # the year it serves
    assert squash("จึงใช้หัวข้อตามกรอบของปีงบประมาณพ.ศ.๒๕๖๙") in text  # and whose list it quotes


def test_a_year_with_a_framework_names_its_own_item_and_none_beyond_the_known_years():
    from prongsai.reports.implementation import oit_reference

    old = oit_reference("six_month", 2565)
    assert (old.item, old.framework_year, old.from_year) == ("O43", 2565, None)
    assert old.confidence == get_framework(2565).documents["implementation_report"].rule.confidence
    assert not oit_reference("six_month", 2500).found  # nothing earlier to stand in


def test_a_draft_measure_is_never_named_as_where_a_proposal_went(agency, coordinator):
    from prongsai.web.participation.services import outcome_save, project_create, project_set_status

    published = measure_create(
        agency=agency, fiscal_year=2569, title="มาตรการที่เผยแพร่", indicators=[8], is_published=True
    )
    draft = measure_create(agency=agency, fiscal_year=2569, title="ร่างยังไม่ประกาศ", indicators=[7])
    project = project_create(
        agency=agency,
        actor=coordinator,
        title="เวทีทดสอบ",
        description="x",
        starts_on=dt.date(2026, 1, 10),
        place="ห้องประชุม",
        audience="ทุกคน",
        measure=published,
    )
    project_set_status(project=project, status="closed", actor=coordinator)
    outcome_save(
        project=project,
        actor=coordinator,
        participants_count=5,
        adopted="ข้อเสนอที่รับไป",
        adopted_measure=draft,
        adopted_plan="แผนพัฒนาท้องถิ่น",
        is_published=True,
    )
    data = report_data_build(agency=agency, fiscal_year=2569, kind="six_month", as_of=dt.date(2026, 3, 31))
    [p] = data.participation
    assert p.adopted_into == "แผนพัฒนาท้องถิ่น"
    from django.test import Client

    for url in (f"/p/{agency.pk}/plans/", f"/p/{agency.pk}/projects/{project.pk}/"):
        page = Client().get(url).content.decode()
        assert "ร่างยังไม่ประกาศ" not in page and "แผนพัฒนาท้องถิ่น" in page, url
    draft.is_published = True
    draft.save()
    data = report_data_build(agency=agency, fiscal_year=2569, kind="six_month", as_of=dt.date(2026, 3, 31))
    assert data.participation[0].adopted_into == "ร่างยังไม่ประกาศ; แผนพัฒนาท้องถิ่น"


def pdftotext(pdf: bytes) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
