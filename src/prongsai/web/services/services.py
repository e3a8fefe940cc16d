"""Writes to the service catalogue: load a catalogue file into an agency (idempotent)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from ..agencies.models import Agency, Division
from .catalogue import DEMO_CATALOGUE, catalogue_read
from .models import Service

MANUAL_FIELDS = (
    "name_th",
    "name_en",
    "group",
    "keywords",
    "description",
    "steps",
    "documents",
    "fee",
    "duration",
    "contact",
    "legal_basis",
    "answer_days",
    "attributes",
    "needs_location",
    "order",
)


@transaction.atomic
def catalogue_load(*, agency: Agency, path: Path = DEMO_CATALOGUE) -> list[Service]:
    """Create or update the agency's services from a catalogue file; running it twice changes nothing."""
    divisions = {d.name: d for d in Division.objects.filter(agency=agency)}
    out = []
    for raw in catalogue_read(path):
        values = {k: raw[k] for k in MANUAL_FIELDS if k in raw}
        values["division"] = divisions.get(raw.get("division", ""))
        service, _ = Service.objects.update_or_create(agency=agency, code=raw["code"], defaults=values)
        out.append(service)
    return out
