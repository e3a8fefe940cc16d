"""The agency settings page (staff who may manage staff) and the agency's logo for its public pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from .profile import PROFILE_FIELDS, agency_profile_update
from .profile_forms import AgencySettingsForm
from .selectors import agency_get_visible, agency_logo_get, agency_name_history, agency_public_get, user_can


@login_required
def agency_settings(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    if not user_can(user=request.user, agency=agency, action="manage_staff"):
        raise PermissionDenied("เฉพาะผู้ดูแลระบบของหน่วยงานเท่านั้นที่แก้ไขข้อมูลหน่วยงานได้")
    initial = {f: getattr(agency, f) for f in PROFILE_FIELDS}
    if request.method == "POST":
        form = AgencySettingsForm(request.POST, request.FILES, initial=initial, current_type=agency.type)
        if form.is_valid():
            data = {f: form.cleaned_data[f] for f in PROFILE_FIELDS}
            changed = agency_profile_update(
                agency=agency,
                data=data,
                logo=form.cleaned_data["logo"],
                remove_logo=form.cleaned_data["remove_logo"],
                actor=request.user,
                request=request,
            )
            messages.success(request, "บันทึกข้อมูลหน่วยงานแล้ว" if changed else "ไม่มีข้อมูลที่เปลี่ยน")
            return redirect("profile:settings", agency_id=agency.pk)
    else:
        form = AgencySettingsForm(initial=initial, current_type=agency.type)
    return render(
        request,
        "agencies/settings.html",
        {
            "agency": agency,
            "form": form,
            "logo": agency_logo_get(agency=agency),
            "history": agency_name_history(agency=agency)[:10],
        },
    )


@require_GET
def agency_logo(request, agency_id: int):
    """The logo of a public agency (or of one the signed-in user may see, for the settings page)."""
    try:
        agency = agency_public_get(agency_id=agency_id)
    except Http404:
        agency = agency_get_visible(user=request.user, agency_id=agency_id)
    logo = agency_logo_get(agency=agency)
    if logo is None:
        raise Http404("หน่วยงานนี้ยังไม่มีโลโก้")
    response = HttpResponse(bytes(logo.content), content_type=logo.content_type)
    # A picture checked with Pillow when it was uploaded, shown inline (nosniff comes from SecurityMiddleware).
    response["Cache-Control"] = "public, max-age=3600"
    return response
