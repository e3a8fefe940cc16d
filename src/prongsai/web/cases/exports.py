"""The case queue and the monthly statistics as CSV or XLSX, as OIT evidence: what came in, who holds
it, when it was due and answered. No names or contacts of the people who wrote, never the confidential channel."""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from prongsai.textclean import text_clean

from .rules import kinds, statuses

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
QUEUE_HEADERS = [
    "เลขติดตามเรื่อง",
    "ประเภท",
    "เรื่อง",
    "บริการ",
    "กอง/สำนัก",
    "สถานะ",
    "วันที่รับ",
    "ตอบภายใน",
    "ตอบครั้งแรก",
    "เกินกำหนด",
]
STATS_HEADERS = [
    "เดือน",
    "บริการ/ประเภท",
    "จำนวนเรื่อง",
    "ตอบแล้ว",
    "มัธยฐานเวลาตอบ (วันทำการ)",
    "ร้อยละตอบทันกำหนด",
    "ความพึงพอใจ (เต็ม 5)",
    "จำนวนผู้ให้คะแนน",
]


def _day(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return f"{value:%d/%m}/{value.year + 543}"


def queue_rows(cases) -> list[list]:
    names = {code: s["name_th"] for code, s in statuses().items()}
    kind_names = {code: k["name_th"] for code, k in kinds().items()}
    today = timezone.localdate()
    return [QUEUE_HEADERS] + [
        [
            c.tracking_no,
            kind_names.get(c.kind, c.kind),
            c.subject,
            c.service.name_th if c.service else "",
            c.division.name if c.division else "",
            names.get(c.status, c.status),
            _day(c.created_at),
            _day(c.due_date),
            _day(c.first_answered_at),
            "ใช่" if c.first_answered_at is None and c.due_date < today else "",
        ]
        for c in cases
    ]


def stats_rows(stats) -> list[list]:
    return [STATS_HEADERS] + [
        [
            r.month,
            r.label,
            r.count,
            r.answered,
            "" if r.median_days is None else float(r.median_days),
            "" if r.within_deadline is None else round(r.within_deadline * 100, 1),
            "" if r.satisfaction is None else round(r.satisfaction, 2),
            r.ratings,
        ]
        for r in stats
    ]


def table_file(rows: list[list], *, fmt: str, title: str) -> bytes:
    """CSV (UTF-8 with a BOM, so Excel reads Thai) or XLSX; control characters are stripped from text."""
    rows = [[text_clean(v) if isinstance(v, str) else v for v in r] for r in rows]
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for r in rows:
        sheet.append(r)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
