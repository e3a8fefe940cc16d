"""Rows of plain values as a CSV (UTF-8 with a BOM, so Excel reads Thai) or XLSX download body."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from prongsai.textclean import text_clean

from .files.spreadsheet import csv_cell, xlsx_append

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_file(rows: list[list], *, fmt: str, title: str) -> bytes:
    """CSV (UTF-8 with a BOM, so Excel reads Thai) or XLSX; control characters are stripped from text and
    typed text is never a formula (files/spreadsheet.py)."""
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(
            [csv_cell(text_clean(v) if isinstance(v, str) else v) for v in r] for r in rows
        )
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for r in rows:
        xlsx_append(sheet, r)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
