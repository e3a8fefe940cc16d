"""Writes of the agency's own profile (settings page): contacts, chief executive, logo; name history kept."""

from __future__ import annotations

import io
import tomllib
import warnings
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from ..audit.services import audit_record
from .models import Agency, AgencyLogo, AgencyNameHistory

PROFILE_FILE = Path(__file__).with_name("profile.toml")
PROFILE_FIELDS = (
    "name",
    "type",
    "address",
    "phone",
    "email",
    "website",
    "line_oa",
    "facebook",
    "office_hours",
    "chief_name",
    "chief_position",
)


@cache
def logo_rules() -> dict:
    return tomllib.loads(PROFILE_FILE.read_text(encoding="utf-8"))["logo"]


def logo_check(*, content: bytes) -> str:
    """The image's content type if it is a real image within the limits; ValidationError (Thai) if not."""
    from PIL import Image

    rules = logo_rules()
    if len(content) > rules["max_bytes"]:
        raise ValidationError(
            f"ไฟล์โลโก้ใหญ่เกิน {rules['max_bytes'] // 1024} KB (ไฟล์นี้ {len(content) // 1024} KB)"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                fmt, (width, height) = image.format, image.size
                image.verify()
    except Exception:
        raise ValidationError("ไฟล์นี้ไม่ใช่รูปภาพที่อ่านได้ (ใช้ PNG, JPEG, WebP หรือ GIF)") from None
    if fmt not in rules["formats"]:
        raise ValidationError(f"ไม่รับรูปแบบ {fmt}: ใช้ {', '.join(rules['formats'])}")
    if width * height > rules["max_pixels"]:
        raise ValidationError(f"รูปภาพใหญ่เกินไป ({width}×{height} พิกเซล)")
    return Image.MIME[fmt]


@transaction.atomic
def agency_profile_update(
    *, agency: Agency, data: dict, logo: bytes | None = None, remove_logo: bool = False, actor, request=None
) -> list[str]:
    """Save the profile fields (a rename keeps the old name); set or remove the logo. The changed fields."""
    changed = [f for f in PROFILE_FIELDS if f in data and getattr(agency, f) != data[f]]
    if "name" in changed:
        AgencyNameHistory.objects.create(agency=agency, name=agency.name, source="settings")
    for f in changed:
        setattr(agency, f, data[f])
    if changed:
        agency.save(update_fields=changed)
    if logo is not None:
        AgencyLogo.objects.update_or_create(
            agency=agency, defaults={"content": logo, "content_type": logo_check(content=logo)}
        )
        changed.append("logo")
    elif remove_logo and AgencyLogo.objects.filter(agency=agency).delete()[0]:
        changed.append("logo")
    if changed:
        audit_record(
            actor=actor,
            action="agency.settings",
            agency=agency,
            target=agency,
            summary="แก้ไขข้อมูลหน่วยงาน: " + ", ".join(changed),
            details={"fields": changed},
            request=request,
        )
    return changed
