"""The national view of a fiscal year: how many agencies reached each level, nationally and per province,
each indicator's national and provincial means, and the agencies whose total moved most since the year
before. Over 8,000 agencies, so it is computed once per state of the results and kept in the per-process
cache: the key holds the year and the newest result row's id (saving a result always adds a row, so a
saved result shows at once). Entries live a minute, so results removed with their agency drop out of the
figures within a minute."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import Max

from prongsai.ita.framework import available_years, get_framework
from prongsai.ita.scoring import round_half_up

from ..agencies.selectors import user_is_supervisor
from ..assessments.models import ItaResult
from .charts import hbar_chart

MOVERS = 10  # rises and falls listed


def national_allowed(user) -> bool:
    """Superusers and supervisors (anyone who supervises agencies): aggregates and published results."""
    return user_is_supervisor(user=user)  # the access read with the user: no query of its own


KEEP_SECONDS = 60


def results_state() -> int:
    """What the cache keys depend on: the newest result row's id (one index lookup)."""
    return ItaResult.objects.aggregate(newest=Max("id"))["newest"] or 0


def national_years(state: int) -> list[int]:
    """The years with current results that the engine has rules for, newest first."""
    key = f"prongsai:national-years:{state}"
    years = cache.get(key)
    if years is None:
        found = (
            ItaResult.objects.filter(superseded_at__isnull=True)
            .order_by()
            .values_list("fiscal_year", flat=True)
        )
        years = sorted(set(found.distinct()) & set(available_years()), reverse=True)
        cache.set(key, years, KEEP_SECONDS)
    return years


@dataclass(frozen=True)
class Mover:
    agency_id: int
    name: str
    province: str
    before: Decimal
    now: Decimal

    @property
    def change(self) -> Decimal:
        return self.now - self.before


def _mean(values: list[Decimal]) -> Decimal | None:
    """The standard library's mean, rounded half up to two places as scores are."""
    return round_half_up(statistics.mean(values)) if values else None


def _rows(year: int) -> list[tuple]:
    """(agency id, name, province, total, level, indicators) of the year's current results: plain SQL, one
    statement (the ORM's model instances for 8,000 rows would cost more than the figures)."""
    q = connection.ops.quote_name
    results, agencies = (
        ItaResult._meta.db_table,
        ItaResult._meta.get_field("agency").related_model._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.agency_id, a.name, a.province, r.total, r.level, r.indicators FROM {q(results)} r"
            f" JOIN {q(agencies)} a ON a.id = r.agency_id WHERE r.fiscal_year = %s AND r.superseded_at IS NULL",
            [year],
        )
        rows = cursor.fetchall()
    field = ItaResult._meta.get_field("indicators")
    return [(a, n, p, Decimal(t), lv, field.from_db_value(i, None, connection)) for a, n, p, t, lv, i in rows]


def national_summary(*, year: int, state: int | None = None) -> dict:
    """The year's national figures, from the cache when the results have not changed since."""
    key = f"prongsai:national:{year}:{results_state() if state is None else state}"
    found = cache.get(key)
    if found is None:
        found = _summary(year)
        cache.set(key, found, KEEP_SECONDS)
    return found


def _summary(year: int) -> dict:
    fw = get_framework(year)
    levels = [r.label for r in fw.levels.rules]
    rows = _rows(year)
    previous = {a: t for a, _n, _p, t, _lv, _i in _rows(year - 1)} if year - 1 in available_years() else {}
    numbers = [i.number for i in fw.indicators]
    national_counts = {lv: 0 for lv in levels}
    provinces: dict[str, dict] = {}
    by_indicator: dict[int, list[Decimal]] = {n: [] for n in numbers}
    movers = []
    for agency_id, name, province, total, level, indicators in rows:
        national_counts[level] = national_counts.get(level, 0) + 1
        p = provinces.setdefault(
            province,
            {"province": province, "totals": [], "counts": {lv: 0 for lv in levels}, "indicators": {}},
        )
        p["totals"].append(total)
        p["counts"][level] = p["counts"].get(level, 0) + 1
        for n in numbers:
            value = (indicators or {}).get(str(n))
            if value not in (None, ""):
                value = Decimal(str(value))
                by_indicator[n].append(value)
                p["indicators"].setdefault(n, []).append(value)
        if agency_id in previous:
            movers.append(Mover(agency_id, name, province, previous[agency_id], total))
    totals = [r[3] for r in rows]
    pass_mark = fw.pass_mark
    province_rows = []
    for p in sorted(provinces.values(), key=lambda p: p["province"]):
        n = len(p["totals"])
        province_rows.append(
            {
                "province": p["province"],
                "agencies": n,
                "mean": _mean(p["totals"]),
                "counts": [p["counts"].get(lv, 0) for lv in levels],
                "passing": round_half_up(Decimal(100) * sum(1 for t in p["totals"] if t >= pass_mark) / n, 1),
                "indicators": {k: _mean(v) for k, v in p["indicators"].items()},
            }
        )
    movers.sort(key=lambda m: (m.change, m.name))
    count = len(rows)
    return {
        "year": year,
        "framework": fw,
        "agencies": count,
        "levels": [
            (
                lv,
                national_counts.get(lv, 0),
                round_half_up(Decimal(100) * national_counts.get(lv, 0) / count, 1),
            )
            for lv in levels
        ]
        if count
        else [],
        "mean": _mean(totals),
        "median": round_half_up(statistics.median(totals)) if totals else None,
        "provinces": province_rows,
        "indicators": [(i.number, i.name_th, i.tool, _mean(by_indicator[i.number])) for i in fw.indicators],
        "rises": [m for m in reversed(movers[-MOVERS:]) if m.change > 0],
        "falls": [m for m in movers[:MOVERS] if m.change < 0],
        "previous_year": year - 1 if previous else None,
        "level_chart": _level_chart(levels, national_counts) if count else None,
    }


def _level_chart(levels: list[str], counts: dict[str, int]) -> dict:
    """Agencies per level as bars, each labelled with its count."""
    chart = hbar_chart(
        [(lv, Decimal(counts.get(lv, 0)), "bar") for lv in levels],
        maximum=Decimal(max(counts.values()) or 1),
        label_width=170,
    )
    chart["bars"] = [replace(b, text=f"{int(b.value):,}") for b in chart["bars"]]
    return chart


def province_table(summary: dict) -> list[list]:
    """The per-province table as rows for the CSV/XLSX export (headers first)."""
    levels = [lv for lv, _n, _s in summary["levels"]]
    head = ["จังหวัด", "จำนวนหน่วยงาน", "คะแนนรวมเฉลี่ย", *levels, "ร้อยละที่ผ่านเกณฑ์"]
    head += [f"ตัวชี้วัดที่ {n} (เฉลี่ย)" for n, _name, _tool, _mean in summary["indicators"]]
    out = [head]
    for p in summary["provinces"]:
        out.append(
            [p["province"], p["agencies"], p["mean"], *p["counts"], p["passing"]]
            + [p["indicators"].get(n) for n, _name, _tool, _m in summary["indicators"]]
        )
    return out
