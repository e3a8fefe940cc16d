"""Template files for importing results: one row for the agency, Thai headers the importer reads
(หน่วยงาน, รหัสหน่วยงาน, ปีงบประมาณ, ตัวชี้วัดที่ 1 … n of the year's framework), as CSV or XLSX."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from prongsai.ita.framework import get_framework

from ..agencies.models import Agency

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def template_rows(*, agency: Agency, fiscal_year: int) -> list[list[str]]:
    fw = get_framework(fiscal_year)
    headers = ["หน่วยงาน", "รหัสหน่วยงาน", "ปีงบประมาณ", *(f"ตัวชี้วัดที่ {i.number}" for i in fw.indicators)]
    row = [agency.name, agency.dla_code or "", str(fiscal_year), *("" for _ in fw.indicators)]
    return [headers, row]


def template_file(*, agency: Agency, fiscal_year: int, fmt: str) -> bytes:
    """The template's bytes: CSV in UTF-8 with a BOM (Excel opens Thai correctly), or XLSX."""
    rows = template_rows(agency=agency, fiscal_year=fiscal_year)
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    book = Workbook()
    sheet = book.active
    sheet.title = f"ผลปี {fiscal_year}"
    for r in rows:
        sheet.append(r)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 36
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
