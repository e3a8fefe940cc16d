"""Back-office pages: the queue per division, one case with its actions, templates, the confidential channel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..agencies.selectors import (
    agency_get_visible,
    division_choices,
    division_list,
    membership_get,
    user_actions,
)
from ..files.serve import attach
from .exports import CONTENT_TYPES, queue_rows, stats_rows, table_file
from .handling import (
    case_answer,
    case_assign,
    case_confidential_view_record,
    case_note_add,
    case_qa_hide,
    case_status_set,
    confidential_officer_set,
    template_create,
    template_delete,
)
from .models import ConfidentialOfficer, ResponseTemplate
from .rules import kinds, statuses
from .selectors import (
    case_attachments_for,
    case_attributes_labelled,
    case_contact,
    case_description_for,
    case_get_for_staff,
    case_is_overdue,
    case_list_confidential,
    case_queue,
    is_confidential_officer,
    stats_monthly,
)
from .services import CaseInvalid
from .views_public import attachment_response


def _agency_for(request, agency_id: int, action: str = "handle_cases"):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    actions = user_actions(user=request.user, agency=agency)
    if action not in actions:
        raise PermissionDenied("บทบาทนี้ไม่มีสิทธิ์จัดการเรื่องร้องขอ/ร้องเรียน")
    return agency, actions


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _queue_filters(request, agency) -> dict:
    """The queue's filters from the query string: a division officer starts on their own division."""
    membership = membership_get(user=request.user, agency=agency)
    default_division = membership.division_id if membership and membership.division_id else None
    kind = request.GET.get("kind", "")
    return {
        "division_id": _int(request.GET.get("division")) if "division" in request.GET else default_division,
        "status": request.GET.get("status", "open"),
        "kind": kind if kind in kinds() else "",
        "with_unassigned": "division" not in request.GET,
        "overdue": request.GET.get("overdue") == "1",
        "tracking_no": request.GET.get("q", "")[:40],
    }


@login_required
def queue_export(request, agency_id: int, fmt: str):
    """The queue as filtered on the page (up to 5,000 rows), as CSV or XLSX."""
    agency, _ = _agency_for(request, agency_id, "view")
    if fmt not in CONTENT_TYPES:
        raise Http404("ไม่มีไฟล์ชนิดนี้")
    cases = case_queue(user=request.user, agency=agency, **_queue_filters(request, agency))[:5000]
    return _file(table_file(queue_rows(cases), fmt=fmt, title="เรื่องจากประชาชน"), fmt, f"cases-{agency.pk}")


@login_required
def stats_export(request, agency_id: int, fmt: str):
    agency, _ = _agency_for(request, agency_id, "view")
    if fmt not in CONTENT_TYPES:
        raise Http404("ไม่มีไฟล์ชนิดนี้")
    return _file(
        table_file(stats_rows(stats_monthly(agency=agency)), fmt=fmt, title="สถิติรายเดือน"),
        fmt,
        f"case-stats-{agency.pk}",
    )


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    attach(response, f"{name}-{timezone.localdate():%Y%m%d}.{fmt}")
    return response


@login_required
def queue(request, agency_id: int):
    agency, actions = _agency_for(request, agency_id, "view")
    filters = _queue_filters(request, agency)
    rows = list(case_queue(user=request.user, agency=agency, **filters)[:500])
    for row in rows:
        row.is_overdue = case_is_overdue(row)
    division_id, status, kind, overdue = (filters[k] for k in ("division_id", "status", "kind", "overdue"))
    return render(
        request,
        "cases/queue.html",
        {
            "agency": agency,
            "rows": rows,
            "divisions": division_list(agency=agency),
            "division_id": division_id,
            "status": status,
            "kind": kind,
            "overdue": overdue,
            "q": filters["tracking_no"],
            "export_query": request.GET.urlencode(),
            "statuses": statuses(),
            "kinds": {k: v for k, v in kinds().items() if not v.get("confidential")},
            "actions": actions,
            "officer": is_confidential_officer(user=request.user, agency=agency),
        },
    )


