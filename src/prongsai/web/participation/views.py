"""Participation pages: staff manage projects, answers and outcomes; the public reads, registers and writes."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..agencies.selectors import agency_get_visible, user_can
from ..audit.services import client_ip
from ..plans.forms import apply_errors
from ..plans.models import Measure
from ..plans.selectors import public_agency_get
from .forms import AnswerForm, OutcomeForm, ProjectForm, RegistrationForm, SuggestionForm
from .models import Outcome, ProjectStatus
from .qr import qr_data_url
from .selectors import (
    outcome_get_public,
    participation_rules,
    personal_data_visible,
    project_get_public,
    project_get_scoped,
    project_list,
    project_list_public,
    registration_get_scoped,
    registration_list_for,
    suggestion_get_scoped,
    suggestion_list_public,
)
from .services import (
    RateLimited,
    outcome_save,
    project_create,
    project_set_status,
    project_update,
    registration_create,
    registration_delete,
    suggestion_answer,
    suggestion_contact_erase,
    suggestion_create,
)


def _public_url(request, project) -> str:
    """The project's public address for QR codes, Open Graph and sharing: PRONGSAI_PUBLIC_URL when set
    (a notice printed by staff on an intranet address must still work on a citizen's phone)."""
    path = reverse("participation:public_detail", args=[project.agency_id, project.pk])
    base = getattr(settings, "PRONGSAI_PUBLIC_URL", "")
    return base + path if base else request.build_absolute_uri(path)


def _require_edit(user, agency) -> None:
    if not user_can(user=user, agency=agency, action="edit_plans"):
        raise PermissionDenied("ไม่มีสิทธิ์จัดการโครงการ")


@login_required
def project_home(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    return render(
        request,
        "participation/project_home.html",
        {
            "agency": agency,
            "projects": project_list(agency=agency),
            "can_edit": user_can(user=request.user, agency=agency, action="edit_plans"),
        },
    )


@login_required
def project_form(request, agency_id: int | None = None, project_id: int | None = None):
    project = project_get_scoped(user=request.user, project_id=project_id) if project_id else None
    agency = project.agency if project else agency_get_visible(user=request.user, agency_id=agency_id)
    _require_edit(request.user, agency)
    initial = {}
    if project:
        initial = {f: getattr(project, f) for f in ProjectForm.base_fields}
    form = ProjectForm(request.POST or None, initial=initial, measures=Measure.objects.filter(agency=agency))
    if request.method == "POST" and form.is_valid():
        try:
            if project:
                project_update(project=project, actor=request.user, request=request, **form.cleaned_data)
            else:
                project = project_create(
                    agency=agency, actor=request.user, request=request, **form.cleaned_data
                )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            return redirect("participation:detail", project_id=project.pk)
    return render(
        request, "participation/project_form.html", {"agency": agency, "project": project, "form": form}
    )


@login_required
def project_detail(request, project_id: int):
    project = project_get_scoped(user=request.user, project_id=project_id)
    agency = project.agency
    outcome = Outcome.objects.filter(project=project).first()
    measures = Measure.objects.filter(agency=agency)
    initial = {f: getattr(outcome, f) for f in OutcomeForm.base_fields} if outcome else {}
    outcome_form = OutcomeForm(request.POST or None, initial=initial, measures=measures)
    can_edit = user_can(user=request.user, agency=agency, action="edit_plans")
    personal = personal_data_visible(user=request.user, agency=agency)
    if request.method == "POST":
        _require_edit(request.user, agency)
        if outcome_form.is_valid():
            outcome_save(project=project, actor=request.user, request=request, **outcome_form.cleaned_data)
            messages.success(request, "บันทึกผลการมีส่วนร่วมแล้ว")
            return redirect("participation:detail", project_id=project.pk)
    suggestions = [
        (s, AnswerForm(prefix=f"s{s.pk}", initial={"answer": s.answer, "hide": s.is_hidden}))
        for s in project.suggestions.all()
    ]
    return render(
        request,
        "participation/project_detail.html",
        {
            "agency": agency,
            "project": project,
            "registrations": registration_list_for(user=request.user, project=project),
            "registration_count": project.registrations.count(),
            "personal": personal,
            "suggestions": suggestions,
            "outcome_form": outcome_form,
            "outcome": outcome,
            "can_edit": can_edit,
            "status_choices": ProjectStatus.choices,
            "public_url": _public_url(request, project),
        },
    )


@login_required
@require_POST
def project_status(request, project_id: int):
    project = project_get_scoped(user=request.user, project_id=project_id)
    try:
        project_set_status(
            project=project, status=request.POST.get("status", ""), actor=request.user, request=request
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    return redirect("participation:detail", project_id=project.pk)


@login_required
@require_POST
def suggestion_answer_view(request, suggestion_id: int):
    suggestion = suggestion_get_scoped(user=request.user, suggestion_id=suggestion_id)
    form = AnswerForm(request.POST, prefix=f"s{suggestion.pk}")
    if form.is_valid():
        suggestion_answer(
            suggestion=suggestion,
            answer=form.cleaned_data["answer"],
            hide=form.cleaned_data["hide"],
            actor=request.user,
            request=request,
        )
        messages.success(request, "บันทึกคำตอบแล้ว")
    return redirect(reverse("participation:detail", args=[suggestion.project_id]) + f"#s{suggestion.pk}")


@login_required
@require_POST
def registration_delete_view(request, registration_id: int):
    registration = registration_get_scoped(user=request.user, registration_id=registration_id)
    project_id = registration.project_id
    registration_delete(registration=registration, actor=request.user, request=request)
    messages.success(request, "ลบข้อมูลผู้ลงทะเบียนแล้ว")
    return redirect("participation:detail", project_id=project_id)


@login_required
@require_POST
def suggestion_contact_erase_view(request, suggestion_id: int):
    suggestion = suggestion_get_scoped(user=request.user, suggestion_id=suggestion_id)
    suggestion_contact_erase(suggestion=suggestion, actor=request.user, request=request)
    messages.success(request, "ลบชื่อและช่องทางติดต่อของผู้เสนอแล้ว")
    return redirect(reverse("participation:detail", args=[suggestion.project_id]) + f"#s{suggestion.pk}")


# Public pages (no login) -------------------------------------------------------------------------


def public_list(request, agency_id: int):
    agency = public_agency_get(agency_id=agency_id)
    return render(
        request,
        "participation/public_list.html",
        {"agency": agency, "projects": project_list_public(agency=agency)},
    )


def _public_context(request, project, **extra) -> dict:
    url = _public_url(request, project)
    rules = participation_rules()["pdpa"]
    return {
        "agency": project.agency,
        "project": project,
        "outcome": outcome_get_public(project=project),
        "suggestions": suggestion_list_public(project=project),
        "public_url": url,
        "pdpa": rules["notice_th"],
        "pdpa_en": rules["notice_en"],
        "registration_form": RegistrationForm(),
        "suggestion_form": SuggestionForm(prefix="s"),
        **extra,
    }


def public_detail(request, agency_id: int, project_id: int):
    project = project_get_public(agency_id=agency_id, project_id=project_id)
    return render(request, "participation/public_detail.html", _public_context(request, project))


TOO_MANY = (
    "ส่งจากเครือข่ายนี้มากเกินไปในช่วงนี้ กรุณาลองใหม่ภายหลัง หรือติดต่อหน่วยงาน "
    "(too many submissions from this address; try again later)"
)


@require_POST
def public_register(request, agency_id: int, project_id: int):
    project = project_get_public(agency_id=agency_id, project_id=project_id)
    form = RegistrationForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            registration_create(project=project, ip=client_ip(request), **form.cleaned_data)
        except ValidationError as e:
            apply_errors(form, e)
        except RateLimited:
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            messages.success(request, "ลงทะเบียนเรียบร้อยแล้ว ขอบคุณที่ร่วมกิจกรรม หน่วยงานจะติดต่อกลับหากมีการเปลี่ยนแปลง")
            return redirect("participation:public_detail", agency_id=agency_id, project_id=project.pk)
    return render(
        request,
        "participation/public_detail.html",
        _public_context(request, project, registration_form=form),
        status=status,
    )


@require_POST
def public_suggest(request, agency_id: int, project_id: int):
    project = project_get_public(agency_id=agency_id, project_id=project_id)
    form = SuggestionForm(request.POST, prefix="s")
    status = 400
    if form.is_valid():
        try:
            suggestion_create(project=project, ip=client_ip(request), **form.cleaned_data)
        except ValidationError as e:
            apply_errors(form, e)
        except RateLimited:
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            messages.success(request, "ได้รับข้อความของท่านแล้ว ข้อความจะแสดงบนหน้านี้พร้อมคำตอบของหน่วยงาน (ไม่แสดงชื่อ)")
            return redirect("participation:public_detail", agency_id=agency_id, project_id=project.pk)
    return render(
        request,
        "participation/public_detail.html",
        _public_context(request, project, suggestion_form=form),
        status=status,
    )


def public_notice(request, agency_id: int, project_id: int):
    """A printable A4 notice with a QR code, for community leaders' notice boards and LINE groups."""
    project = project_get_public(agency_id=agency_id, project_id=project_id)
    context = _public_context(request, project)
    context["qr"] = qr_data_url(context["public_url"])
    return render(request, "participation/notice.html", context)
