"""The analysis-and-measures document as a report context: from an agency-year to a `Document`."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from ..ita.analysis import Analysis, analyse
from ..ita.errors import InputError
from ..ita.levels import confidence_th
from ..ita.measures import Measure, measures_for
from ..ita.narrative import and_list
from ..ita.records import AgencyYear, score_history, score_record
from ..thai import digits, fiscal_year_span, thai_date
from .charts import all_charts
from .document import Cell, Column, Document, Figure, Heading, Keep, Paragraph, Table
from .signoff import signoff_blocks, signoff_from_input

TEMPLATES = Path(__file__).parent / "templates"
TEXT_WIDTH_MM = 160  # A4 less the Thai government margins (3 cm left, 2 cm right)


@cache
def texts(language: str = "th") -> dict:
    with open(TEMPLATES / f"ita_analysis.{language}.toml", "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Options:
    digits: str = "thai"  # running text and dates
    score_digits: str = "arabic"  # score tables and charts (the seed prints scores with Arabic digits)
    charts: bool = True


@dataclass(frozen=True)
class Built:
    document: Document
    analysis: Analysis
    measures: tuple[Measure, ...]
    drafted: tuple[int, ...]


def _mark(v: Decimal) -> str:
    return f"{v.normalize():f}"


class _Writer:
    def __init__(self, record: AgencyYear, a: Analysis, opts: Options):
        self.r, self.a, self.o, self.t = record, a, opts, texts()
        self.blocks: list = []
        self.agency = record.agency.name
        # Level labels that begin with another label (ผ่านดีเยี่ยม, ผ่านดี, ต้องปรับปรุงโดยด่วน): split across
        # two lines they read as that other level, so paragraphs keep them whole.
        labels = [r.label for r in a.result.framework.levels.rules]
        self.keep = tuple(x for x in labels if any(y != x and x.startswith(y) for y in labels))

    def d(self, text) -> str:
        return digits(text, self.o.digits)

    def s(self, value: Decimal) -> str:
        return digits(f"{value:.2f}", self.o.score_digits)

    def add(self, *blocks) -> None:
        self.blocks.extend(blocks)

    def para(self, text: str, style: str = "body", bold: bool = False) -> Paragraph:
        return Paragraph(text, style, bold, keep=self.keep)

    def p(self, key: str, style: str = "body", **values) -> None:
        self.add(self.para(self.d(self.t[key].format(**values)), style))


def _indicator_table(w: _Writer) -> Table:
    t = w.t
    # Header words in bold at table size ("ลำดับ" 8 mm, "เครื่องมือ" 12.6 mm) plus the cell margins
    # (1.4 mm a side in every format) must fit, or the word itself breaks ("ลำดั" over "บ").
    widths = (12, 16, 28, 15, 18, 71)
    aligns = ("center", "center", "left", "center", "center", "left")
    cols = tuple(
        Column(title, wd, al) for title, wd, al in zip(t["indicator_columns"], widths, aligns, strict=True)
    )
    rows = tuple(
        (
            Cell(w.d(r.number)),
            Cell(r.tool),
            Cell(r.name_th),
            Cell(w.s(r.shown)),
            Cell(t["passed"] if r.passed else t["failed"], bold=not r.passed),
            Cell(w.d(r.paragraph)),
        )
        for r in w.a.indicators
    )
    return Table(cols, rows, caption=w.t["h_indicators"])


def _tool_table(w: _Writer) -> Table:
    t, res = w.t, w.a.result
    cols = tuple(
        Column(c, wd, al)
        for c, wd, al in zip(
            t["tool_columns"], (70, 30, 25, 35), ("left", "center", "center", "center"), strict=True
        )
    )
    rows = [
        (
            Cell(f"{tr.code} {tr.name_th}"),
            Cell(w.s(tr.shown)),
            Cell(digits(f"{tr.weight * 100:.0f}%", w.o.score_digits)),
            Cell(w.s(res.rounded(tr.weighted))),
        )
        for tr in w.a.tools
    ]
    rows.append(
        (
            Cell(t["tool_total"], bold=True),
            Cell(""),
            Cell(digits("100%", w.o.score_digits)),
            Cell(w.s(res.total), bold=True),
        )
    )
    return Table(cols, tuple(rows), caption=t["h_tools"])


def _whatif_text(w: _Writer) -> str:
    t, wi, res = w.t, w.a.whatif, w.a.result
    if wi.target is None:
        margins = and_list(
            t["whatif_margin"].format(
                what=t["tool_total"] if m.what == "total" else m.what,
                value=f"{m.value:.2f}",
                threshold=_mark(m.threshold),
                margin=f"{m.margin:.2f}",
            )
            for m in wi.margins
        )
        return w.d(t["whatif_top"].format(level=wi.level, margins=margins))
    if not wi.feasible:
        return w.d(t["whatif_infeasible"].format(level=wi.level, target=wi.target))
    steps = and_list(
        (t["whatif_step"] if isinstance(s.key, int) else t["whatif_step_tool"]).format(
            number=s.key,
            tool=s.key,
            from_score=f"{res.rounded(s.from_score):.2f}",
            to_score=f"{s.to_score:.2f}",
        )
        for s in wi.steps
    )
    return w.d(
        t["whatif_lift"].format(
            level=wi.level,
            target=wi.target,
            steps=steps,
            points=f"{wi.points:.2f}",
            new_total=f"{wi.new_total:.2f}",
        )
    )


def _period(w: _Writer, m: Measure, plan_year: int) -> str:
    """'๑ ต.ค. ๒๕๖๘ –' over '๓๐ ก.ย. ๒๕๖๙': each date whole on its line in the narrow column (left to
    itself, the line breaks between day, month and year, e.g. '๓๐ ก.ย.' over '๒๕๖๙')."""
    start, end = (m.start, m.end) if m.start and m.end else fiscal_year_span(plan_year)
    return f"{thai_date(start, w.o.digits)} –\n{thai_date(end, w.o.digits)}"


def _measure_rows(w: _Writer, measures: list[Measure], plan_year: int) -> tuple:
    t = w.t
    rows = []
    for m in measures:
        methods = "\n".join(f"{k}.{text}" for k, text in enumerate(m.methods, 1))
        period = _period(w, m, plan_year)
        responsible = "\n".join(f"-{x}" for x in m.responsible) or t["unspecified"]
        activity = f"{t['draft_marker']} {m.activity}" if m.draft else m.activity
        # The activity spans down over the budget line: a measure and its line stay on one page.
        rows.append(
            (
                Cell(activity, rowspan=2),
                Cell(w.d(m.analysis)),
                Cell(w.d(methods)),
                Cell(period),
                Cell(responsible),
            )
        )
        if m.budget is None:
            budget = t["unspecified"]
        elif m.budget == "none":
            budget = t["no_budget"]
        elif isinstance(m.budget, Decimal):
            budget = t["budget_amount"].format(amount=f"{m.budget:,.2f}".removesuffix(".00"))
        else:
            budget = m.budget
        extra = t["measure_extra"].format(
            budget=budget, kpi=m.kpi or t["unspecified"], target=m.target or t["unspecified"]
        )
        rows.append((Cell(w.d(extra), colspan=4),))
    return tuple(rows)


def _oit_note(w: _Writer, plan_year: int) -> Paragraph:
    """Which OIT item of the plan year's ITA the document serves, with how sure the data is of it."""
    from .implementation.context import oit_item_for

    t, o = w.t, oit_item_for("analysis", plan_year)
    if not o.found:
        return w.para(w.d(t["oit_missing"].format(framework_year=o.framework_year)), "note")
    key = "oit_known" if o.item else "oit_unknown"
    # The item's code (O25) is the NACC's identifier, as on its system: its digits stay as they are.
    text = t[key].format(framework_year=o.framework_year, item="{item}", name=o.name_th)
    if o.from_year:
        text += " " + t["oit_stand_in"].format(framework_year=o.framework_year, from_year=o.from_year)
    if t["oit_confidence"].get(o.confidence):
        text += " " + t["oit_confidence"][o.confidence]
    return w.para(w.d(text).replace("{item}", o.item), "note")


