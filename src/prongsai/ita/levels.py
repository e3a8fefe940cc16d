"""Level rules: pick the level from data-defined conditions and say which condition decided it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .framework import CONFIDENCE_TH, CONFIDENCES

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
    """2 decimals, as scores are published; an unrounded score keeps the digits that matter (94.995)."""
    if d == d.quantize(Decimal("0.01")):
        return f"{d:.2f}"
    cut = d.quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
    return f"{cut.normalize():f}" + ("…" if cut != d else "")


def _failures(rule: LevelRule, total: Decimal, tools: dict[str, Decimal]) -> list[str]:
    out = []
    if total < rule.min_total:
        out.append(f"คะแนนรวม {_fmt(total)} < {rule.min_total}")
    if rule.min_each_tool is not None:
        out += [
            f"{code} {_fmt(v)} < {rule.min_each_tool}" for code, v in tools.items() if v < rule.min_each_tool
        ]
    return out


def _first_met(rules: tuple[LevelRule, ...], total: Decimal, tools: dict[str, Decimal]) -> int:
    return next(k for k, rule in enumerate(rules) if not _failures(rule, total, tools))


def _explain(rules: tuple[LevelRule, ...], k: int, total: Decimal, tools: dict[str, Decimal]):
    rule = rules[k]
    if k == 0:
        met = [f"คะแนนรวม {_fmt(total)} ≥ {rule.min_total}"]
        if rule.min_each_tool is not None:
            met.append(f"ทุกเครื่องมือ ≥ {rule.min_each_tool}")
        th = f"{' และ '.join(met)} → {rule.label}"
        en = " and ".join(m.replace("คะแนนรวม", "total").replace("ทุกเครื่องมือ", "every tool") for m in met)
        return th, f"{en} → {rule.label_en}", ()
    above = rules[k - 1]
    failed = _failures(above, total, tools)
    th = f"{', '.join(failed)} → {rule.label} ไม่ใช่ {above.label}"
    en_failed = ", ".join(f.replace("คะแนนรวม", "total") for f in failed)
    return th, f"{en_failed} → {rule.label_en}, not {above.label_en}", tuple(failed)


def decide_level(fw: Framework, total: Decimal, tools: tuple[ToolScore, ...]) -> LevelDecision:
    """The first rule (highest level) whose conditions all hold.

    The total is the published (rounded) total. Tool scores meet `min_each_tool` as the framework's
    `levels.tool_scores.compare` says: "rounded" (as published) or "exact". That choice is itself a rule
    with a confidence: when it decides the level, the decision carries the weaker confidence and says so.
    """
    q = Decimal(1).scaleb(-fw.decimals)
    exact = {t.code: t.score for t in tools}
    rounded = {c: v.quantize(q, rounding=ROUND_HALF_UP) for c, v in exact.items()}
    comparison = fw.levels.tool_scores
    used = rounded if comparison and comparison.compare == "rounded" else exact
    rules = fw.levels.rules
    k = _first_met(rules, total, used)
    th, en, failed = _explain(rules, k, total, used)
    confidence = rules[k].rule.confidence
    if comparison is not None:
        other = exact if used is rounded else rounded
        if _first_met(rules, total, other) != k:
            shown = ", ".join(
                f"{c} {_fmt(exact[c])} ≈ {_fmt(rounded[c])}" for c in exact if exact[c] != rounded[c]
            )
            how_th = f"ที่ปัดเป็นทศนิยม {fw.decimals} ตำแหน่ง" if used is rounded else "โดยไม่ปัดเศษ"
            how_en = f"at {fw.decimals} decimals" if used is rounded else "unrounded"
            conf = comparison.rule.confidence
            th += f" (ตัดสินโดยเทียบคะแนนเครื่องมือ{how_th}: {shown}; กฎนี้{CONFIDENCE_TH[conf]} ({conf}))"
            en += f" (decided by comparing tool scores {how_en}: {shown}; rule {conf})"
            confidence = max(confidence, conf, key=CONFIDENCES.index)
    return LevelDecision(rules[k].label, rules[k].label_en, confidence, th, en, failed)
