"""Shared checks of score values read from files: numbers, 0–100, and 0–1 scale detection."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from ...thai import arabic_digits
from ..errors import InputError

HUNDRED = Decimal(100)


def parse_score(raw: object, *, path: str, line: int | None, column: str) -> Decimal:
    """A score from a cell or a TOML value: a number (Thai digits accepted), 0–100."""
    if isinstance(raw, bool) or raw is None:
        raise InputError(
            f"คะแนนต้องเป็นตัวเลข (พบ {raw!r})", "not a number", path=path, line=line, column=column
        )
    text = arabic_digits(raw).strip().replace(",", "") if isinstance(raw, str) else str(raw)
    if text == "":
        raise InputError("ช่องคะแนนว่าง", "empty score", path=path, line=line, column=column)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InputError(
            f"คะแนนต้องเป็นตัวเลข (พบ {raw!r})", "not a number", path=path, line=line, column=column
        ) from None
    if not value.is_finite() or not 0 <= value <= HUNDRED:
        raise InputError(
            f"คะแนนต้องอยู่ระหว่าง 0 ถึง 100 (พบ {text})",
            "score outside 0–100",
            path=path,
            line=line,
            column=column,
        )
    return value


def is_fraction_row(values: list[Decimal]) -> bool:
    """A row on the 0–1 scale: every score ≤ 1 and at least one above 0."""
    return bool(values) and all(v <= 1 for v in values) and any(v > 0 for v in values)


def check_one_scale(rows: list[tuple[int | None, list[Decimal]]], path: str) -> bool:
    """True when the whole file is on the 0–1 scale; refuses a file that mixes 0–1 with 0–100."""
    kinds = [(line, is_fraction_row(vals)) for line, vals in rows]
    fractions = [line for line, frac in kinds if frac]
    if not fractions:
        return False
    if len(fractions) == len(kinds):
        return True
    percent = next(line for line, frac in kinds if not frac)
    raise InputError(
        f"ไฟล์ปนคะแนนสองแบบ: บรรทัด {fractions[0]} ใช้ช่วง 0–1 แต่บรรทัด {percent} ใช้ช่วง 0–100 ให้ใช้ช่วง 0–100 ทั้งไฟล์",
        "the file mixes a 0–1 scale with 0–100",
        path=path,
        line=fractions[0],
    )
