"""The catalogue editor (/a/<id>/services/): the agency's services and their manuals, for staff who may
`edit_services` (roles.toml). Changes show at once on the public catalogue and in Open311."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..agencies.selectors import agency_get_visible, user_can
from ..cases.rules import rules
from .forms import ServiceForm
from .models import Service
from .selectors import service_attributes_sorted
from .services import catalogue_start, service_create, service_move, service_state_set, service_update


def _agency_for(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)  # 404 for another agency
    if not user_can(user=request.user, agency=agency, action="edit_services"):
        raise PermissionDenied("บทบาทนี้แก้ไขรายการบริการไม่ได้ (this role cannot edit the e-services)")
    return agency


def _service(agency, service_id: int) -> Service:
    return get_object_or_404(
        Service.objects.select_related("division", "agency"), agency=agency, pk=service_id
    )


def _form_errors(form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


@login_required
def editor(request, agency_id: int):
    agency = _agency_for(request, agency_id)
    services = Service.objects.filter(agency=agency).select_related("division").order_by("order", "name_th")
    return render(request, "services/editor.html", {"agency": agency, "services": services})


@login_required
def service_form(request, agency_id: int, service_id: int | None = None):
    agency = _agency_for(request, agency_id)
    service = _service(agency, service_id) if service_id else None
    form = ServiceForm(request.POST or None, agency=agency, service=service)
    if request.method == "POST":
        if form.is_valid():
            try:
                if service is None:
                    service = service_create(
                        agency=agency,
                        code=form.cleaned_data["code"],
                        values=form.values(),
                        actor=request.user,
                        request=request,
                    )
                else:
                    service_update(service=service, values=form.values(), actor=request.user, request=request)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, f"บันทึกบริการ {service.name_th} แล้ว")
                return redirect("services:editor", agency_id=agency.pk)
        status = 400
    else:
        status = 200
    return render(
        request,
        "services/service_form.html",
        {"agency": agency, "service": service, "form": form},
        status=status,
    )


@login_required
@require_POST
def service_change(request, agency_id: int, service_id: int):
    """`move=up|down` or `state=published|draft|retired`."""
    agency = _agency_for(request, agency_id)
    service = _service(agency, service_id)
    try:
        if "move" in request.POST:
            service_move(
                service=service,
                step=-1 if request.POST["move"] == "up" else 1,
                actor=request.user,
                request=request,
            )
        else:
            service_state_set(
                service=service, state=request.POST.get("state", ""), actor=request.user, request=request
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("services:editor", agency_id=agency.pk)


@login_required
@require_POST
def catalogue_start_view(request, agency_id: int):
    agency = _agency_for(request, agency_id)
    try:
        rows = catalogue_start(agency=agency, actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"เพิ่มรายการบริการตั้งต้น {len(rows)} บริการเป็นฉบับร่าง: ตรวจแก้ให้ตรงกับหน่วยงานแล้วกด “เผยแพร่”"
        )
    return redirect("services:editor", agency_id=agency.pk)


@login_required
def service_preview(request, agency_id: int, service_id: int):
    """The printable manual of any service (drafts too), as the public will see it."""
    agency = _agency_for(request, agency_id)
    service = _service(agency, service_id)
    return render(
        request,
        "services/print.html",
        {
            "agency": agency,
            "service": service,
            "attributes": service_attributes_sorted(service=service),
            "answer_days": service.answer_days or rules()["deadline"]["default_answer_days"],
            "preview": True,
        },
    )