def build_context(record: AgencyYear, opts: Options = Options()) -> Built:
    """Score, analyse and lay out one agency-year's analysis-and-measures document."""
    result = score_record(record)
    history = score_history(record)
    extra = record.extra or {}
    focus_t = extra.get("focus") or {}
    focus = focus_t.get("indicators")
    if focus is not None and (not isinstance(focus, list) or not all(isinstance(n, int) for n in focus)):
        raise InputError(
            "[focus] indicators ต้องเป็นรายการเลขตัวชี้วัด เช่น [8]",
            "focus.indicators must be a list of numbers",
            path=record.path,
            column="focus.indicators",
        )
    known = {i.number for i in result.indicators}
    unknown = [n for n in focus or () if known and n not in known]
    if unknown:
        raise InputError(
            f"[focus] indicators: ไม่มีตัวชี้วัดที่ {unknown[0]} ในปีงบประมาณ {result.fiscal_year}",
            "focus names an unknown indicator",
            path=record.path,
            column="focus.indicators",
        )
    focus = list(dict.fromkeys(focus)) if focus else focus  # [8, 8] is indicator 8 once
    signoff = signoff_from_input(extra.get("signoff"), path=record.path)
    a = analyse(result, history, overrides=extra.get("analysis"), focus=focus)
    plan_year = int(focus_t.get("plan_year", result.fiscal_year + 1))
    measures, drafted = ([], [])
    if a.indicators:
        measures, drafted = measures_for(a, extra.get("measures"), path=record.path, agency=record.agency)
    w = _Writer(record, a, opts)
    t, year = w.t, result.fiscal_year

    w.add(
        Paragraph(t["title_1"], "title", True),
        Paragraph(w.d(t["title_2"].format(year=year, agency=w.agency)), "title", True),
    )
    total_line = t["total_line"].format(agency=w.agency, total="{total}", level=result.level.label)
    w.add(w.para(w.d(total_line).replace("{total}", w.d(f"{result.total:.2f}")), "lead", True))
    w.p("level_reason", "note", reason=result.level.reason_th)
    if result.level.confidence == "unverified":
        w.p("level_unverified", "note", confidence=confidence_th("unverified"))
    w.add(_oit_note(w, plan_year))

    charts = {c.name: c for c in all_charts(a, opts.score_digits, t["charts"])} if opts.charts else {}

    def figure(name: str) -> None:
        if name in charts:
            w.add(chart(name))

    def chart(name: str) -> Figure:
        c = charts[name]
        return Figure(c.svg, c.alt, c.caption, 150, name)

    w.add(Heading(t["h_overall"]))
    figure("overall")
    w.add(Heading(t["h_history"]))
    figure("history")
    if not a.history:
        w.p("no_history", "note", year=year)
    elif a.total_change is not None:
        prev = a.history[-1]
        direction = t["up"] if a.total_change > 0 else t["down"] if a.total_change < 0 else t["same"]
        w.p(
            "history_change",
            previous_year=prev.fiscal_year,
            previous=f"{prev.total:.2f}",
            change=f"{abs(a.total_change):.2f}",
            direction=direction,
        )
    # The tool chart and the table of its numbers on one page.
    tools = (Heading(t["h_tools"]), *([chart("tools")] if "tools" in charts else []), _tool_table(w))
    w.add(Keep(tools))
    w.add(Heading(t["h_indicators"]))
    figure("indicators")
    if a.indicators:
        w.p("intro", agency=w.agency, year=year)
        w.add(_indicator_table(w))
        # An agency's own paragraph is printed as written; where it contradicts the score (e.g. "keep up
        # the standard" beside a failing score) the officer is told so before signing.
        for row in a.indicators:
            for warning in row.warnings:
                w.p("override_warning", "note", warning=warning)
    else:
        w.p("no_focus", "note")
        # Tool scores alone still say what lifts the level.
        w.add(w.para(_whatif_text(w)))
    if extra.get("self_assessment"):
        from .self_assessment import self_assessment_blocks

        w.add(*self_assessment_blocks(w, extra["self_assessment"]))

    if a.indicators:
        w.add(Heading(t["h_focus"]))
        for n in a.focus.indicators:
            w.p("focus_reasons_intro", number=n, name=a.indicator(n).name_th)
            for reason in a.focus.reasons.get(n, ()):
                w.add(w.para(w.d(reason), "item"))
        if a.focus.source == "input" and set(a.focus.suggested) != set(a.focus.indicators):
            w.p(
                "focus_differs",
                "note",
                suggested=and_list(map(w.d, a.focus.suggested)),
                chosen=and_list(map(w.d, a.focus.indicators)),
            )
        w.add(w.para(_whatif_text(w)))
        w.add(Heading(t["h_measures"].format(plan_year=w.d(plan_year))))
        w.p("focus_line", year=year)
        chosen = and_list(
            t["focus_indicator"].format(number=n, name=a.indicator(n).name_th) for n in a.focus.indicators
        )
        w.p("focus_choice", agency=w.agency, indicators=chosen, plan_year=plan_year)
        # The period column holds one date and its dash a line ("๑ ต.ค. ๒๕๖๘ –" is 21.4 mm at table size)
        # plus the cell margins.
        cols = tuple(Column(c, wd) for c, wd in zip(t["measure_columns"], (26, 39, 44, 25, 26), strict=True))
        w.add(
            Table(
                cols,
                _measure_rows(w, measures, plan_year),
                caption=t["h_measures"].format(plan_year=w.d(plan_year)),
            )
        )
        if drafted:
            w.p("draft_missing", "note", numbers=and_list(map(w.d, drafted)))

    missing = list(a.missing)
    if drafted:
        missing.append(w.d(t["missing_measures"].format(numbers=and_list(map(w.d, drafted)))))
    closing = [Heading(t["h_missing"]), *(Paragraph(m, "item") for m in missing)] if missing else []
    closing += [Paragraph(""), *signoff_blocks(signoff, t, opts.digits), Paragraph(t["generated"], "note")]
    # The signature never stands alone on a page, nor the closing note: the last section goes with them.
    w.add(Keep(tuple(closing)))
    title = f"{t['title_1']} {w.d(t['title_2'].format(year=year, agency=w.agency))}"
    units = tuple(u for m in measures for u in m.responsible)
    doc = Document(title, tuple(w.blocks), page_digits=opts.digits, author=w.agency, words=(w.agency, *units))
    return Built(doc, a, tuple(measures), tuple(drafted))
