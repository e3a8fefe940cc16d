"""Reads of the service catalogue for public pages, the request form and Open311."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ..agencies.models import Agency
from .models import Service


def service_list_public(*, agency: Agency) -> QuerySet[Service]:
    return Service.objects.filter(agency=agency, is_active=True).select_related("division")


def service_get_public(*, agency: Agency, code: str) -> Service:
    try:
        return service_list_public(agency=agency).get(code=code)
    except Service.DoesNotExist:
        raise Http404("ไม่พบบริการ") from None


def agency_get_public(*, agency_id: int) -> Agency:
    """An agency whose public pages (catalogue, forms, Q&A, statistics) anyone may open."""
    try:
        return Agency.objects.get(pk=agency_id, is_public=True)
    except Agency.DoesNotExist:
        raise Http404("ไม่พบหน่วยงาน") from None


def service_attributes_sorted(*, service: Service) -> list[dict]:
    return sorted(service.attributes, key=lambda a: (a.get("order", 0), a["code"]))
