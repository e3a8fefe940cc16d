"""Scoring: indicator scores → tool scores (raw and weighted) → total → level. Exact Decimal arithmetic."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .errors import InputError
from .framework import Framework, Tool
from .levels import LevelDecision, decide_level

HUNDRED = Decimal(100)


def round_half_up(value: Decimal, decimals: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class IndicatorScore:
    number: int
    code: str
    name_th: str
    name_en: str
    tool: str
    score: Decimal
    passed: bool


@dataclass(frozen=True)
class ToolScore:
    code: str
    score: Decimal  # unrounded mean, or the given tool score
    weight: Decimal

    @property
    def weighted(self) -> Decimal:
        return self.score * self.weight


@dataclass(frozen=True)
class Result:
    """A scored agency-year. `total` is already rounded; tool and indicator scores are exact."""

    framework: Framework
    tools: tuple[ToolScore, ...]
    indicators: tuple[IndicatorScore, ...]  # empty when only tool scores were known
    total: Decimal
    level: LevelDecision
    agency: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year

    def tool(self, code: str) -> ToolScore:
        return next(t for t in self.tools if t.code == code)

    def rounded(self, value: Decimal) -> Decimal:
        return round_half_up(value, self.framework.decimals)


def _check_score(value, field_name: str) -> Decimal:
    if isinstance(value, bool):
        raise InputError(f"คะแนนต้องเป็นตัวเลข (พบ {value!r})", "score must be a number", column=field_name)
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except Exception:
        raise InputError(
            f"คะแนนต้องเป็นตัวเลข (พบ {value!r})", "score must be a number", column=field_name
        ) from None
    if not d.is_finite():
        raise InputError(
            f"คะแนนต้องเป็นตัวเลข (พบ {value!r})", "score must be a finite number", column=field_name
        )
    if not 0 <= d <= HUNDRED:
        raise InputError(f"คะแนนต้องอยู่ระหว่าง 0 ถึง 100 (พบ {d})", "score outside 0–100", column=field_name)
    return d


def _total(fw: Framework, tools: tuple[ToolScore, ...]) -> Decimal:
    return round_half_up(sum((t.weighted for t in tools), Decimal(0)), fw.decimals)


def tool_mean(tool: Tool, indicators: dict[int, Decimal]) -> Decimal:
    """A tool's score: the plain mean of its indicators' scores (exact)."""
    return sum((indicators[n] for n in tool.indicators), Decimal(0)) / len(tool.indicators)


def score_indicators(fw: Framework, scores: dict[int, object], *, agency: str = "") -> Result:
    """Score ten (or the framework's number of) indicator scores, keyed by indicator number."""
    expected = {i.number for i in fw.indicators}
    missing = sorted(expected - set(scores))
    if missing:
        raise InputError(
            f"ไม่มีคะแนนตัวชี้วัดที่ {', '.join(map(str, missing))}",
            f"missing indicator(s) {missing}",
            column=f"i{missing[0]}",
        )
    extra = sorted(set(scores) - expected)
    if extra:
        raise InputError(
            f"ไม่มีตัวชี้วัดที่ {extra[0]} ในปี {fw.fiscal_year}", "unknown indicator", column=f"i{extra[0]}"
        )
    values = {n: _check_score(scores[n], f"i{n}") for n in sorted(expected)}
    indicators = tuple(
        IndicatorScore(
            i.number, i.code, i.name_th, i.name_en, i.tool, values[i.number], values[i.number] >= fw.pass_mark
        )
        for i in fw.indicators
    )
    tools = tuple(ToolScore(t.code, tool_mean(t, values), t.weight) for t in fw.tools)
    total = _total(fw, tools)
    return Result(fw, tools, indicators, total, decide_level(fw, total, tools), agency)


def score_tools(fw: Framework, scores: dict[str, object], *, agency: str = "") -> Result:
    """Score from the three tool scores alone (when that is all an agency has)."""
    codes = [t.code for t in fw.tools]
    missing = [c for c in codes if c not in scores]
    if missing:
        raise InputError(
            f"ไม่มีคะแนนเครื่องมือ {', '.join(missing)}", "missing tool score", column=missing[0].lower()
        )
    unknown = [c for c in scores if c not in codes]
    if unknown:
        raise InputError(f"ไม่รู้จักเครื่องมือ {unknown[0]}", "unknown tool", column=unknown[0])
    tools = tuple(ToolScore(t.code, _check_score(scores[t.code], t.code.lower()), t.weight) for t in fw.tools)
    total = _total(fw, tools)
    return Result(fw, tools, (), total, decide_level(fw, total, tools), agency)


def check_given_tools(result: Result, given: dict[str, object], tolerance: Decimal = Decimal("0.01")) -> None:
    """Given (published) tool scores must agree with the indicators, within the rounding of publication."""
    for code, value in given.items():
        try:
            computed = result.rounded(result.tool(code).score)
        except StopIteration:
            raise InputError(f"ไม่รู้จักเครื่องมือ {code}", "unknown tool", column=f"tools.{code}") from None
        given_d = _check_score(value, f"tools.{code}")
        if abs(computed - given_d) > tolerance:
            raise InputError(
                f"คะแนน {code} ที่ระบุ ({given_d}) ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัด ({computed})",
                f"given {code} score disagrees with its indicators",
                column=f"tools.{code}",
            )