@login_required
def case_detail(request, agency_id: int, pk: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    case = case_get_for_staff(user=request.user, agency=agency, pk=pk)
    actions = user_actions(user=request.user, agency=agency)
    if case.confidential:
        case_confidential_view_record(case=case, actor=request.user, request=request)
    if request.method != "POST":
        return _detail_page(request, agency, case, actions)
    if "handle_cases" not in actions:
        raise PermissionDenied("บทบาทนี้ดูได้อย่างเดียว")
    try:
        _act(request, case)
    except CaseInvalid as invalid:
        # Shown beside the field it is about (or above the forms), with what was refused and why.
        case.refresh_from_db()
        return _detail_page(request, agency, case, actions, errors=invalid.errors, status=400)
    messages.success(request, "บันทึกแล้ว")
    return redirect("cases:detail", agency_id=agency.pk, pk=case.pk)


def _detail_page(request, agency, case, actions, *, errors: dict | None = None, status: int = 200):
    members = get_user_model().objects.filter(memberships__agency=agency).distinct().order_by("username")
    return render(
        request,
        "cases/detail.html",
        {
            "agency": agency,
            "case": case,
            "contact": case_contact(user=request.user, case=case),
            "events": case.events.select_related("actor"),
            "description": case_description_for(user=request.user, case=case),
            "attachments": case_attachments_for(user=request.user, case=case),
            "answers": case_attributes_labelled(case=case),
            "actions": actions,
            "statuses": statuses(),
            "next_statuses": [(s, statuses()[s]["name_th"]) for s in statuses()[case.status].get("next", [])],
            "templates": ResponseTemplate.objects.filter(agency=agency),
            "divisions": division_choices(agency=agency, keep=[case.division_id]),
            "members": members,
            "overdue": case_is_overdue(case),
            "kind_name": kinds()[case.kind]["name_th"],
            "errors": errors or {},
            "posted": request.POST if errors else {},
        },
        status=status,
    )


def _act(request, case) -> None:
    action = request.POST.get("action")
    text = request.POST.get("text", "")
    base_url = request.build_absolute_uri("/")[:-1]
    if action == "answer":
        case_answer(case=case, text=text, actor=request.user, request=request, base_url=base_url)
    elif action == "status":
        case_status_set(
            case=case,
            status=request.POST.get("status", ""),
            actor=request.user,
            note=text,
            request=request,
            base_url=base_url,
        )
    elif action == "note":
        case_note_add(case=case, text=text, actor=request.user, request=request)
    elif action == "assign":
        case_assign(
            case=case,
            division_id=request.POST.get("division"),
            assignee_id=request.POST.get("assignee"),
            actor=request.user,
            request=request,
        )
    elif action == "qa":
        case_qa_hide(case=case, hidden=request.POST.get("hidden") == "1", actor=request.user, request=request)
    else:
        raise CaseInvalid({"action": "ไม่รู้จักคำสั่งนี้"})


@login_required
def case_photo(request, agency_id: int, pk: int, attachment_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    case = case_get_for_staff(user=request.user, agency=agency, pk=pk)
    attachment = get_object_or_404(case_attachments_for(user=request.user, case=case), pk=attachment_id)
    if case.confidential:
        case_confidential_view_record(case=case, actor=request.user, request=request, via="photo")
    return attachment_response(attachment)


@login_required
def confidential_list(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    rows = list(case_list_confidential(user=request.user, agency=agency))
    for row in rows:
        row.is_overdue = case_is_overdue(row)
    return render(
        request, "cases/confidential.html", {"agency": agency, "rows": rows, "statuses": statuses()}
    )


@login_required
def confidential_officers(request, agency_id: int):
    agency, _ = _agency_for(request, agency_id, "manage_staff")
    if request.method == "POST":
        try:
            confidential_officer_set(
                agency=agency,
                username=request.POST.get("username", ""),
                allowed=request.POST.get("allowed") == "1",
                actor=request.user,
                request=request,
            )
        except CaseInvalid as invalid:
            messages.error(request, " ".join(invalid.errors.values()))
        return redirect("cases:officers", agency_id=agency.pk)
    officers = ConfidentialOfficer.objects.filter(agency=agency).select_related("user")
    members = get_user_model().objects.filter(memberships__agency=agency).order_by("username")
    return render(
        request, "cases/officers.html", {"agency": agency, "officers": officers, "members": members}
    )


@login_required
def templates_page(request, agency_id: int):
    agency, _ = _agency_for(request, agency_id)
    if request.method == "POST":
        try:
            template_create(
                agency=agency,
                title=request.POST.get("title", ""),
                body=request.POST.get("body", ""),
                actor=request.user,
                request=request,
            )
        except CaseInvalid as invalid:
            messages.error(request, " ".join(invalid.errors.values()))
        return redirect("cases:templates", agency_id=agency.pk)
    return render(
        request,
        "cases/templates.html",
        {"agency": agency, "templates": ResponseTemplate.objects.filter(agency=agency)},
    )


@login_required
@require_POST
def template_remove(request, agency_id: int, pk: int):
    agency, _ = _agency_for(request, agency_id)
    template_delete(
        template=get_object_or_404(ResponseTemplate, agency=agency, pk=pk),
        actor=request.user,
        request=request,
    )
    return redirect("cases:templates", agency_id=agency.pk)
