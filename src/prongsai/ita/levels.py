"""Level rules: pick the level from data-defined conditions and say which condition decided it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .framework import Framework, LevelRule
    from .scoring import ToolScore


@dataclass(frozen=True)
class LevelDecision:
    label: str
    label_en: str
    confidence: str
    reason_th: str
    reason_en: str
    failed_above: tuple[str, ...]  # the conditions of the next level up that were not met


def _fmt(d: Decimal) -> str:
    return f"{d:.2f}"


def _failures(rule: LevelRule, total: Decimal, tools: dict[str, Decimal]) -> list[str]:
    out = []
    if total < rule.min_total:
        out.append(f"คะแนนรวม {_fmt(total)} < {rule.min_total}")
    if rule.min_each_tool is not None:
        out += [
            f"{code} {_fmt(v)} < {rule.min_each_tool}" for code, v in tools.items() if v < rule.min_each_tool
        ]
    return out


def decide_level(fw: Framework, total: Decimal, tools: tuple[ToolScore, ...]) -> LevelDecision:
    """The first rule (highest level) whose conditions all hold; tools compared at published precision."""
    q = Decimal(1).scaleb(-fw.decimals)
    tool_values = {t.code: t.score.quantize(q, rounding=ROUND_HALF_UP) for t in tools}
    rules = fw.levels.rules
    for k, rule in enumerate(rules):
        if _failures(rule, total, tool_values):
            continue
        met = [f"คะแนนรวม {_fmt(total)} ≥ {rule.min_total}"]
        if rule.min_each_tool is not None:
            met.append(f"ทุกเครื่องมือ ≥ {rule.min_each_tool}")
        if k == 0:
            th = f"{' และ '.join(met)} → {rule.label}"
            en = f"{' and '.join(m.replace('คะแนนรวม', 'total').replace('ทุกเครื่องมือ', 'every tool') for m in met)}"
            return LevelDecision(
                rule.label, rule.label_en, rule.rule.confidence, th, f"{en} → {rule.label_en}", ()
            )
        above = rules[k - 1]
        failed = _failures(above, total, tool_values)
        th = f"{', '.join(failed)} → {rule.label} ไม่ใช่ {above.label}"
        en_failed = ", ".join(f.replace("คะแนนรวม", "total") for f in failed)
        en = f"{en_failed} → {rule.label_en}, not {above.label_en}"
        return LevelDecision(rule.label, rule.label_en, rule.rule.confidence, th, en, tuple(failed))
    raise AssertionError("the framework loader guarantees a catch-all level")
