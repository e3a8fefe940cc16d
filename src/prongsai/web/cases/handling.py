"""Back-office writes on cases: status, public answers, internal notes, assignment, rating, Q&A, templates."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..agencies.models import Agency
from ..agencies.selectors import division_choices
from ..audit.services import audit_record
from .models import Case, CaseEvent, ConfidentialOfficer, ResponseTemplate
from .rules import rules, status_answers, status_is_closed, status_name, statuses
from .services import CaseInvalid, notify_later


def _mark_answer(case: Case, now) -> None:
    if case.first_answered_at is None:
        case.first_answered_at = now


@transaction.atomic
def case_status_set(
    *, case: Case, status: str, actor, note: str = "", request=None, base_url: str = ""
) -> Case:
    """Move a case to another status (allowed moves are data: rules.toml `next`); the note is public."""
    if status not in statuses():
        raise CaseInvalid({"status": "สถานะไม่ถูกต้อง (unknown status)"})
    if status not in statuses()[case.status].get("next", []):
        raise CaseInvalid(
            {"status": f"เปลี่ยนจาก '{status_name(case.status)}' เป็น '{status_name(status)}' ไม่ได้"}
        )
    now = timezone.now()
    old = case.status
    case.status = status
    if status_answers(status):
        _mark_answer(case, now)
    case.closed_at = now if status_is_closed(status) else None
    if note.strip():
        case.public_answer = note.strip()
    case.save()
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.STATUS, public=True, status=status, text=note.strip(), actor=actor
    )
    audit_record(
        actor=actor,
        action="case.status",
        agency=case.agency,
        target=case,
        summary=f"{case.tracking_no}: {status_name(old)} → {status_name(status)}",
        request=request,
    )
    body = "{link}\n\n" + f"สถานะใหม่: {status_name(status)}\n{note.strip()}"
    notify_later(case, f"เรื่อง {case.tracking_no}: {status_name(status)}", body, base_url)
    return case


@transaction.atomic
def case_answer(*, case: Case, text: str, actor, request=None, base_url: str = "") -> Case:
    """A public answer to the sender; moves a not-yet-answered case to 'answered' when rules allow."""
    text = text.strip()
    if not text:
        raise CaseInvalid({"text": "กรุณาเขียนคำตอบ (the answer is empty)"})
    now = timezone.now()
    _mark_answer(case, now)
    case.public_answer = text
    if "answered" in statuses()[case.status].get("next", []):
        case.status = "answered"
    case.save()
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.ANSWER, public=True, status=case.status, text=text, actor=actor
    )
    audit_record(
        actor=actor,
        action="case.answer",
        agency=case.agency,
        target=case,
        summary=f"ตอบเรื่อง {case.tracking_no}",
        request=request,
    )
    notify_later(case, f"เรื่อง {case.tracking_no}: หน่วยงานตอบแล้ว", "{link}\n\n" + text, base_url)
    return case


def case_note_add(*, case: Case, text: str, actor, request=None) -> CaseEvent:
    """An internal note: staff only, never shown to the sender or the public."""
    if not text.strip():
        raise CaseInvalid({"text": "บันทึกว่าง (the note is empty)"})
    event = CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.NOTE, public=False, text=text.strip(), actor=actor
    )
    audit_record(
        actor=actor,
        action="case.note",
        agency=case.agency,
        target=case,
        summary=f"บันทึกภายใน {case.tracking_no}",
        request=request,
    )
    return event


def _choice(queryset, value, *, refused: str):
    """(the row, "") for an id from a form or the API found in `queryset`; (None, "") for empty (none);
    (None, the Thai message) for an unknown id, another agency's, or anything but a whole number."""
    if value in (None, ""):
        return None, ""
    try:
        row = queryset.filter(pk=int(value)).first()
    except (TypeError, ValueError):
        row = None
    return row, "" if row is not None else refused


