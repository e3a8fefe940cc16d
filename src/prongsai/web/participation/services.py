"""Writes for participation: projects, public registrations and suggestions, staff answers, outcomes."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from ..agencies.models import Agency
from ..agencies.selectors import user_can
from ..audit.services import audit_record, client_hash
from .models import Outcome, Project, ProjectStatus, Registration, Suggestion
from .selectors import participation_rules


def _check_edit(*, actor, agency: Agency) -> None:
    if actor is not None and not user_can(user=actor, agency=agency, action="edit_plans"):
        raise PermissionDenied("ไม่มีสิทธิ์จัดการโครงการของหน่วยงานนี้")


def _check_measure(agency: Agency, measure, activity) -> None:
    if measure is not None and measure.agency_id != agency.pk:
        raise ValidationError({"measure": "มาตรการต้องเป็นของหน่วยงานนี้"})
    if activity is not None and activity.measure.agency_id != agency.pk:
        raise ValidationError({"activity": "กิจกรรมต้องเป็นของหน่วยงานนี้"})


PROJECT_FIELDS = (
    "title",
    "description",
    "starts_on",
    "ends_on",
    "time_text",
    "place",
    "audience",
    "contact",
    "registration_open",
    "measure",
    "activity",
)


@transaction.atomic
def project_create(*, agency: Agency, actor, request=None, **fields) -> Project:
    _check_edit(actor=actor, agency=agency)
    _check_measure(agency, fields.get("measure"), fields.get("activity"))
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(sorted(unknown))
    if fields.get("ends_on") and fields["ends_on"] < fields["starts_on"]:
        raise ValidationError({"ends_on": "วันสิ้นสุดต้องไม่อยู่ก่อนวันที่จัด"})
    project = Project.objects.create(
        agency=agency, created_by=actor if getattr(actor, "is_authenticated", False) else None, **fields
    )
    audit_record(
        actor=actor,
        action="project.create",
        agency=agency,
        target=project,
        summary=f"เพิ่มโครงการ: {project.title}",
        request=request,
    )
    return project


@transaction.atomic
def project_update(*, project: Project, actor, request=None, **fields) -> Project:
    _check_edit(actor=actor, agency=project.agency)
    _check_measure(project.agency, fields.get("measure"), fields.get("activity"))
    for key, value in fields.items():
        if key not in PROJECT_FIELDS:
            raise TypeError(key)
        setattr(project, key, value)
    project.save()
    audit_record(
        actor=actor,
        action="project.update",
        agency=project.agency,
        target=project,
        summary=f"แก้ไขโครงการ: {project.title}",
        request=request,
    )
    return project


def project_set_status(*, project: Project, status: str, actor, request=None) -> Project:
    _check_edit(actor=actor, agency=project.agency)
    if status not in ProjectStatus.values:
        raise ValidationError({"status": "สถานะไม่ถูกต้อง"})
    project.status = status
    if status != ProjectStatus.DRAFT and project.published_at is None:
        project.published_at = timezone.now()
    project.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        action="project.status",
        agency=project.agency,
        target=project,
        summary=f"เปลี่ยนสถานะโครงการเป็น {project.get_status_display()}",
        details={"status": status},
        request=request,
    )
    return project


def _consent(consent: bool) -> None:
    if not consent:
        raise ValidationError({"consent": "โปรดอ่านและยอมรับประกาศการคุ้มครองข้อมูลส่วนบุคคลก่อนส่ง"})


class RateLimited(Exception):
    """Too many registrations and suggestions from one address within the window (rules.toml)."""


def _rate_limit_check(ip: str | None) -> str:
    """The sender's hashed address, once it is under the per-address limit (RateLimited otherwise)."""
    digest = client_hash(ip)
    if not digest:
        return digest
    limits = participation_rules()["limits"]
    since = timezone.now() - dt.timedelta(minutes=limits["public_window_minutes"])
    sent = (
        Registration.objects.filter(client_hash=digest, created_at__gte=since).count()
        + Suggestion.objects.filter(client_hash=digest, created_at__gte=since).count()
    )
    if sent >= limits["public_per_window"]:
        raise RateLimited
    return digest


@transaction.atomic
def registration_create(
    *,
    project: Project,
    name: str,
    phone: str = "",
    email: str = "",
    group: str = "",
    consent: bool,
    ip: str | None = None,
) -> Registration:
    """A member of the public registers (no login). Only open, published projects accept registrations;
    `ip` (the sender's address) counts toward the per-address limit and is kept only as a hash."""
    if project.status == ProjectStatus.OPEN and project.registration_open and project.is_past:
        raise ValidationError({"__all__": "โครงการนี้ปิดรับลงทะเบียนแล้ว เพราะเลยวันที่จัดแล้ว"})
    if not project.takes_registrations:
        raise ValidationError({"__all__": "โครงการนี้ไม่เปิดรับลงทะเบียนแล้ว"})
    _consent(consent)
    errors = {}
    if not name.strip():
        errors["name"] = "โปรดระบุชื่อ-นามสกุล"
    if not phone.strip() and not email.strip():
        errors["phone"] = "โปรดระบุเบอร์โทรศัพท์หรืออีเมลอย่างน้อยหนึ่งช่องทาง"
    if errors:
        raise ValidationError(errors)
    digest = _rate_limit_check(ip)
    row = Registration.objects.create(
        project=project,
        name=name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        group=group.strip(),
        consent_at=timezone.now(),
        client_hash=digest,
    )
    # The audit log is staff-facing; it records that someone registered, never who.
    audit_record(
        actor=None,
        action="project.register",
        agency=project.agency,
        target=project,
        summary=f"มีผู้ลงทะเบียนเข้าร่วม: {project.title}",
    )
    return row


