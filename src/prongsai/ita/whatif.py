"""What-if: the smallest indicator improvements that lift a result to the next level, and the margins that keep it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .framework import LevelRule
from .scoring import HUNDRED, Result, score_indicators, score_tools

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Unit:
    """Something whose score an agency can raise: an indicator, or a whole tool when only tools are known."""

    key: int | str  # indicator number, or tool code
    tool: str
    score: Decimal
    share: Decimal  # total points that one point of this unit buys
    tool_share: Decimal  # tool-mean points that one point of this unit buys


@dataclass(frozen=True)
class Step:
    key: int | str
    tool: str
    from_score: Decimal
    to_score: Decimal

    @property
    def points(self) -> Decimal:
        return self.to_score - self.from_score


@dataclass(frozen=True)
class Margin:
    """How far a condition of the current level is above its line (tool or total)."""

    what: str  # tool code or "total"
    value: Decimal  # rounded value as published
    threshold: Decimal
    margin: Decimal


@dataclass(frozen=True)
class WhatIf:
    level: str
    target: str | None  # the next level up; None at the top
    failed: tuple[str, ...]  # conditions of the target that are not met (Thai)
    steps: tuple[Step, ...]  # smallest plan that meets them, verified by re-scoring
    new_total: Decimal | None
    feasible: bool
    margins: tuple[Margin, ...]  # the current level's conditions and how far above them the result is
    floors: dict  # unit key → lowest score (2 decimals) at which, alone, it still holds the level

    @property
    def points(self) -> Decimal:
        return sum((s.points for s in self.steps), Decimal(0))


def units_of(result: Result) -> list[Unit]:
    fw = result.framework
    if result.indicators:
        out = []
        for i in result.indicators:
            tool = fw.tool(i.tool)
            n = Decimal(len(tool.indicators))
            out.append(Unit(i.number, i.tool, i.score, tool.weight / n, 1 / n))
        return out
    return [Unit(t.code, t.code, t.score, t.weight, Decimal(1)) for t in result.tools]


def _half(result: Result) -> Decimal:
    # A published value of x.xx is met by anything that rounds half-up to it.
    return Decimal(5).scaleb(-(result.framework.decimals + 1))


def _rescore(result: Result, scores: dict) -> Result:
    fw = result.framework
    if result.indicators:
        return score_indicators(fw, scores, agency=result.agency)
    return score_tools(fw, scores, agency=result.agency)


def _fill(units: list[Unit], scores: dict, need: Decimal) -> None:
    """Raise the lowest units together ("water-filling") until `need` unit points are added."""
    order = sorted(units, key=lambda u: (scores[u.key], str(u.key)))
    level = None
    for k in range(len(order)):
        group = order[: k + 1]
        cap = scores[order[k + 1].key] if k + 1 < len(order) else HUNDRED
        cost = sum((cap - scores[u.key] for u in group), Decimal(0))
        if cost >= need:
            base = sum((scores[u.key] for u in group), Decimal(0))
            level = ((base + need) / len(group)).quantize(CENT, rounding=ROUND_CEILING)
            break
    if level is None:
        level = HUNDRED
        group = order
    for u in group:
        scores[u.key] = max(scores[u.key], min(level, HUNDRED))


def _lift(result: Result, rule: LevelRule) -> tuple[dict, bool]:
    units = units_of(result)
    scores = {u.key: u.score for u in units}
    # Aim at the thresholds themselves (95.00, not 94.995): the plan reads plainly and still holds.
    if rule.min_each_tool is not None:
        for tool in result.framework.tools:
            members = [u for u in units if u.tool == tool.code]
            mean = sum((scores[u.key] * u.tool_share for u in members), Decimal(0))
            need = (rule.min_each_tool - mean) / members[0].tool_share
            if need > 0:
                _fill(members, scores, need)
    total = sum((scores[u.key] * u.share for u in units), Decimal(0))
    need_total = rule.min_total - total
    # The cheapest total points come from the units that weigh most; among equals, the lowest first.
    for u in sorted(units, key=lambda u: (-u.share, scores[u.key], str(u.key))):
        if need_total <= 0:
            break
        add = min(HUNDRED - scores[u.key], (need_total / u.share).quantize(CENT, rounding=ROUND_CEILING))
        scores[u.key] += add
        need_total -= add * u.share
    # A failing unit that the plan raises is raised at least to the pass mark: a plan that leaves it at
    # 84.95 would ask for work and still leave it failing.
    pass_mark = result.framework.pass_mark
    for u in units:
        if u.score < pass_mark and u.score < scores[u.key] < pass_mark:
            scores[u.key] = pass_mark
    for _ in range(5):  # rounding edges: verify with the engine itself, nudge by a cent if needed
        if _rescore(result, scores).level.label == rule.label:
            return scores, True
        raisable = [u for u in units if scores[u.key] < HUNDRED]
        if not raisable:
            break
        u = max(raisable, key=lambda u: u.share)
        scores[u.key] = min(HUNDRED, scores[u.key] + CENT)
    return scores, _rescore(result, scores).level.label == rule.label


def _margins(result: Result, rule: LevelRule) -> tuple[tuple[Margin, ...], dict]:
    units = units_of(result)
    half = _half(result)
    exact_total = sum((t.weighted for t in result.tools), Decimal(0))
    margins = [Margin("total", result.total, rule.min_total, result.total - rule.min_total)]
    slack_total = exact_total - (rule.min_total - half)
    tool_slack = {}
    for t in result.tools:
        if rule.min_each_tool is not None:
            shown = result.rounded(t.score)
            margins.append(Margin(t.code, shown, rule.min_each_tool, shown - rule.min_each_tool))
            tool_slack[t.code] = t.score - (rule.min_each_tool - half)
    floors = {}
    for u in units:
        drop = slack_total / u.share
        if u.tool in tool_slack:
            drop = min(drop, tool_slack[u.tool] / u.tool_share)
        # The lowest published (2-decimal) score that still holds the level: the exact limit rounded up,
        # so that "below {floor}" is true of every score that loses the level (86.715 → 86.72, not 86.71).
        floor = (u.score - drop).quantize(CENT, rounding=ROUND_CEILING)
        floors[u.key] = floor if floor > 0 else None  # None: it could fall to 0 and the level would hold
    return tuple(margins), floors


def what_if(result: Result) -> WhatIf:
    rules = result.framework.levels.rules
    k = next(i for i, r in enumerate(rules) if r.label == result.level.label)
    margins, floors = _margins(result, rules[k]) if k < len(rules) - 1 else ((), {})
    if k == 0:
        return WhatIf(result.level.label, None, (), (), None, True, margins, floors)
    target = rules[k - 1]
    scores, feasible = _lift(result, target)
    steps = tuple(
        Step(u.key, u.tool, u.score, scores[u.key]) for u in units_of(result) if scores[u.key] != u.score
    )
    new_total = _rescore(result, scores).total
    return WhatIf(
        result.level.label,
        target.label,
        result.level.failed_above,
        steps,
        new_total,
        feasible,
        margins,
        floors,
    )


@dataclass(frozen=True)
class Projection:
    """The result as it would be with some scores typed in by the officer (the rest as assessed)."""

    current: Result
    projected: Result
    changed: dict  # unit key → (from, to) for the units whose score was typed differently

    @property
    def total_change(self) -> Decimal:
        return self.projected.total - self.current.total

    @property
    def level_changed(self) -> bool:
        return self.projected.level.label != self.current.level.label


def project(result: Result, targets: dict) -> Projection:
    """Re-score `result` with `targets` (indicator number, or tool code when only tools are known → score
    0–100) in place of its own scores, by the year's weights and level rules: the total, every tool and
    the level with its reason. Keys the result does not have raise KeyError."""
    units = {u.key: u for u in units_of(result)}
    unknown = [k for k in targets if k not in units]
    if unknown:
        raise KeyError(unknown[0])
    scores = {key: u.score for key, u in units.items()}
    changed = {}
    for key, value in targets.items():
        value = Decimal(value)
        if value != units[key].score:
            changed[key] = (units[key].score, value)
        scores[key] = value
    return Projection(result, _rescore(result, scores), changed)
