"""Plans services: the seed's measures, drafts from the analysis, progress permissions and evidence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.ita.inputs import read_records
from prongsai.web.assessments.seed import SEED_FILE, seed_load
from prongsai.web.assessments.services import result_save
from prongsai.web.audit.models import AuditEvent
from prongsai.web.participation.models import Project
from prongsai.web.plans.demo import plans_demo_load
from prongsai.web.plans.drafting import measure_draft_from_result
from prongsai.web.plans.models import Evidence, ImplementationReport, Measure, ProgressUpdate
from prongsai.web.plans.selectors import flagged_for_user, measure_list, measure_views
from prongsai.web.plans.services import (
    EvidenceInput,
    measures_import,
    progress_add,
)

from ..samples import pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def test_seed_loader_imports_the_fy2569_plan():
    agency = seed_load()
    [m] = Measure.objects.filter(agency=agency)
    assert (m.fiscal_year, m.indicators, m.is_published) == (2569, [8], True)
    [a] = m.activities.all()
    [seed] = read_records(SEED_FILE)
    raw = seed.extra["measures"][0]
    assert a.name == raw["activity"] and a.methods == raw["methods"] and len(a.methods) == 4
    assert (a.start, a.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
    assert [d.name for d in a.divisions.order_by("order")] == raw["responsible"]
    assert m.analysis == raw["analysis"]


def test_measures_import_is_idempotent(agency):
    raw = [
        {
            "indicator": 8,
            "activity": "กิจกรรม ก",
            "methods": ["วิธี ๑"],
            "start": "2025-10-01",
            "end": "2026-09-30",
            "responsible": ["กองช่าง", "กองใหม่"],
            "budget": 0,
        }
    ]
    first = measures_import(agency=agency, fiscal_year=2569, measures=raw)
    again = measures_import(agency=agency, fiscal_year=2569, measures=raw)
    assert [m.pk for m in first] == [m.pk for m in again]
    assert Measure.objects.filter(agency=agency).count() == 1
    a = first[0].activities.get()
    assert a.no_budget and a.budget is None
    assert sorted(d.name for d in a.divisions.all()) == ["กองช่าง", "กองใหม่"]


def test_measures_import_reports_bad_input_with_its_place(agency):
    with pytest.raises(Exception) as e:
        measures_import(
            agency=agency,
            fiscal_year=2569,
            measures=[{"indicator": 8, "activity": "x", "start": "01/10/2025"}],
        )
    assert "measures[0].start" in e.value.describe()
    assert not Measure.objects.filter(agency=agency).exists()


def test_demo_is_idempotent_and_holds_progress_project_and_report():
    agency = seed_load()  # the seed loader calls plans_demo_load itself
    assert plans_demo_load(agency=agency, fiscal_year=2569) == {"updates": 0, "projects": 0, "reports": 0}
    [mv] = measure_views(measures=measure_list(agency=agency, fiscal_year=2569))
    assert len(mv.activities[0].updates) >= 3
    assert mv.progress_shown == mv.activities[0].latest.percent
    assert Project.objects.filter(agency=agency, outcome__is_published=True).exists()
    assert Project.objects.filter(agency=agency, status="open").exists()
    report = ImplementationReport.objects.get(agency=agency)
    assert report.is_published and report.kind == "six_month"
    assert {f.format for f in report.files.all()} == {"pdf", "docx", "html"}
    Measure.objects.filter(agency=agency).delete()  # without a plan the demo adds nothing
    assert plans_demo_load(agency=agency, fiscal_year=2569) == {"updates": 0, "projects": 0, "reports": 0}


def test_draft_from_the_analysis(agency, coordinator):
    [seed] = read_records(SEED_FILE)
    result = result_save(
        agency=agency,
        fiscal_year=2568,
        indicators=seed.indicators,
        tools=None,
        extra={"focus": {"indicators": [8], "plan_year": 2569}},
        actor=coordinator,
    )
    [m] = measure_draft_from_result(result=result, actor=coordinator)
    assert (m.fiscal_year, m.indicators, m.is_published, m.source_result_id) == (2569, [8], False, result.pk)
    assert "96.53" in m.analysis or "๙๖.๕๓" in m.analysis
    a = m.activities.get()
    assert a.methods and a.kpi and a.target
    assert (a.start, a.end) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))  # the plan year, as in the seed
    assert [d.name for d in a.divisions.all()] == ["สำนักปลัด"]  # the narrative's responsible division
    # Pressing the button again gives back the same draft: no duplicates (there is no delete page).
    assert measure_draft_from_result(result=result, actor=coordinator) == [m]
    assert Measure.objects.filter(agency=agency).count() == 1


def test_draft_follows_the_engines_suggested_focus_without_a_chosen_one(agency, coordinator):
    """No [focus] in the result: the engine's suggestion (the lowest indicator, 8 for the seed) is used."""
    from prongsai.ita.analysis import analyse

    [seed] = read_records(SEED_FILE)
    result = result_save(
        agency=agency, fiscal_year=2568, indicators=seed.indicators, tools=None, actor=coordinator
    )
    from prongsai.ita.records import score_history, score_record
    from prongsai.web.assessments.selectors import result_record

    record = result_record(row=result)
    suggested = analyse(score_record(record), score_history(record)).focus.indicators
    drafts = measure_draft_from_result(result=result, actor=coordinator)
    assert [m.indicators for m in drafts] == [[n] for n in suggested] and 8 in suggested
    assert all(m.fiscal_year == 2569 for m in drafts)  # the year after the result


