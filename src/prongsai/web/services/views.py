"""Public pages of the service catalogue: the list, one service's manual, and its printable form."""

from __future__ import annotations

from django.shortcuts import render

from ..cases.rules import rules
from .selectors import agency_get_public, service_attributes_sorted, service_get_public, service_list_public


def catalogue(request, agency_id: int):
    agency = agency_get_public(agency_id=agency_id)
    return render(
        request, "services/catalogue.html", {"agency": agency, "services": service_list_public(agency=agency)}
    )


def manual(request, agency_id: int, code: str, printable: bool = False):
    agency = agency_get_public(agency_id=agency_id)
    service = service_get_public(agency=agency, code=code)
    return render(
        request,
        "services/print.html" if printable else "services/manual.html",
        {
            "agency": agency,
            "service": service,
            "attributes": service_attributes_sorted(service=service),
            "answer_days": service.answer_days or rules()["deadline"]["default_answer_days"],
        },
    )
