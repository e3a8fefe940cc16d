"""Reading ITA inputs: per-agency TOML files and batch CSV/XLSX tables, with located Thai-first errors."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..records import AgencyYear
from .agency_file import read_agency_file
from .table import read_table

__all__ = ["read_records", "read_agency_file", "read_table"]


def read_records(path: str | Path, *, row_errors: list[InputError] | None = None) -> list[AgencyYear]:
    """Every agency-year in a file; the format follows the extension (.toml, .csv, .xlsx).
    With `row_errors`, a table's bad rows are collected there instead of refusing the file."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"ไม่พบไฟล์ {path}", "file not found", path=str(path))
    suffix = path.suffix.lower()
    if suffix == ".toml":
        return [read_agency_file(path)]
    if suffix in (".csv", ".xlsx", ".txt", ".tsv"):
        return read_table(path, row_errors=row_errors)
    raise InputError(
        f"ไม่รู้จักชนิดไฟล์ {suffix or '(ไม่มีนามสกุล)'}: ใช้ .toml, .csv หรือ .xlsx",
        "unknown file type: use .toml, .csv or .xlsx",
        path=str(path),
    )