def test_division_officer_updates_only_own_division(division_officer, works_activity, finance_activity):
    u = progress_add(
        activity=works_activity,
        actor=division_officer,
        date=dt.date(2025, 12, 1),
        status="in_progress",
        percent="30",
        narrative="สำรวจแล้ว",
    )
    assert u.pk and AuditEvent.objects.filter(action="progress.create", target_id=str(u.pk)).exists()
    with pytest.raises(PermissionDenied):
        progress_add(
            activity=finance_activity,
            actor=division_officer,
            date=dt.date(2025, 12, 1),
            status="in_progress",
            percent="30",
        )
    assert not ProgressUpdate.objects.filter(activity=finance_activity).exists()


def test_executive_and_other_agency_cannot_update(executive, other_coordinator, works_activity):
    for user in (executive, other_coordinator):
        with pytest.raises(PermissionDenied):
            progress_add(
                activity=works_activity, actor=user, date=dt.date(2025, 12, 1), status="done", percent=100
            )


@pytest.mark.parametrize(
    ("status", "percent", "field"),
    [
        ("done", "80", "percent"),
        ("in_progress", "101", "percent"),
        ("in_progress", "x", "percent"),
        ("maybe", "5", "status"),
    ],
)
def test_bad_updates_name_the_field(coordinator, works_activity, status, percent, field):
    with pytest.raises(ValidationError) as e:
        progress_add(
            activity=works_activity,
            actor=coordinator,
            date=dt.date(2025, 12, 1),
            status=status,
            percent=percent,
        )
    assert field in e.value.message_dict


def test_evidence_is_stored_outside_the_web_root(settings, coordinator, works_activity):
    upload = SimpleUploadedFile("ภาพถ่าย.png", png_bytes(), content_type="image/png")
    u = progress_add(
        activity=works_activity,
        actor=coordinator,
        date=dt.date(2025, 12, 1),
        status="in_progress",
        percent=Decimal(10),
        evidence=[EvidenceInput("ภาพ", file=upload), EvidenceInput("ข่าว", link="https://example.org/news")],
    )
    files = Evidence.objects.filter(update=u).exclude(file="")
    [e] = files
    path = e.file.path
    assert path.startswith(str(settings.VAR_DIR / "private"))
    assert not path.startswith(str(settings.STATIC_ROOT))
    bad = SimpleUploadedFile("x.exe", b"MZ")
    with pytest.raises(ValidationError):
        progress_add(
            activity=works_activity,
            actor=coordinator,
            date=dt.date(2025, 12, 2),
            status="in_progress",
            percent=11,
            evidence=[EvidenceInput("x", file=bad)],
        )
    assert ProgressUpdate.objects.filter(activity=works_activity).count() == 1


def test_one_evidence_row_is_a_file_or_a_link_never_both(coordinator, works_activity):
    upload = SimpleUploadedFile("a.pdf", pdf_bytes(), content_type="application/pdf")
    with pytest.raises(ValidationError) as e:
        progress_add(
            activity=works_activity,
            actor=coordinator,
            date=dt.date(2025, 12, 1),
            status="in_progress",
            percent=10,
            evidence=[EvidenceInput("ทั้งสอง", file=upload, link="https://example.org/x")],
        )
    assert "evidence[0]" in e.value.message_dict
    assert not ProgressUpdate.objects.filter(activity=works_activity).exists()


def test_demo_suggestions_are_dated_on_the_project_day_and_labelled():
    from prongsai.web.participation.models import Suggestion

    agency = seed_load()
    project = Project.objects.get(agency=agency, outcome__is_published=True)
    rows = Suggestion.objects.filter(project=project)
    assert rows.count() == 2
    label = "(ข้อมูลตัวอย่าง)"
    for s in rows:
        assert s.created_at.date() == project.starts_on == s.answered_at.date()
        assert s.text.startswith(label) and s.answer
    assert project.outcome.participants_summary.startswith(label)  # invented figures say so in public


def test_flags_go_to_the_responsible_division_and_the_coordinator(
    coordinator, division_officer, works_activity, finance_activity, executive
):
    # finance_activity ended 2026-03-31 with no update: overdue (and stalled) once past its end.
    progress_add(
        activity=works_activity, actor=coordinator, date=dt.date(2026, 4, 10), status="in_progress", percent=5
    )
    coord = flagged_for_user(user=coordinator, agency=works_activity.measure.agency, on=dt.date(2026, 4, 15))
    assert finance_activity.pk in {a.activity.pk for a in coord}
    officer = flagged_for_user(
        user=division_officer, agency=works_activity.measure.agency, on=dt.date(2026, 4, 15)
    )
    assert finance_activity.pk not in {a.activity.pk for a in officer}
    assert (
        flagged_for_user(user=executive, agency=works_activity.measure.agency, on=dt.date(2026, 4, 15)) == []
    )


@pytest.mark.parametrize("year", [2569, 2571])  # a year with rules, and one past the newest (2569's)
def test_measure_indicators_are_the_frameworks(agency, coordinator, year):
    from prongsai.web.plans.services import measure_create, measure_update

    with pytest.raises(ValidationError) as e:
        measure_create(agency=agency, fiscal_year=year, title="ก", indicators=[11], actor=coordinator)
    assert "๑–๑๐" in str(e.value) and "2569" not in str(e.value)  # Thai digits, as the form shows
    m = measure_create(agency=agency, fiscal_year=year, title="ก", indicators=[8, 7, 8], actor=coordinator)
    assert m.indicators == [7, 8]
    with pytest.raises(ValidationError):
        measure_update(measure=m, actor=coordinator, indicators=[0])
