"""Measures and progress as tables (CSV with a BOM for Excel, XLSX with two sheets)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from ..files.spreadsheet import csv_cell, xlsx_append
from .rules import rules
from .selectors import MeasureView

ACTIVITY_COLUMNS = [
    "fiscal_year",
    "measure_id",
    "measure",
    "indicators",
    "measure_progress",
    "activity_id",
    "activity",
    "methods",
    "start",
    "end",
    "divisions",
    "responsible_person",
    "budget",
    "no_budget",
    "kpi",
    "target",
    "unit",
    "weight",
    "status",
    "status_th",
    "percent",
    "last_update",
    "overdue",
    "stalled",
]
UPDATE_COLUMNS = [
    "fiscal_year",
    "measure_id",
    "measure",
    "activity_id",
    "activity",
    "date",
    "status",
    "status_th",
    "percent",
    "narrative",
    "evidence",
]


def _s(v) -> str:
    return "" if v is None else str(v)


def activity_rows(views: list[MeasureView]) -> list[list[str]]:
    rows = []
    for mv in views:
        m = mv.measure
        for a in mv.activities:
            x = a.activity
            rows.append(
                [
                    _s(m.fiscal_year),
                    _s(m.pk),
                    m.title,
                    " ".join(map(str, m.indicators)),
                    _s(mv.progress_shown),
                    _s(x.pk),
                    x.name,
                    "\n".join(f"{k}. {t}" for k, t in enumerate(x.methods, 1)),
                    _s(x.start),
                    _s(x.end),
                    "; ".join(a.division_names),
                    x.responsible_person,
                    _s(x.budget),
                    "1" if x.no_budget else "0",
                    x.kpi,
                    x.target,
                    x.unit,
                    _s(x.weight),
                    _s(a.status),
                    a.status_th,
                    _s(a.latest.percent if a.latest else None),
                    _s(a.latest.date if a.latest else None),
                    "1" if a.flags.overdue else "0",
                    "1" if a.flags.stalled else "0",
                ]
            )
    return rows


def update_rows(views: list[MeasureView]) -> list[list[str]]:
    r = rules()
    rows = []
    for mv in views:
        for a in mv.activities:
            for u in reversed(a.updates):
                evidence = "; ".join(e.link or e.title for e in u.evidence.all())
                rows.append(
                    [
                        _s(mv.measure.fiscal_year),
                        _s(mv.measure.pk),
                        mv.measure.title,
                        _s(a.activity.pk),
                        a.activity.name,
                        _s(u.date),
                        u.status,
                        r.status(u.status).th,
                        _s(u.percent),
                        u.narrative,
                        evidence,
                    ]
                )
    return rows


def to_csv(columns: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    w.writerows([csv_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# The tables by name (the CSV's `table` parameter and the XLSX's sheets); no other name is accepted.
TABLES = {"activities": (ACTIVITY_COLUMNS, activity_rows), "progress": (UPDATE_COLUMNS, update_rows)}
DEFAULT_TABLE = "activities"


def to_xlsx(views: list[MeasureView]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, (columns, rows) in TABLES.items():
        sheet = wb.create_sheet(name)
        sheet.append(columns)
        for row in rows(views):
            xlsx_append(sheet, row)  # a row stored before control characters were cleaned still exports
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
