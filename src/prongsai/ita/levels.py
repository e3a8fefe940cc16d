"""Level rules: pick the level from data-defined conditions and say which condition decided it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .framework import CONFIDENCES
from .narrative import and_list, spaced

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


@cache
def wording() -> dict:
    with open(Path(__file__).parent / "narratives" / "levels.toml", "rb") as f:
        return tomllib.load(f)


def confidence_th(confidence: str) -> str:
    """A rule's confidence as an officer reads it ("ยังไม่ได้ยืนยันกับประกาศของสำนักงาน ป.ป.ช.")."""
    return wording()["confidence_th"].get(confidence, confidence)


def _and(items: list[str], lang: str) -> str:
    if lang == "th":
        return and_list(items)
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def _failures(rule: LevelRule, total: Decimal, tools: dict[str, Decimal], lang: str = "th") -> list[str]:
    w = wording()[lang]
    out = []
    if total < rule.min_total:
        out.append(w["total_below"].format(value=_fmt(total), threshold=rule.min_total))
    if rule.min_each_tool is not None:
        below = [
            w["tool_item"].format(tool=c, value=_fmt(v)) for c, v in tools.items() if v < rule.min_each_tool
        ]
        if below:
            out.append(w["tools_below"].format(tools=_and(below, lang), threshold=rule.min_each_tool))
    return out


def _first_met(rules: tuple[LevelRule, ...], total: Decimal, tools: dict[str, Decimal]) -> int:
    return next(k for k, rule in enumerate(rules) if not _failures(rule, total, tools))


def _explain(rules: tuple[LevelRule, ...], k: int, total: Decimal, tools: dict[str, Decimal]):
    rule = rules[k]
    out = {}
    for lang in ("th", "en"):
        w = wording()[lang]
        label = spaced(rule.label) if lang == "th" else rule.label_en
        if k == 0:
            met = [w["total_met"].format(value=_fmt(total), threshold=rule.min_total)]
            if rule.min_each_tool is not None:
                met.append(w["tools_met"].format(threshold=rule.min_each_tool))
            out[lang] = w["top"].format(conditions=_and(met, lang), level=label)
        else:
            above = rules[k - 1]
            failed = _failures(above, total, tools, lang)
            out[lang] = w["below"].format(
                conditions=w["also"].join(failed),
                level=label,
                above=spaced(above.label) if lang == "th" else above.label_en,
            )
    failed = tuple(_failures(rules[k - 1], total, tools)) if k else ()
    return out["th"], out["en"], failed


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
            conf = comparison.rule.confidence
            for lang in ("th", "en"):
                w = wording()[lang]
                shown = _and(
                    [
                        w["shown"].format(tool=c, exact=_fmt(exact[c]), rounded=_fmt(rounded[c]))
                        for c in exact
                        if exact[c] != rounded[c]
                    ],
                    lang,
                )
                how = w["rounded"].format(decimals=fw.decimals) if used is rounded else w["exact"]
                note = w["decided_by"].format(
                    how=how, shown=shown, confidence=confidence_th(conf) if lang == "th" else conf
                )
                if lang == "th":
                    th += note
                else:
                    en += note
            confidence = max(confidence, conf, key=CONFIDENCES.index)
    return LevelDecision(rules[k].label, rules[k].label_en, confidence, th, en, failed)
