"""The ITAS answer sheet: per item, in the year's order, code, title, มี/ไม่มี, URL(s) and explanation
(CSV with a BOM for Excel, or XLSX)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from ..files.spreadsheet import csv_cell, xlsx_append
from .selectors import ItemRow, Readiness

COLUMNS = ["code", "title_th", "answer", "urls", "explanation"]
HEADERS_TH = ["ข้อ", "ชื่อข้อ", "คำตอบ (มี/ไม่มี)", "URL", "คำอธิบาย"]


def _explanation(row: ItemRow) -> str:
    if row.explanation:
        return row.explanation
    if row.source == "prongsai" and row.links:
        return f"เผยแพร่บนระบบโปร่งใส: {row.links[0].label}"
    return row.reason_th


def sheet_rows(readiness: Readiness, *, base_url: str) -> list[list[str]]:
    """One row per item; links made absolute with `base_url` (the site's public address)."""
    rows = []
    for r in readiness.rows:
        urls = [link.url if "://" in link.url else base_url + link.url for link in r.links]
        rows.append([r.item.code, r.item.name_th, r.itas_answer, "\n".join(urls), _explanation(r)])
    return rows


SUPERVISOR_HEADERS = ["หน่วยงาน", "ประเภท", "จังหวัด", "ข้อที่พร้อม", "ข้อทั้งหมด", "ร้อยละที่พร้อม", "ข้อที่ยังขาด"]


def supervisor_rows(table) -> list[list]:
    return [
        [
            r.agency.name,
            r.agency.type,
            r.agency.province,
            r.ready,
            len(r.rows),
            float(round(r.share, 2)),
            " ".join(row.item.code for row in r.rows if row.status != "published"),
        ]
        for r in table
    ]


def to_csv(rows: list[list], headers: list[str] = HEADERS_TH) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows([csv_cell(v) for v in row] for row in rows)  # an explanation is never a formula
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list], *, title: str, headers: list[str] = HEADERS_TH) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for row in rows:
        xlsx_append(ws, row)
    for col, width in zip("ABCDE", (8, 50, 14, 60, 60), strict=True):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
