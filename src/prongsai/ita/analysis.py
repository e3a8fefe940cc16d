"""Analysis of a scored result: per-indicator rows, tool rows, trend, what-if and the focus with its reasons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from .errors import InputError
from .narrative import band_of, compose, contradictions, load_narratives
from .records import HistoryPoint
from .scoring import HUNDRED, Result
from .whatif import WhatIf, what_if


@dataclass(frozen=True)
class IndicatorRow:
    number: int
    code: str
    name_th: str
    name_en: str
    tool: str
    score: Decimal  # exact
    shown: Decimal  # rounded as published
    passed: bool
    band: str  # full / excellent / pass / fail
    rank: int  # 1 = highest score; equal scores share a rank
    previous: Decimal | None
    change: Decimal | None  # from the previous year with indicator scores
    gap_pass: Decimal  # points still needed to reach the pass mark (0 when passed)
    gap_excellent: Decimal  # points still needed to reach the excellent target
    weight_share: Decimal  # share of the total this indicator carries (IIT 0.06, EIT 0.10, OIT 0.20)
    contribution: Decimal  # points of the total it brings (score × weight_share)
    points_per_point: Decimal  # total points one more indicator point buys
    headroom_gain: Decimal  # total points still to win by taking it to 100
    paragraph: str  # the analysis text (Arabic digits)
    paragraph_source: str  # "input" (from the file) or "data" (composed)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ToolRow:
    code: str
    name_th: str
    score: Decimal
    shown: Decimal
    weight: Decimal
    weighted: Decimal
    gap_pass: Decimal
    gap_excellent: Decimal
    previous: Decimal | None
    change: Decimal | None


@dataclass(frozen=True)
class Focus:
    indicators: tuple[int, ...]
    reasons: dict  # indicator number → tuple of Thai reasons (Arabic digits)
    source: str  # "analysis", or "input" when the file chose
    suggested: tuple[
        int, ...
    ] = ()  # what the analysis would choose (equal to indicators when source = analysis)


@dataclass(frozen=True)
class Analysis:
    result: Result
    indicators: tuple[IndicatorRow, ...]
    tools: tuple[ToolRow, ...]
    history: tuple[HistoryPoint, ...]
    whatif: WhatIf
    focus: Focus
    total_change: Decimal | None
    missing: tuple[str, ...] = field(default_factory=tuple)  # what the input lacks, in Thai

    def indicator(self, number: int) -> IndicatorRow:
        return next(r for r in self.indicators if r.number == number)


def _ranks(scores: dict[int, Decimal]) -> dict[int, int]:
    ordered = sorted(scores.values(), reverse=True)
    return {n: ordered.index(s) + 1 for n, s in scores.items()}


def _fmt(v: Decimal) -> str:
    return f"{v:.2f}"


def _pct(v: Decimal) -> str:
    return f"{(v * 100).normalize():f}"


def focus_size() -> tuple[int, int]:
    """(most failing indicators, indicators when none fails) the analysis picks, from the data file."""
    size = load_narratives()["focus_size"]
    return int(size["max_failing"]), int(size["max_passing"])


def _suggest_focus(result: Result, rows: Sequence[IndicatorRow], wi: WhatIf, limit: int) -> tuple[int, ...]:
    """The lowest failing indicators (at most the data file's cap), in their numbers' order; else the
    indicators the level-lifting plan raises most; at the top level, the lowest indicator of the tool
    closest to losing the level."""
    if not rows:
        return ()
    failing = sorted((r for r in rows if not r.passed), key=lambda r: (r.score, r.number))
    if failing:
        return tuple(sorted(r.number for r in failing[: focus_size()[0]]))
    if wi.steps:
        steps = sorted(wi.steps, key=lambda s: (-s.points, s.from_score, s.key))
        return tuple(s.key for s in steps[:limit])
    tool_margin = {m.what: m.margin for m in wi.margins if m.what != "total"}
    if tool_margin:
        # The tool nearest its line first; within it, the lowest indicator (then the biggest possible gain).
        key = lambda r: (tool_margin.get(r.tool, HUNDRED), r.score, -r.headroom_gain, r.number)  # noqa: E731
    else:
        key = lambda r: (-r.headroom_gain, r.score, r.number)  # noqa: E731
    candidates = [r for r in rows if r.score < HUNDRED] or list(rows)
    return tuple(r.number for r in sorted(candidates, key=key)[:limit])


def _reasons(result: Result, rows: Sequence[IndicatorRow], wi: WhatIf, number: int) -> tuple[str, ...]:
    """Every reason that holds for this indicator, from the data file's templates."""
    t = load_narratives()["focus"]
    fw = result.framework
    row = next(r for r in rows if r.number == number)
    tool = result.tool(row.tool)
    v = {
        "score": _fmt(row.shown),
        "pass_mark": f"{fw.pass_mark.normalize():f}",
        "tool": row.tool,
        "tool_score": _fmt(result.rounded(tool.score)),
        "share": _fmt(row.points_per_point),  # 0.06, 0.10, 0.20: points of the total, as printed
        "share_pct": _pct(row.weight_share),
        "headroom": _fmt(HUNDRED - row.score),
        "gain": _fmt(row.headroom_gain),
        "level": result.level.label,
        "target": wi.target or "",
        "count": len(rows),
        "gap": _fmt(row.gap_pass.quantize(Decimal("0.01"), rounding=ROUND_CEILING)),
    }
    out = []
    if not row.passed:
        out.append(t["failing"].format(**v))
    lowest = min(r.score for r in rows)
    said_score = "_failing" if not row.passed else ""  # the failing reason has given the score already
    if row.score == lowest:
        out.append(t["lowest" + said_score].format(**v))
    elif row.score == min(r.score for r in rows if r.tool == row.tool):
        out.append(t["lowest_in_tool" + said_score].format(**v))
    if wi.target:
        step = next((s for s in wi.steps if s.key == number), None)
        rule = fw.levels.rules[[r.label for r in fw.levels.rules].index(wi.target)]
        if rule.min_each_tool is not None and result.rounded(tool.score) < rule.min_each_tool:
            out.append(t["blocks_level"].format(**v, threshold=f"{rule.min_each_tool.normalize():f}"))
        if step:
            from_score = _fmt(result.rounded(step.from_score))
            out.append(t["plan"].format(**v, from_score=from_score, to_score=_fmt(step.to_score)))
    tool_scores = {x.code: x.score for x in result.tools}
    if len(set(tool_scores.values())) > 1 and tool.score == min(tool_scores.values()):
        out.append(t["lowest_tool"].format(**v))
    margins = [m for m in wi.margins if m.what != "total"]
    if margins:
        closest = min(margins, key=lambda m: m.margin)
        if closest.what == row.tool and sum(m.margin == closest.margin for m in margins) == 1:
            out.append(
                t["closest_tool"].format(
                    **v, threshold=f"{closest.threshold.normalize():f}", margin=_fmt(closest.margin)
                )
            )
    out.append(t["weight"].format(**v))
    if row.headroom_gain > 0 and row.headroom_gain == max(r.headroom_gain for r in rows):
        out.append(t["headroom"].format(**v))
    floor = wi.floors.get(number)
    # "Below x it loses the level" is said of a passing indicator only: a failing one is to be raised.
    if floor is not None and row.passed:
        out.append(t["floor"].format(**v, floor=_fmt(floor)))
    return tuple(out)


def analyse(
    result: Result,
    history: Sequence[HistoryPoint] = (),
    *,
    overrides: dict | None = None,
    focus: Sequence[int] | None = None,
    focus_limit: int | None = None,
) -> Analysis:
    """Analyse a scored result. `overrides` maps indicator numbers (or "i8" keys) to the agency's own
    paragraphs; `focus` is the agency's own choice of indicators (the analysis still records its own)."""
    fw = result.framework
    earlier = [h for h in history if h.fiscal_year < result.fiscal_year]
    prev = earlier[-1] if earlier else None
    prev_ind = next((h for h in reversed(earlier) if h.result and h.result.indicators), None)
    prev_tools = next((h for h in reversed(earlier) if h.result), None)
    over = {}
    for k, text in (overrides or {}).items():
        key = str(k).strip().lower().removeprefix("i")
        if not key.isdigit():  # the file reader refuses these with their line; other callers get this
            raise InputError(
                f"[analysis] ใช้ชื่อ i1 … i{len(fw.indicators)} ตามเลขตัวชี้วัด (พบ {k!r})",
                "analysis keys are indicator numbers",
                column=f"analysis.{k}",
            )
        over[int(key)] = str(text).strip()
    ranks = _ranks({i.number: i.score for i in result.indicators})
    rows = []
    for i in result.indicators:
        tool = fw.tool(i.tool)
        share = tool.weight / len(tool.indicators)
        previous = None
        if prev_ind:
            previous = next(p.score for p in prev_ind.result.indicators if p.number == i.number)
        change = i.score - previous if previous is not None else None
        if i.number in over:
            paragraph, source = over[i.number], "input"
            warns = tuple(
                f"ตัวชี้วัดที่ {i.number}: ข้อความวิเคราะห์ที่ระบุมีคำว่า “{w}” ซึ่งขัดกับคะแนน {_fmt(result.rounded(i.score))}"
                for w in contradictions(fw, paragraph, i.score)
            )
        else:
            # The trend is read from the published (rounded) scores, the numbers the paragraph prints:
            # 85.004 after 84.996 is "the same 85.00", not "up 0.01".
            paragraph = compose(
                fw,
                code=i.code,
                score=i.score,
                change=result.rounded(i.score) - result.rounded(previous) if previous is not None else None,
                previous=result.rounded(previous) if previous is not None else None,
                previous_year=prev_ind.fiscal_year if prev_ind else None,
            )
            source, warns = "data", ()
        rows.append(
            IndicatorRow(
                number=i.number,
                code=i.code,
                name_th=i.name_th,
                name_en=i.name_en,
                tool=i.tool,
                score=i.score,
                shown=result.rounded(i.score),
                passed=i.passed,
                band=band_of(fw, i.score),
                rank=ranks[i.number],
                previous=previous,
                change=change,
                gap_pass=max(fw.pass_mark - i.score, Decimal(0)),
                gap_excellent=max(fw.excellent - i.score, Decimal(0)),
                weight_share=share,
                contribution=i.score * share,
                points_per_point=share,
                headroom_gain=(HUNDRED - i.score) * share,
                paragraph=paragraph,
                paragraph_source=source,
                warnings=warns,
            )
        )
    tools = []
    for t in result.tools:
        previous = prev_tools.result.tool(t.code).score if prev_tools else None
        tools.append(
            ToolRow(
                t.code,
                fw.tool(t.code).name_th,
                t.score,
                result.rounded(t.score),
                t.weight,
                t.weighted,
                max(fw.pass_mark - t.score, Decimal(0)),
                max(fw.excellent - t.score, Decimal(0)),
                previous,
                t.score - previous if previous is not None else None,
            )
        )
    wi = what_if(result)
    limit = focus_limit if focus_limit is not None else focus_size()[1]
    suggested = _suggest_focus(result, rows, wi, limit)
    chosen = tuple(int(n) for n in focus) if focus else suggested
    known = {r.number for r in rows}
    # Each reason is given once: the weight of IIT, said for indicator 2, is not said again for 4 and 5.
    reasons, said = {}, set()
    for n in dict.fromkeys((*chosen, *suggested)):
        if n in known:
            reasons[n] = tuple(x for x in _reasons(result, rows, wi, n) if x not in said)
            said.update(reasons[n])
    missing = []
    if not earlier:
        missing.append("ผลการประเมินของปีก่อนหน้าไม่มีในข้อมูลนำเข้า")
    if not rows:
        missing.append("คะแนนรายตัวชี้วัดไม่มีในข้อมูลนำเข้า (มีเฉพาะคะแนนรายเครื่องมือ)")
    return Analysis(
        result=result,
        indicators=tuple(rows),
        tools=tuple(tools),
        history=tuple(earlier),
        whatif=wi,
        focus=Focus(chosen, reasons, "input" if focus else "analysis", suggested),
        total_change=result.total - prev.total if prev else None,
        missing=tuple(missing),
    )
