"""Per-fiscal-year ITA frameworks: load the TOML data files, validate them, expose typed rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

from .errors import FrameworkError, UnknownYearError

FRAMEWORK_DIR = Path(__file__).parent / "frameworks"
CONFIDENCES = ("checked", "reported", "unverified")  # strongest first
CONFIDENCE_TH = {"checked": "ตรวจสอบแล้ว", "reported": "มีแหล่งรายงาน", "unverified": "ยังไม่ยืนยัน"}
ERAS = ("grade", "tool-threshold")
COMPARISONS = ("rounded", "exact")
AGGREGATIONS = ("mean",)


@dataclass(frozen=True)
class Rule:
    """Where a rule comes from and how sure we are of it."""

    confidence: str
    source: str


@dataclass(frozen=True)
class Tool:
    code: str
    name_th: str
    name_en: str
    weight: Decimal
    indicators: tuple[int, ...]
    rule: Rule


@dataclass(frozen=True)
class Indicator:
    number: int
    code: str
    name_th: str
    name_en: str
    tool: str
    rule: Rule


@dataclass(frozen=True)
class LevelRule:
    label: str
    label_en: str
    min_total: Decimal
    min_each_tool: Decimal | None
    rule: Rule


@dataclass(frozen=True)
class ToolComparison:
    """How a tool score meets `min_each_tool`: at published precision ("rounded") or unrounded ("exact")."""

    compare: str
    rule: Rule


@dataclass(frozen=True)
class Levels:
    era: str
    rules: tuple[LevelRule, ...]
    rule: Rule
    tool_scores: ToolComparison | None = None  # only where some level has a tool threshold


@dataclass(frozen=True)
class SurveyPart:
    id: str
    scale: str


@dataclass(frozen=True)
class SurveyQuestion:
    id: str
    indicator: int
    parts: tuple[SurveyPart, ...]


@dataclass(frozen=True)
class Survey:
    tool: str
    scales: dict[str, dict[str, int]]
    questions: tuple[SurveyQuestion, ...]
    rule: Rule
    aggregation: Rule  # question parts → question, questions → indicator (means)


@dataclass(frozen=True)
class OitSubindicator:
    code: str
    indicator: int
    name_th: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class OitItem:
    """One OIT item of a year: what the assessors look for on the agency's website."""

    code: str
    name_th: str
    indicator: int | None  # None where the year's grouping is not known
    subindicator: str  # "" where not known
    evidence: str  # what counts as evidence, as far as known
    feature: str  # the Prongsai feature that provides it ("" when the agency publishes it itself)
    due: str  # "" (once a year, any time), or one of DUES: when it must be published again
    rule: Rule


DUES = ("monthly", "quarterly", "half-year", "yearly")


@dataclass(frozen=True)
class Oit:
    subindicators: tuple[OitSubindicator, ...]
    item_names: dict[str, str]
    rule: Rule
    item_names_rule: Rule
    items: tuple[OitItem, ...] = ()
    complete: bool = True  # False: the year's list is known only in part

    @property
    def scorable(self) -> bool:
        """A checklist can be scored only where the list is whole and every item's sub-indicator known."""
        grouped = {code for s in self.subindicators for code in s.items}
        return self.complete and bool(self.subindicators) and grouped == set(self.item_names)


@dataclass(frozen=True)
class ToolParts:
    """A tool published in parts (FY2566 EIT): the tool score is the plain mean of its parts."""

    tool: str
    parts: int
    rule: Rule


@dataclass(frozen=True)
class DocumentItem:
    oit_item: str
    name_th: str
    rule: Rule


@dataclass(frozen=True)
class Framework:
    fiscal_year: int
    title_th: str
    decimals: int
    rounding: Rule
    pass_mark: Decimal
    pass_mark_rule: Rule
    excellent: Decimal
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    levels: Levels
    surveys: dict[str, Survey] = field(default_factory=dict)
    oit: Oit | None = None
    documents: dict[str, DocumentItem] = field(default_factory=dict)
    path: str = ""
    tool_parts: dict[str, ToolParts] = field(default_factory=dict)
    extends: int | None = None  # the year this year's file states its changes against

    def tool(self, code: str) -> Tool:
        for t in self.tools:
            if t.code == code:
                return t
        raise KeyError(code)

    def indicator(self, number: int) -> Indicator:
        return self.indicators[number - 1]

    def rules(self) -> dict[str, Rule]:
        """Every rule of the year by its key in the data file (`levels.rules[3]`, `documents.analysis` …)."""
        out = {"rounding": self.rounding, "pass_mark": self.pass_mark_rule, "levels": self.levels.rule}
        out |= {f"tools[{k}]": t.rule for k, t in enumerate(self.tools)}
        out |= {f"indicators[{k}]": i.rule for k, i in enumerate(self.indicators)}
        out |= {f"levels.rules[{k}]": r.rule for k, r in enumerate(self.levels.rules)}
        if self.levels.tool_scores:
            out["levels.tool_scores"] = self.levels.tool_scores.rule
        out |= {f"documents.{name}": d.rule for name, d in self.documents.items()}
        for code, s in self.surveys.items():
            out |= {f"surveys.{code}": s.rule, f"surveys.{code}.aggregation": s.aggregation}
        out |= {f"tool_parts.{code}": p.rule for code, p in self.tool_parts.items()}
        if self.oit:
            out |= {"oit": self.oit.rule, "oit.item_names": self.oit.item_names_rule}
            out |= {
                f"oit.items[{item.code}]": item.rule
                for item in self.oit.items
                if item.rule != self.oit.item_names_rule
            }
        return out

    def weakest_confidence(self) -> str:
        return max((r.confidence for r in self.rules().values()), key=CONFIDENCES.index)


def load_framework_file(path: Path) -> Framework:
    """One year file, its `extends` chain resolved (framework_merge), parsed and validated."""
    from .framework_merge import resolve
    from .framework_parse import parse_framework  # it builds the classes above

    fw = parse_framework(resolve(path), str(path))
    if path.stem.isdigit() and int(path.stem) != fw.fiscal_year:
        raise FrameworkError(str(path), "fiscal_year", f"ปีในไฟล์ ({fw.fiscal_year}) ไม่ตรงกับชื่อไฟล์")
    return fw


def available_years() -> list[int]:
    """The fiscal years with a rules file, ascending (a new list each call: callers may change it)."""
    return list(_year_files())


@cache
def _year_files() -> tuple[int, ...]:
    # The package's own data, read once per process as get_framework reads each year once (a dashboard
    # asks on every view: the directory listing cost more than the rest of the OIT due list).
    return tuple(sorted(int(p.stem) for p in FRAMEWORK_DIR.glob("*.toml") if p.stem.isdigit()))


def framework_data(year: int) -> dict:
    """The whole data of a year as one table, its `extends` chain resolved (what the parser reads)."""
    from .framework_merge import resolve

    return resolve(_year_path(year))


def _year_path(year: int) -> Path:
    path = FRAMEWORK_DIR / f"{int(year)}.toml"
    if not path.exists():
        years = ", ".join(map(str, available_years()))
        raise UnknownYearError(
            f"ไม่รู้จักปีงบประมาณ {year} (มีกฎของปี {years})",
            f"unknown fiscal year {year}; known: {years}",
            column="fiscal_year",
        )
    return path


@cache
def get_framework(year: int) -> Framework:
    """The framework for a fiscal year (B.E.), or UnknownYearError naming the years we have."""
    return load_framework_file(_year_path(year))