def case_assign(
    *, case: Case, division_id: int | str | None, assignee_id: int | str | None, actor, request=None
) -> Case:
    """Give the case to a division and/or an officer of the case's own agency (empty clears). A division
    or user of another agency, or an unknown id, is refused and the assignment stays as it was: every
    path (the case page, the JSON API) sends ids here, so none can clear it by naming a foreign one."""
    agency = case.agency
    division, division_error = _choice(
        division_choices(agency=agency, keep=[case.division_id]),  # a retired division only if kept
        division_id,
        refused=f"กอง/สำนักที่เลือกไม่อยู่ใน{agency.name}หรือเลิกใช้แล้ว เลือกกองของหน่วยงานนี้ "
        "(not a current division of this agency)",
    )
    assignee, assignee_error = _choice(
        get_user_model().objects.filter(memberships__agency=agency).distinct(),
        assignee_id,
        refused=f"ผู้ที่เลือกไม่ใช่เจ้าหน้าที่ของ{agency.name} เลือกเจ้าหน้าที่ของหน่วยงานนี้ (not staff of this agency)",
    )
    errors = {k: v for k, v in (("division", division_error), ("assignee", assignee_error)) if v}
    if errors:
        raise CaseInvalid(errors)
    case.division, case.assignee = division, assignee
    case.save(update_fields=["division", "assignee", "updated_at"])
    who = ", ".join(
        x for x in [division.name if division else "", assignee.get_username() if assignee else ""] if x
    )
    CaseEvent.objects.create(
        case=case, kind=CaseEvent.Kind.ASSIGN, public=False, text=f"มอบหมาย: {who or '-'}", actor=actor
    )
    audit_record(
        actor=actor,
        action="case.assign",
        agency=case.agency,
        target=case,
        summary=f"มอบหมาย {case.tracking_no}: {who or '-'}",
        request=request,
    )
    return case


def case_rate(*, case: Case, rating: int, comment: str = "") -> Case:
    """The sender's rating after closing (once)."""
    limits = rules()["rating"]
    if not status_is_closed(case.status):
        raise CaseInvalid({"rating": "ประเมินได้หลังปิดเรื่องแล้ว (rate after the case is closed)"})
    if case.rating is not None:
        raise CaseInvalid({"rating": "ประเมินเรื่องนี้แล้ว (already rated)"})
    if not isinstance(rating, int) or not limits["min"] <= rating <= limits["max"]:
        raise CaseInvalid({"rating": f"เลือกคะแนน {limits['min']}–{limits['max']}"})
    case.rating, case.rating_comment, case.rated_at = rating, comment.strip()[:2000], timezone.now()
    case.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    CaseEvent.objects.create(
        case=case,
        kind=CaseEvent.Kind.RATING,
        public=True,
        text=f"{rating}/{limits['max']} {case.rating_comment}",
    )
    return case


def case_qa_hide(*, case: Case, hidden: bool, actor, request=None) -> Case:
    case.qa_hidden = hidden
    case.save(update_fields=["qa_hidden", "updated_at"])
    audit_record(
        actor=actor,
        action="case.qa",
        agency=case.agency,
        target=case,
        summary=f"{'ซ่อน' if hidden else 'แสดง'} {case.tracking_no} บนกระดานถาม-ตอบ",
        request=request,
    )
    return case


def template_create(*, agency: Agency, title: str, body: str, actor, request=None) -> ResponseTemplate:
    if not title.strip() or not body.strip():
        raise CaseInvalid({"title": "กรอกชื่อและข้อความของแบบคำตอบ"})
    row = ResponseTemplate.objects.create(agency=agency, title=title.strip()[:120], body=body.strip())
    audit_record(
        actor=actor,
        action="case_template.create",
        agency=agency,
        target=row,
        summary=row.title,
        request=request,
    )
    return row


def template_delete(*, template: ResponseTemplate, actor, request=None) -> None:
    audit_record(
        actor=actor,
        action="case_template.delete",
        agency=template.agency,
        summary=template.title,
        request=request,
    )
    template.delete()


def confidential_officer_set(*, agency: Agency, username: str, allowed: bool, actor, request=None) -> None:
    """Name (or un-name) a staff member of this agency as an officer of the confidential channel."""
    user = get_user_model().objects.filter(username=username, memberships__agency=agency).first()
    if user is None:
        raise CaseInvalid({"username": "ไม่พบเจ้าหน้าที่ชื่อนี้ในหน่วยงาน"})
    if allowed:
        ConfidentialOfficer.objects.get_or_create(agency=agency, user=user)
    else:
        ConfidentialOfficer.objects.filter(agency=agency, user=user).delete()
    audit_record(
        actor=actor,
        action="case.confidential_officer",
        agency=agency,
        summary=f"{'เพิ่ม' if allowed else 'ถอน'}เจ้าหน้าที่ช่องทางลับ: {username}",
        request=request,
    )


def case_confidential_view_record(*, case: Case, actor, request=None, via: str = "web") -> None:
    """Every view of a confidential case goes into the audit log."""
    audit_record(
        actor=actor,
        action="case.confidential_view",
        agency=case.agency,
        target=case,
        summary=f"เปิดดูเรื่องร้องเรียนการทุจริต {case.tracking_no}",
        details={"via": via},
        request=request,
    )
