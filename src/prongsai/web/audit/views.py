"""The agency's audit log page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..agencies.selectors import agency_get_visible
from .selectors import audit_list


@login_required
def audit_agency(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    return render(
        request, "audit/list.html", {"agency": agency, "events": audit_list(user=request.user, agency=agency)}
    )
