"""The case queue and the monthly statistics as CSV or XLSX, as OIT evidence: what came in, who holds
it, when it was due and answered. No names or contacts of the people who wrote, never the confidential channel."""

from __future__ import annotations

from django.utils import timezone

from ..spreadsheets import CONTENT_TYPES, table_file
from .rules import kinds, statuses

__all__ = ["CONTENT_TYPES", "queue_rows", "stats_rows", "table_file"]

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
