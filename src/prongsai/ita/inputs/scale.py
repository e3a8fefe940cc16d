"""Shared checks of score values read from files: numbers, 0–100, and 0–1 scale detection."""

from __future__ import annotations

from collections.abc import Callable
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
    # No thousands separators are stripped: a score never exceeds 100, and "99,78" (a decimal comma)
    # must be refused rather than read as 9978 or, worse, "1,00" as 100.
    text = arabic_digits(raw).strip() if isinstance(raw, str) else str(raw)
    if text == "":
        raise InputError("ช่องคะแนนว่าง", "empty score", path=path, line=line, column=column)
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or value.is_nan():
        raise InputError(
            f"คะแนนต้องเป็นตัวเลข (พบ {raw!r})", "not a number", path=path, line=line, column=column
        )
    if not value.is_finite() or not 0 <= value <= HUNDRED:
        raise InputError(
            f"คะแนนต้องอยู่ระหว่าง 0 ถึง 100 (พบ {text})",
            "score outside 0–100",
            path=path,
            line=line,
            column=column,
        )
    return value


def _fraction_cells(values: dict[str, Decimal]) -> tuple[list[str], list[str]]:
    """The columns of a row on the 0–1 scale (0 < v ≤ 1) and on the 0–100 scale (v > 1); 0 fits both."""
    fraction = [c for c, v in values.items() if 0 < v <= 1]
    percent = [c for c, v in values.items() if v > 1]
    return fraction, percent


def _mixed(path: str, line_a: int | None, col_a: str, val_a, line_b: int | None, col_b: str, val_b):
    where_b = f"บรรทัด {line_b} " if line_b != line_a else ""
    return InputError(
        f"ไฟล์ปนคะแนนสองแบบ: {col_a} = {val_a} ใช้ช่วง 0–1 แต่ {where_b}{col_b} = {val_b} ใช้ช่วง 0–100 "
        "ให้ใช้ช่วง 0–100 (หรือ 0–1) ทั้งไฟล์",
        "the file mixes a 0–1 scale with 0–100",
        path=path,
        line=line_a,
        column=col_a,
    )


def check_one_scale(
    rows: list[tuple[int | None, dict[str, Decimal]]],
    path: str,
    cell_line: Callable[[int | None, str], int | None] | None = None,
) -> bool:
    """True when the whole file is on the 0–1 scale; refuses a file that mixes 0–1 with 0–100.

    `rows` holds, per row (or TOML table), its line and its scores by column. A row is on the 0–1 scale
    when every non-zero score is at most 1; a row of zeros fits either scale. A score in (0, 1] beside
    one above 1, in the same row or another row of the file, is a mix and is refused.
    `cell_line(row_line, column)` gives a cell's own line where rows span several (TOML tables).
    """
    at = cell_line or (lambda line, _column: line)
    first_fraction = first_percent = None
    for line, values in rows:
        fraction, percent = _fraction_cells(values)
        if fraction and percent:
            f, p = fraction[0], percent[0]
            raise _mixed(path, at(line, f), f, values[f], at(line, p), p, values[p])
        if fraction and first_fraction is None:
            first_fraction = (at(line, fraction[0]), fraction[0], values[fraction[0]])
        if percent and first_percent is None:
            first_percent = (at(line, percent[0]), percent[0], values[percent[0]])
    if first_fraction and first_percent:
        raise _mixed(path, *first_fraction, *first_percent)
    return first_fraction is not None
