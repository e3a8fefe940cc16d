"""OIT checklist scoring: item pass/fail → sub-indicators → indicators 9 and 10 (FY where items are known)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import InputError
from .framework import Framework

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class OitScores:
    subindicators: dict[str, Decimal]
    indicators: dict[int, Decimal]
    confidence: str


def score_checklist(fw: Framework, checklist: dict[str, bool]) -> OitScores:
    """Every item of the year must be marked passed (True) or failed (False)."""
    if fw.oit is None:
        raise InputError(
            f"ยังไม่มีรายการข้อ OIT ของปี {fw.fiscal_year} ในข้อมูลกฎ", f"no OIT item list for {fw.fiscal_year}"
        )
    if not fw.oit.scorable:
        raise InputError(
            f"ยังไม่ทราบการจัดกลุ่มข้อ OIT ปี {fw.fiscal_year} เป็นตัวชี้วัดย่อย (หรือรายการข้อยังไม่ครบ) "
            "จึงคำนวณคะแนนจากรายการตรวจไม่ได้",
            f"the FY{fw.fiscal_year} OIT items have no known sub-indicator grouping",
        )
    unknown = sorted(set(checklist) - set(fw.oit.item_names))
    if unknown:
        raise InputError(
            f"ไม่มีข้อ {unknown[0]} ใน OIT ปี {fw.fiscal_year}", "unknown OIT item", column=unknown[0]
        )
    missing = [code for code in fw.oit.item_names if code not in checklist]
    if missing:
        raise InputError(
            f"ไม่ได้ระบุผลของข้อ {', '.join(missing)}", "OIT items without a result", column=missing[0]
        )
    subs = {
        s.code: HUNDRED * sum(1 for item in s.items if checklist[item]) / len(s.items)
        for s in fw.oit.subindicators
    }
    indicators: dict[int, list[Decimal]] = {}
    for s in fw.oit.subindicators:
        indicators.setdefault(s.indicator, []).append(subs[s.code])
    means = {n: sum(v, Decimal(0)) / len(v) for n, v in sorted(indicators.items())}
    return OitScores(subs, means, fw.oit.rule.confidence)