@transaction.atomic
def suggestion_create(
    *,
    project: Project,
    text: str,
    kind: str = "suggestion",
    name: str = "",
    contact: str = "",
    consent: bool,
    ip: str | None = None,
) -> Suggestion:
    if project.status == ProjectStatus.DRAFT:
        raise ValidationError({"__all__": "ไม่พบโครงการ"})
    _consent(consent)
    limit = participation_rules()["limits"]["suggestion_max_chars"]
    if not text.strip():
        raise ValidationError({"text": "โปรดเขียนความคิดเห็นหรือข้อเสนอแนะ"})
    if len(text) > limit:
        raise ValidationError({"text": f"ข้อความยาวเกิน {limit} ตัวอักษร"})
    digest = _rate_limit_check(ip)
    row = Suggestion.objects.create(
        project=project,
        kind=kind,
        text=text.strip(),
        name=name.strip(),
        contact=contact.strip(),
        consent_at=timezone.now(),
        client_hash=digest,
    )
    audit_record(
        actor=None,
        action="suggestion.create",
        agency=project.agency,
        target=project,
        summary=f"มีข้อเสนอแนะใหม่: {project.title}",
    )
    return row


@transaction.atomic
def suggestion_answer(
    *, suggestion: Suggestion, answer: str, hide: bool = False, actor, request=None
) -> Suggestion:
    """The answer is public together with the suggestion's text (never the writer's name or contact)."""
    _check_edit(actor=actor, agency=suggestion.project.agency)
    suggestion.answer = answer.strip()
    suggestion.is_hidden = hide
    suggestion.answered_by = actor if getattr(actor, "is_authenticated", False) else None
    suggestion.answered_at = timezone.now() if suggestion.answer else None
    suggestion.save()
    audit_record(
        actor=actor,
        action="suggestion.answer",
        agency=suggestion.project.agency,
        target=suggestion,
        summary="ตอบข้อเสนอแนะ" + (" (ซ่อนจากหน้าสาธารณะ)" if hide else ""),
        request=request,
    )
    return suggestion


@transaction.atomic
def registration_delete(*, registration: Registration, actor, request=None) -> None:
    """Erase one registration (a person's request under the PDPA notice, or data no longer needed).
    The audit event names the project, never the person."""
    project = registration.project
    _check_edit(actor=actor, agency=project.agency)
    registration.delete()
    audit_record(
        actor=actor,
        action="registration.delete",
        agency=project.agency,
        target=project,
        summary=f"ลบข้อมูลผู้ลงทะเบียน: {project.title}",
        request=request,
    )


@transaction.atomic
def suggestion_contact_erase(*, suggestion: Suggestion, actor, request=None) -> Suggestion:
    """Erase the writer's name and contact; the text and the answer stay (they carry no name)."""
    _check_edit(actor=actor, agency=suggestion.project.agency)
    suggestion.name, suggestion.contact = "", ""
    suggestion.save(update_fields=["name", "contact"])
    audit_record(
        actor=actor,
        action="suggestion.erase_contact",
        agency=suggestion.project.agency,
        target=suggestion,
        summary="ลบชื่อและช่องทางติดต่อของผู้เสนอ",
        request=request,
    )
    return suggestion


OUTCOME_FIELDS = (
    "participants_count",
    "participants_summary",
    "proposals",
    "adopted",
    "adopted_measure",
    "adopted_plan",
    "is_published",
)


@transaction.atomic
def outcome_save(*, project: Project, actor, request=None, **fields) -> Outcome:
    _check_edit(actor=actor, agency=project.agency)
    _check_measure(project.agency, fields.get("adopted_measure"), None)
    outcome, _ = Outcome.objects.get_or_create(project=project)
    for key, value in fields.items():
        if key not in OUTCOME_FIELDS:
            raise TypeError(key)
        setattr(outcome, key, value)
    if outcome.is_published and outcome.published_at is None:
        outcome.published_at = timezone.now()
    outcome.save()
    audit_record(
        actor=actor,
        action="outcome.update",
        agency=project.agency,
        target=outcome,
        summary=f"บันทึกผลการมีส่วนร่วม: {project.title}",
        request=request,
    )
    return outcome
