"""Implementation reports: gather an agency-year's measures, progress and participation into the plain
report data of `prongsai.reports.implementation`, render every format, and store the files."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from prongsai.reports.implementation import (
    ActivityData,
    MeasureData,
    ParticipationData,
    ReportData,
    UpdateData,
    build_report,
    oit_reference,
    render_report,
)
from prongsai.thai import fiscal_year_span, thai_date

from ..agencies.models import Agency
from ..audit.services import audit_record
from .models import ImplementationReport, ReportFile
from .rollup import ActivityState, measure_progress, rounded
from .rules import rules
from .selectors import measure_list, measure_list_public, measure_views

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def report_period(*, fiscal_year: int, kind: str) -> tuple[dt.date, dt.date]:
    """From 1 October to the end of the report's last month (six months: 31 March)."""
    start, end = fiscal_year_span(fiscal_year)
    months = rules().report(kind).months
    month_index = start.month - 1 + months  # months after the start, 0-based
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = dt.date(year, month, 1) - dt.timedelta(days=1)
    return start, min(last, end)


def _flag_words(flags) -> tuple[str, ...]:
    t = rules()
    out = []
    if flags.overdue:
        out.append("เลยกำหนดแล้ว")
    if flags.stalled:
        out.append(f"ไม่มีความเคลื่อนไหวเกิน {t.stalled_after_days} วัน")
    return tuple(out)


def report_data_build(
    *, agency: Agency, fiscal_year: int, kind: str, as_of: dt.date, public_only: bool = True
) -> ReportData:
    """The report's data as of a day: updates after `as_of` are left out; drafts never appear."""
    r = rules()
    start, end = report_period(fiscal_year=fiscal_year, kind=kind)
    qs = (
        measure_list_public(agency=agency, fiscal_year=fiscal_year)
        if public_only
        else measure_list(agency=agency, fiscal_year=fiscal_year)
    )
    views = measure_views(measures=qs, public=True, as_of=as_of)
    measures, states, counts = [], [], Counter()
    for mv in views:
        acts = []
        for a in mv.activities:
            x = a.activity
            states.append(ActivityState(x.weight, a.status, a.latest.percent if a.latest else None))
            counts[a.status_th] += 1
            acts.append(
                ActivityData(
                    name=x.name,
                    methods=tuple(x.methods),
                    start=x.start,
                    end=x.end,
                    divisions=tuple(a.division_names),
                    person=x.responsible_person,
                    budget=x.budget,
                    no_budget=x.no_budget,
                    kpi=x.kpi,
                    target=x.target,
                    unit=x.unit,
                    status=a.status_th if a.latest else None,
                    percent=a.latest.percent if a.latest else None,
                    flags=_flag_words(a.flags),
                    updates=tuple(
                        UpdateData(
                            u.date,
                            r.status(u.status).th,
                            u.percent,
                            u.narrative,
                            tuple(e.title for e in u.evidence.all()),
                        )
                        for u in reversed(a.updates)
                    ),
                )
            )
        measures.append(
            MeasureData(
                mv.measure.title,
                tuple(mv.measure.indicators),
                mv.measure.analysis,
                mv.progress_shown,
                tuple(acts),
            )
        )
    order = {s.th: k for k, s in enumerate(r.statuses)}
    return ReportData(
        agency=agency.name,
        fiscal_year=fiscal_year,
        kind=kind,
        kind_title=r.report(kind).th,
        period_start=start,
        period_end=end,
        as_of=as_of,
        measures=tuple(measures),
        participation=_participation(agency=agency, start=start, end=as_of),
        oit=oit_reference(kind, fiscal_year),
        overall=rounded(measure_progress(states)),
        status_counts=tuple(sorted(counts.items(), key=lambda kv: order.get(kv[0], 99))),
        default_weight=f"{r.default_weight.normalize():f}",
        stalled_days=r.stalled_after_days,
    )


def _participation(*, agency: Agency, start: dt.date, end: dt.date) -> tuple[ParticipationData, ...]:
    from ..participation.selectors import outcome_list_public

    out = []
    for o in outcome_list_public(agency=agency).filter(project__starts_on__range=(start, end)):
        p = o.project
        # A draft measure is never named in a report; the plan typed beside it still shows.
        measure = o.adopted_measure
        named = [measure.title] if measure is not None and measure.is_published else []
        into = "; ".join(named + ([o.adopted_plan] if o.adopted_plan else []))
        out.append(
            ParticipationData(
                p.title,
                p.starts_on,
                p.place,
                o.participants_count,
                o.participants_summary,
                o.proposals,
                o.adopted,
                into,
            )
        )
    return tuple(out)


def report_filename(*, report: ImplementationReport, fmt: str) -> str:
    key = report.agency.dla_code or str(report.agency.pk)
    return f"implementation-{report.fiscal_year}-{report.kind}-{key}.{fmt}"


@transaction.atomic
def report_generate(
    *,
    agency: Agency,
    fiscal_year: int,
    kind: str,
    as_of: dt.date,
    actor=None,
    publish: bool = False,
    formats=("pdf", "docx", "html"),
    replace: bool = False,
    request=None,
) -> ImplementationReport:
    """Render every format in memory first, then store them together (nothing half written). A report
    cannot speak for days still to come (`as_of` after today is refused). With `replace`, the agency's
    earlier reports of the same year and round are removed once the new one is stored."""
    today = timezone.localdate()
    if as_of > today:
        raise ValidationError(
            {
                "as_of": f"วันที่ข้อมูล {thai_date(as_of, 'arabic')} ยังมาไม่ถึง (วันนี้ {thai_date(today, 'arabic')}): "
                "รายงานได้ถึงวันนี้เท่านั้น"
            }
        )
    doc = build_report(report_data_build(agency=agency, fiscal_year=fiscal_year, kind=kind, as_of=as_of))
    payloads = {fmt: render_report(doc, fmt) for fmt in formats}
    report = ImplementationReport.objects.create(
        agency=agency,
        fiscal_year=fiscal_year,
        kind=kind,
        as_of=as_of,
        is_published=publish,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for fmt, data in payloads.items():
        ReportFile.objects.create(
            report=report,
            format=fmt,
            filename=report_filename(report=report, fmt=fmt),
            content_type=CONTENT_TYPES[fmt],
            content=data,
            size=len(data),
        )
    audit_record(
        actor=actor,
        action="implementation_report.create",
        agency=agency,
        target=report,
        summary=f"จัดทำ{rules().report(kind).th} ปี {fiscal_year}",
        details={"kind": kind, "as_of": as_of.isoformat(), "formats": list(formats)},
        request=request,
    )
    if replace:
        from .removal import report_delete

        for old in ImplementationReport.objects.filter(
            agency=agency, fiscal_year=fiscal_year, kind=kind
        ).exclude(pk=report.pk):
            report_delete(report=old, actor=actor, request=request, replaced_by=report)
    return report


def report_publish(
    *, report: ImplementationReport, published: bool, actor, request=None
) -> ImplementationReport:
    report.is_published = published
    if published:  # published again: the withdrawal note no longer stands in for it
        report.withdrawn_at, report.withdrawn_note = None, ""
    report.save(update_fields=["is_published", "withdrawn_at", "withdrawn_note"])
    audit_record(
        actor=actor,
        action="implementation_report.publish" if published else "implementation_report.unpublish",
        agency=report.agency,
        target=report,
        summary="เผยแพร่รายงาน" if published else "ยกเลิกการเผยแพร่รายงาน",
        request=request,
    )
    return report
