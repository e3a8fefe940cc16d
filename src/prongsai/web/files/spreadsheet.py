"""Cells for exported CSV and XLSX files: text a person typed is never read as a formula by a
spreadsheet (CSV/formula injection), and XLSX gets only characters XML can carry."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from prongsai.textclean import text_clean

# A cell starting with one of these is a formula (or a DDE call) to Excel, LibreOffice and Sheets.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A CSV value: text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def xlsx_append(sheet: Worksheet, row: list) -> None:
    """Append a row; strings stay strings (openpyxl would store "=…" as a formula) and are XML-clean."""
    sheet.append([text_clean(v) if isinstance(v, str) else v for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
