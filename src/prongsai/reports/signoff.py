"""The signatory of a document (the chief executive, by name and position, and the date of signing):
read from an input's [signoff] table and laid out as the right-aligned sign-off lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..ita.errors import InputError
from ..thai import digits, thai_date
from .document import Paragraph

FIELDS = ("name", "position", "date")


@dataclass(frozen=True)
class Signoff:
    name: str = ""
    position: str = ""
    date: dt.date | None = None


def signoff_from_input(raw, *, path: str = "") -> Signoff:
    """The [signoff] table (`name`, `position`, `date` as an ISO date or a TOML date), checked key by key."""
    if raw is None:
        return Signoff()
    if not isinstance(raw, dict):
        raise InputError("[signoff] ต้องเป็นตาราง", "[signoff] must be a table", path=path, column="signoff")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise InputError(
            f"ไม่รู้จัก signoff.{unknown[0]} (ใช้ได้: {', '.join(FIELDS)})",
            f"unknown key signoff.{unknown[0]}",
            path=path,
            column=f"signoff.{unknown[0]}",
        )
    for key in ("name", "position"):
        if not isinstance(raw.get(key, ""), str):
            raise InputError(
                f"signoff.{key} ต้องเป็นข้อความ",
                f"signoff.{key} must be text",
                path=path,
                column=f"signoff.{key}",
            )
    day = raw.get("date")
    if isinstance(day, dt.datetime):
        day = day.date()
    elif day is not None and not isinstance(day, dt.date):
        try:
            day = dt.date.fromisoformat(str(day))
        except ValueError:
            raise InputError(
                f"signoff.date ต้องเป็นวันที่ ปปปป-ดด-วว (ค.ศ.) เช่น 2026-03-30 (พบ {day!r})",
                "signoff.date must be an ISO date",
                path=path,
                column="signoff.date",
            ) from None
    return Signoff(str(raw.get("name", "")).strip(), str(raw.get("position", "")).strip(), day)


def signoff_blocks(signoff: Signoff, texts: dict, style: str = "thai") -> list[Paragraph]:
    """'ลงชื่อ ....', '(name)', 'ตำแหน่ง position', 'วันที่ …': dotted lines where a value is not given,
    so the printed document can still be filled in by hand."""
    name = texts["sign_name"].format(name=signoff.name) if signoff.name else texts["sign_2"]
    position = (
        texts["sign_position"].format(position=signoff.position) if signoff.position else texts["sign_3"]
    )
    date = (
        texts["sign_date"].format(date=thai_date(signoff.date, style, full_month=True))
        if signoff.date
        else texts["sign_date_blank"]
    )
    return [
        Paragraph(texts["sign_1"], "sign"),
        Paragraph(name, "sign"),
        Paragraph(digits(position, style), "sign"),
        Paragraph(digits(date, style), "sign"),
    ]
