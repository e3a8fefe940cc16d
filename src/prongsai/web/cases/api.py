"""Back-office JSON API for cases (session auth). Confidential (corruption) cases never appear here."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from ..agencies.selectors import agency_get_visible, user_can
from .handling import case_answer, case_assign, case_status_set
from .models import Case
from .selectors import case_is_overdue, case_queue, stats_monthly
from .services import CaseInvalid

router = Router()


class CaseOut(Schema):
    id: int
    tracking_no: str
    kind: str
    service_code: str | None
    subject: str
    description: str
    status: str
    division: str | None
    due_date: dt.date
    overdue: bool
    created_at: dt.datetime
    first_answered_at: dt.datetime | None
    public_answer: str
    rating: int | None


class AnswerIn(Schema):
    text: str


class StatusIn(Schema):
    status: str
    note: str = ""


class AssignIn(Schema):
    division_id: int | None = None  # a division of the case's agency; none clears
    assignee_id: int | None = None  # a staff member of the case's agency; none clears


class StatOut(Schema):
    month: str
    label: str
    count: int
    answered: int
    median_days: float | None
    within_deadline: float | None
    satisfaction: float | None
    ratings: int


def _out(case: Case) -> CaseOut:
    return CaseOut(
        id=case.pk,
        tracking_no=case.tracking_no,
        kind=case.kind,
        service_code=case.service.code if case.service_id else None,
        subject=case.subject,
        description=case.description,
        status=case.status,
        division=case.division.name if case.division_id else None,
        due_date=case.due_date,
        overdue=case_is_overdue(case),
        created_at=case.created_at,
        first_answered_at=case.first_answered_at,
        public_answer=case.public_answer,
        rating=case.rating,
    )


def _case(request, case_id: int, action: str = "view") -> Case:
    case = (
        Case.objects.filter(pk=case_id, confidential=False)
        .select_related("agency", "service", "division")
        .first()
    )
    if case is None:
        raise Http404("ไม่พบเรื่อง")
    agency = agency_get_visible(user=request.user, agency_id=case.agency_id)
    if not user_can(user=request.user, agency=agency, action=action):
        raise HttpError(403, "ไม่มีสิทธิ์")
    return case


@router.get("/", response=list[CaseOut])
def case_list(
    request, agency_id: int, status: str = "open", division_id: int | None = None, overdue: bool = False
):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    rows = case_queue(
        user=request.user, agency=agency, division_id=division_id, status=status[:20], overdue=overdue
    )
    return [_out(c) for c in rows[:500]]


@router.get("/stats/{agency_id}", response=list[StatOut])
def case_stats(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    return [StatOut(**row.__dict__) for row in stats_monthly(agency=agency)]


@router.get("/{case_id}", response=CaseOut)
def case_detail(request, case_id: int):
    return _out(_case(request, case_id))


@router.post("/{case_id}/answer", response=CaseOut)
def case_answer_post(request, case_id: int, payload: AnswerIn):
    case = _case(request, case_id)
    if not user_can(user=request.user, agency=case.agency, action="handle_cases"):
        raise HttpError(403, "ไม่มีสิทธิ์ตอบเรื่อง")
    try:
        case_answer(case=case, text=payload.text, actor=request.user, request=request)
    except CaseInvalid as invalid:
        raise HttpError(400, "; ".join(invalid.errors.values())) from None
    return _out(case)


@router.post("/{case_id}/status", response=CaseOut)
def case_status_post(request, case_id: int, payload: StatusIn):
    case = _case(request, case_id)
    if not user_can(user=request.user, agency=case.agency, action="handle_cases"):
        raise HttpError(403, "ไม่มีสิทธิ์เปลี่ยนสถานะ")
    try:
        case_status_set(
            case=case, status=payload.status, actor=request.user, note=payload.note, request=request
        )
    except CaseInvalid as invalid:
        raise HttpError(400, "; ".join(invalid.errors.values())) from None
    return _out(case)


@router.post("/{case_id}/assign", response=CaseOut)
def case_assign_post(request, case_id: int, payload: AssignIn):
    """Another agency's division or user is a 400 naming the field; the assignment stays as it was."""
    case = _case(request, case_id)
    if not user_can(user=request.user, agency=case.agency, action="handle_cases"):
        raise HttpError(403, "ไม่มีสิทธิ์มอบหมายเรื่อง")
    try:
        case_assign(
            case=case,
            division_id=payload.division_id,
            assignee_id=payload.assignee_id,
            actor=request.user,
            request=request,
        )
    except CaseInvalid as invalid:
        raise HttpError(400, "; ".join(f"{k}: {v}" for k, v in invalid.errors.items())) from None
    return _out(case)
