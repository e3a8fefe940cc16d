"""The agency's public home page /p/<id>/: who it is, how to reach it, and every public part it has."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse

from ..agencies.selectors import agency_logo_get, agency_public_get
from ..assessments.selectors import result_list_current
from ..cases.rules import kinds
from ..services.selectors import service_list_public


def _absolute(request, path: str) -> str:
    """A full address for share previews: on PRONGSAI_PUBLIC_URL when set (LINE and Facebook fetch it)."""
    base = getattr(settings, "PRONGSAI_PUBLIC_URL", "")
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def agency_home(request, agency_id: int):
    agency = agency_public_get(agency_id=agency_id)
    logo = agency_logo_get(agency=agency)
    logo_path = f"{reverse('profile:logo', args=[agency.pk])}?v={logo.updated_at:%s}" if logo else ""
    channels = {code: k for code, k in kinds().items() if code != "request"}
    line_url = f"https://line.me/R/ti/p/{quote(agency.line_oa)}" if agency.line_oa else ""
    description = " · ".join(
        p
        for p in (agency.type, agency.district, agency.province, "บริการออนไลน์ ถาม แจ้ง ร้องเรียน ติดตามเรื่อง")
        if p
    )
    return render(
        request,
        "dashboards/public_home.html",
        {
            "agency": agency,
            "logo_path": logo_path,
            "services": service_list_public(agency=agency)[:12],
            "results": result_list_current(agency=agency)[:5],
            "channels": channels,
            "line_url": line_url,
            "og": {
                "title": agency.name,
                "description": description,
                "url": _absolute(request, reverse("dashboards:public_home", args=[agency.pk])),
                "image": _absolute(request, logo_path) if logo else "",
            },
        },
    )
