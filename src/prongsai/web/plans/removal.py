"""Taking things back, all audited: delete an activity or a progress update (with its evidence files),
delete an implementation report, and withdraw a published report with a note that stays public."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ..agencies.selectors import user_can
from ..audit.services import audit_record
from .models import Activity, Evidence, ImplementationReport, ProgressUpdate
from .selectors import activity_can_update, measure_can_edit


def _drop_files_on_commit(files) -> None:
    # Evidence files go once the rows are gone for good (not if the transaction rolls back).
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


@transaction.atomic
def activity_delete(*, activity: Activity, actor, request=None) -> None:
    """Remove an activity with its progress updates and evidence (the measure stays)."""
    agency = activity.measure.agency
    if actor is not None and not measure_can_edit(user=actor, agency=agency):
        raise PermissionDenied("ไม่มีสิทธิ์ลบกิจกรรมของหน่วยงานนี้")
    updates = activity.updates.count()
    files = [e.file for e in Evidence.objects.filter(update__activity=activity) if e.file]
    audit_record(
        actor=actor,
        action="activity.delete",
        agency=agency,
        target=activity,
        summary=f"ลบกิจกรรม: {activity.name} (มาตรการ: {activity.measure.title})",
        details={"measure": activity.measure_id, "updates": updates},
        request=request,
    )
    activity.delete()
    _drop_files_on_commit(files)


@transaction.atomic
def progress_delete(*, update: ProgressUpdate, actor, request=None) -> None:
    """Remove one progress update and its evidence: whoever may add updates to the activity may remove one."""
    activity = update.activity
    if actor is not None and not activity_can_update(user=actor, activity=activity):
        raise PermissionDenied("ไม่มีสิทธิ์ลบความก้าวหน้าของกิจกรรมนี้")
    files = [e.file for e in update.evidence.all() if e.file]
    audit_record(
        actor=actor,
        action="progress.delete",
        agency=activity.measure.agency,
        target=update,
        summary=f"ลบความก้าวหน้า ณ {update.date:%d/%m}/{update.date.year + 543} ของกิจกรรม: {activity.name}",
        details={"activity": activity.pk, "date": update.date.isoformat(), "percent": str(update.percent)},
        request=request,
    )
    update.delete()
    _drop_files_on_commit(files)


def _check_reports(actor, report: ImplementationReport) -> None:
    if actor is not None and not user_can(user=actor, agency=report.agency, action="generate_documents"):
        raise PermissionDenied("ไม่มีสิทธิ์จัดการรายงานของหน่วยงานนี้")


@transaction.atomic
def report_delete(
    *, report: ImplementationReport, actor, request=None, replaced_by: ImplementationReport | None = None
) -> None:
    _check_reports(actor, report)
    audit_record(
        actor=actor,
        action="implementation_report.replace" if replaced_by else "implementation_report.delete",
        agency=report.agency,
        target=report,
        summary=(
            f"แทนที่รายงาน{report.get_kind_display()} ปี {report.fiscal_year} ด้วยฉบับใหม่"
            if replaced_by
            else f"ลบรายงาน{report.get_kind_display()} ปี {report.fiscal_year}"
        ),
        details={
            "as_of": report.as_of.isoformat(),
            "was_published": report.is_published,
            "replaced_by": replaced_by.pk if replaced_by else None,
        },
        request=request,
    )
    report.delete()


def report_withdraw(*, report: ImplementationReport, note: str, actor, request=None) -> ImplementationReport:
    """Take a report off the public pages; the note (why) is shown there in its place."""
    _check_reports(actor, report)
    note = note.strip()
    if not note:
        raise ValidationError({"note": "กรอกเหตุผลที่ถอนการเผยแพร่ (แสดงต่อสาธารณะแทนรายงาน)"})
    report.is_published = False
    report.withdrawn_at = timezone.now()
    report.withdrawn_note = note
    report.save(update_fields=["is_published", "withdrawn_at", "withdrawn_note"])
    audit_record(
        actor=actor,
        action="implementation_report.withdraw",
        agency=report.agency,
        target=report,
        summary=f"ถอนการเผยแพร่รายงาน{report.get_kind_display()} ปี {report.fiscal_year}: {note[:200]}",
        details={"note": note},
        request=request,
    )
    return report
