"""Writes to the service catalogue: load a catalogue file into an agency (idempotent), and the editor's
writes (create, edit, order, publish, retire, start from the starter catalogue for the agency's type)."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..agencies.models import Agency, Division
from ..audit.services import audit_record
from .catalogue import DEMO_CATALOGUE, CatalogueError, attribute_check, catalogue_read, starter_read
from .models import Service

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

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
    "place",
    "hours",
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


# --- The catalogue editor (/a/<id>/services/): every write checks the agency and is audited. ---

EDITABLE_FIELDS = (*MANUAL_FIELDS[:-1], "division", "is_active")  # order changes only through service_move


def _checked(agency: Agency, values: dict, keep_division_id: int | None = None) -> dict:
    """Refuse a division of another agency (or a retired one newly chosen) and bad Open311 attributes."""
    division = values.get("division")
    if division is not None and division.agency_id != agency.pk:
        raise ValidationError(
            {
                "division": f"กอง/สำนัก “{division.name}” เป็นของหน่วยงานอื่น (the division belongs to another agency)"
            }
        )
    if division is not None and division.retired_at is not None and division.pk != keep_division_id:
        raise ValidationError({"division": f"กอง/สำนัก “{division.name}” เลิกใช้แล้ว (the division is retired)"})
    try:
        values["attributes"] = [
            attribute_check(Path("attributes"), f"#{i}", a)
            for i, a in enumerate(values.get("attributes", []), 1)
        ]
    except CatalogueError as bad:
        raise ValidationError({"attributes": f"ช่องข้อมูลเพิ่มเติม {bad.where}: {bad.message_th}"}) from None
    return {k: v for k, v in values.items() if k in EDITABLE_FIELDS}


def _audit(action: str, service: Service, summary: str, actor, request, details: dict | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        agency=service.agency,
        target=service,
        summary=summary,
        details={"code": service.code, **(details or {})},
        request=request,
    )


@transaction.atomic
def service_create(*, agency: Agency, code: str, values: dict, actor, request=None) -> Service:
    code = code.strip().lower()
    if not code or not SLUG.fullmatch(code):
        raise ValidationError({"code": "รหัสบริการใช้ได้เฉพาะ a–z 0–9 และ - (a slug, e.g. water-truck)"})
    if Service.objects.filter(agency=agency, code=code).exists():
        raise ValidationError({"code": f"มีบริการรหัส “{code}” อยู่แล้ว (the code is taken)"})
    last = Service.objects.filter(agency=agency).order_by("-order").values_list("order", flat=True).first()
    service = Service.objects.create(
        agency=agency, code=code, order=(last or 0) + 1, **_checked(agency, values)
    )
    _audit("service.create", service, f"เพิ่มบริการ {service.name_th}", actor, request)
    return service


@transaction.atomic
def service_update(*, service: Service, values: dict, actor, request=None) -> Service:
    checked = _checked(service.agency, values, keep_division_id=service.division_id)
    changed = sorted(k for k, v in checked.items() if getattr(service, k) != v)
    for key, value in checked.items():
        setattr(service, key, value)
    if service.is_active:
        service.retired_at = None
    service.save()
    _audit("service.update", service, f"แก้ไขบริการ {service.name_th}", actor, request, {"fields": changed})
    return service


@transaction.atomic
def service_move(*, service: Service, step: int, actor, request=None) -> Service:
    """Move a service one place up (step -1) or down (+1) in the agency's catalogue."""
    rows = list(
        Service.objects.select_for_update().filter(agency=service.agency).order_by("order", "name_th", "pk")
    )
    at = next(i for i, s in enumerate(rows) if s.pk == service.pk)
    to = max(0, min(len(rows) - 1, at + (1 if step > 0 else -1)))
    rows.insert(to, rows.pop(at))
    for number, row in enumerate(rows, start=1):
        if row.order != number:
            row.order = number
            Service.objects.filter(pk=row.pk).update(order=number)
    _audit("service.move", service, f"เลื่อนลำดับบริการ {service.name_th} เป็นลำดับที่ {to + 1}", actor, request)
    return service


STATES = {"published": "เผยแพร่", "draft": "พักไว้เป็นฉบับร่าง", "retired": "เลิกให้บริการ"}


@transaction.atomic
def service_state_set(*, service: Service, state: str, actor, request=None) -> Service:
    """Publish, take back to draft, or retire (kept with its past requests, no longer offered)."""
    if state not in STATES:
        raise ValidationError({"state": f"ไม่รู้จักสถานะ “{state}” (unknown state)"})
    service.is_active = state == "published"
    service.retired_at = (service.retired_at or timezone.now()) if state == "retired" else None
    service.save(update_fields=["is_active", "retired_at", "updated_at"])
    _audit(
        f"service.{ {'published': 'publish', 'draft': 'draft', 'retired': 'retire'}[state] }",
        service,
        f"{STATES[state]}: {service.name_th}",
        actor,
        request,
    )
    return service


@transaction.atomic
def catalogue_start(*, agency: Agency, actor, request=None) -> list[Service]:
    """Load the starter catalogue for the agency's type (starter_catalogues.toml) as drafts to edit.
    Only into an empty catalogue, so it never overwrites an agency's own work."""
    if Service.objects.filter(agency=agency).exists():
        raise ValidationError({"catalogue": "มีบริการอยู่แล้ว จึงไม่โหลดรายการตั้งต้นซ้ำ (the catalogue is not empty)"})
    divisions = {d.name: d for d in Division.objects.filter(agency=agency, retired_at__isnull=True)}
    rows = []
    for raw in starter_read(agency_type=agency.type):
        values = {k: raw[k] for k in MANUAL_FIELDS if k in raw}
        rows.append(
            Service(
                agency=agency,
                code=raw["code"],
                division=divisions.get(raw.get("division", "")),
                is_active=False,
                **values,
            )
        )
    Service.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="catalogue.start",
        agency=agency,
        summary=f"เริ่มจากรายการบริการตั้งต้น {len(rows)} บริการ (ฉบับร่าง)",
        details={"codes": [s.code for s in rows], "type": agency.type},
        request=request,
    )
    return rows
