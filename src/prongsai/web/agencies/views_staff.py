"""The agency administrator's staff page (/a/<id>/staff/): staff, roles, invitations, divisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..accounts.invitations import InvitationNotSent, password_reset_send
from .forms_staff import DivisionForm, InviteForm, RoleForm
from .models import Division, Membership
from .selectors import agency_get_visible, division_list, staff_list, user_can
from .staff import (
    division_create,
    division_rename,
    division_restore,
    division_retire,
    staff_deactivate,
    staff_invite,
    staff_role_set,
)


def _agency_for(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)  # 404 for another agency
    if not user_can(user=request.user, agency=agency, action="manage_staff"):
        raise PermissionDenied("เฉพาะผู้ดูแลระบบของหน่วยงานจัดการเจ้าหน้าที่ได้ (only the agency's administrator)")
    return agency


def _form_errors(form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


def _page(request, agency, invite_form=None, division_form=None, status=200):
    context = {
        "agency": agency,
        "staff": staff_list(agency=agency),
        "divisions": division_list(agency=agency),
        "invite_form": invite_form or InviteForm(agency=agency),
        "division_form": division_form or DivisionForm(),
    }
    return render(request, "agencies/staff.html", context, status=status)


@login_required
def staff_page(request, agency_id: int):
    return _page(request, _agency_for(request, agency_id))


@login_required
@require_POST
def staff_invite_view(request, agency_id: int):
    agency = _agency_for(request, agency_id)
    form = InviteForm(request.POST, agency=agency)
    if form.is_valid():
        data = form.cleaned_data
        try:
            staff_invite(
                agency=agency,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                division=data["division"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            _form_errors(form, error)
        except InvitationNotSent as failed:
            messages.error(request, f"เพิ่มเจ้าหน้าที่แล้ว แต่{failed}")
            return redirect("staff:list", agency_id=agency.pk)
        else:
            messages.success(request, f"ส่งคำเชิญถึง {data['email']} แล้ว (invitation sent)")
            return redirect("staff:list", agency_id=agency.pk)
    return _page(request, agency, invite_form=form, status=400)


def _membership(agency, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "division", "agency"), agency=agency, pk=membership_id
    )


@login_required
def staff_member(request, agency_id: int, membership_id: int):
    agency = _agency_for(request, agency_id)
    membership = _membership(agency, membership_id)
    form = RoleForm(request.POST or None, membership=membership)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                staff_role_set(
                    membership=membership,
                    role=form.cleaned_data["role"],
                    division=form.cleaned_data["division"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, f"บันทึกบทบาทของ {membership.user.get_username()} แล้ว")
                return redirect("staff:list", agency_id=agency.pk)
        status = 400
    return render(
        request,
        "agencies/staff_member.html",
        {"agency": agency, "membership": membership, "form": form},
        status=status,
    )


@login_required
@require_POST
def staff_deactivate_view(request, agency_id: int, membership_id: int):
    agency = _agency_for(request, agency_id)
    membership = _membership(agency, membership_id)
    try:
        staff_deactivate(membership=membership, actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("staff:member", agency_id=agency.pk, membership_id=membership.pk)
    messages.success(request, f"ยกเลิกสิทธิ์ของ {membership.user.get_username()} ในหน่วยงานนี้แล้ว")
    return redirect("staff:list", agency_id=agency.pk)


@login_required
@require_POST
def staff_password_view(request, agency_id: int, membership_id: int):
    agency = _agency_for(request, agency_id)
    membership = _membership(agency, membership_id)
    try:
        password_reset_send(user=membership.user, agency=agency, actor=request.user, request=request)
    except InvitationNotSent as failed:
        messages.error(request, str(failed))
    else:
        messages.success(request, f"ส่งลิงก์ตั้งรหัสผ่านถึง {membership.user.email} แล้ว")
    return redirect("staff:member", agency_id=agency.pk, membership_id=membership.pk)


@login_required
@require_POST
def division_create_view(request, agency_id: int):
    agency = _agency_for(request, agency_id)
    form = DivisionForm(request.POST)
    if form.is_valid():
        try:
            division_create(
                agency=agency, name=form.cleaned_data["name"], actor=request.user, request=request
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"เพิ่มกอง/สำนัก {form.cleaned_data['name']} แล้ว")
            return redirect("staff:list", agency_id=agency.pk)
    return _page(request, agency, division_form=form, status=400)


@login_required
@require_POST
def division_change_view(request, agency_id: int, division_id: int):
    """Rename (`name`), retire (`retire=1`) or bring back (`retire=0`) one of the agency's divisions."""
    agency = _agency_for(request, agency_id)
    division = get_object_or_404(Division, agency=agency, pk=division_id)
    try:
        if "retire" in request.POST:
            change = division_retire if request.POST["retire"] == "1" else division_restore
            change(division=division, actor=request.user, request=request)
        else:
            division_rename(
                division=division, name=request.POST.get("name", ""), actor=request.user, request=request
            )
    except ValidationError as error:
        messages.error(request, f"{division.name}: " + " ".join(error.messages))
    else:
        messages.success(request, f"บันทึกกอง/สำนัก {division.name} แล้ว")
    return redirect("staff:list", agency_id=agency.pk)
