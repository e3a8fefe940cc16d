"""An implementation report as a report context: from plain data (no Django) to a renderer-neutral
`Document`, rendered by the same DOCX/PDF/HTML renderers as the analysis document."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from ...ita.framework import available_years, get_framework
from ...ita.levels import confidence_th
from ...thai import digits, thai_date, thai_period
from ..document import Cell, Column, Document, Heading, Paragraph, Table

TEXTS = Path(__file__).with_name("implementation.th.toml")
FORMATS = ("docx", "pdf", "html")


@cache
def texts() -> dict:
    return tomllib.loads(TEXTS.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class UpdateData:
    date: dt.date
    status: str  # already in words (Thai)
    percent: Decimal
    narrative: str
    evidence: tuple[str, ...] = ()  # titles of public evidence


@dataclass(frozen=True)
class ActivityData:
    name: str
    methods: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    divisions: tuple[str, ...]
    person: str
    budget: Decimal | None
    no_budget: bool
    kpi: str
    target: str
    unit: str
    status: str | None  # words; None: no update yet
    percent: Decimal | None
    flags: tuple[str, ...]  # words, e.g. "เลยกำหนดแล้ว"
    updates: tuple[UpdateData, ...] = ()


@dataclass(frozen=True)
class MeasureData:
    title: str
    indicators: tuple[int, ...]
    analysis: str
    progress: Decimal | None  # rounded for display
    activities: tuple[ActivityData, ...]


@dataclass(frozen=True)
class ParticipationData:
    title: str
    date: dt.date
    place: str
    participants: int
    participants_summary: str
    proposals: str
    adopted: str
    adopted_into: str


@dataclass(frozen=True)
class OitReference:
    framework_year: int
    item: str
    name_th: str
    confidence: str
    source: str
    found: bool = True
    # The year whose framework data named the item, when the report's own year has no framework yet
    # (a year-end report goes to next year's ITA, whose rules are often not out when it is written).
    from_year: int | None = None


@dataclass(frozen=True)
class ReportData:
    agency: str
    fiscal_year: int
    kind: str  # six_month | year_end
    kind_title: str
    period_start: dt.date
    period_end: dt.date
    as_of: dt.date
    measures: tuple[MeasureData, ...]
    participation: tuple[ParticipationData, ...]
    oit: OitReference
    overall: Decimal | None  # rounded, over every activity of every measure
    status_counts: tuple[tuple[str, int], ...]  # (status words, count)
    default_weight: str = "1"
    stalled_days: int = 30


def oit_reference(kind: str, fiscal_year: int) -> OitReference:
    """The OIT item a report serves, from the framework data of the year it goes to (with its confidence)."""
    year = fiscal_year + int(texts()["oit_year_offset"][kind])
    return oit_item_for("implementation_report", year)


def oit_item_for(document: str, year: int) -> OitReference:
    """The OIT item that `document` ([documents.<name>] in the framework data) serves in `year`.

    When that year has no framework yet (a year-end report goes to next year's ITA, whose rules are
    rarely out when it is written), the newest earlier framework stands in: marked unverified, and the
    report says which year's list it quotes."""
    years = available_years()
    if year in years:
        item = get_framework(year).documents.get(document)
        if item is None:
            return OitReference(year, "", "", "unverified", "", found=False)
        return OitReference(year, item.oit_item, item.name_th, item.rule.confidence, item.rule.source)
    for earlier in sorted((y for y in years if y < year), reverse=True):
        item = get_framework(earlier).documents.get(document)
        if item is not None:
            return OitReference(
                year, item.oit_item, item.name_th, "unverified", item.rule.source, from_year=earlier
            )
    return OitReference(year, "", "", "unverified", "", found=False)


class _W:
    def __init__(self, data: ReportData, style: str):
        self.data, self.style, self.t = data, style, texts()
        self.blocks: list = []

    def d(self, text) -> str:
        return digits(text, self.style)

    def pct(self, v: Decimal | None) -> str:
        return "–" if v is None else self.d(f"{v:.2f}")

    def date(self, day: dt.date) -> str:
        return thai_date(day, self.style)


def _oit(w: _W) -> None:
    o, t = w.data.oit, w.t
    if not o.found:
        missing = t["oit_missing"].format(
            framework_year=o.framework_year, confidence=confidence_th("unverified")
        )
        w.blocks.append(Paragraph(w.d(missing), "note"))
        return
    key = "oit_known" if o.item else "oit_unknown"
    # The item's code (O43) is the NACC's identifier: its digits stay as they are, as in ita_document.
    text = w.d(t[key].format(framework_year=o.framework_year, item="{item}", name=o.name_th))
    text = text.replace("{item}", o.item)
    if o.from_year is not None:
        text += " " + w.d(t["oit_stand_in"].format(framework_year=o.framework_year, from_year=o.from_year))
    if o.confidence == "unverified":  # one paragraph: consecutive notes would run together in the PDF
        text += " " + t["oit_unverified"].format(source=o.source, confidence=confidence_th(o.confidence))
    w.blocks.append(Paragraph(text, "note"))


def _summary(w: _W) -> None:
    t, data = w.t, w.data
    w.blocks.append(Heading(t["h_summary"]))
    statuses = " ".join(t["summary_status"].format(status=s, count=n) for s, n in data.status_counts)
    activities = sum(len(m.activities) for m in data.measures)
    w.blocks.append(
        Paragraph(
            w.d(
                t["summary"].format(
                    agency=data.agency,
                    measures=len(data.measures),
                    activities=activities,
                    progress=w.pct(data.overall),
                    statuses=statuses or t["no_progress"],
                )
            )
        )
    )
    cols = tuple(
        Column(c, wd, al)
        for c, wd, al in zip(
            t["summary_columns"], (80, 30, 22, 28), ("left", "center", "center", "center"), strict=True
        )
    )
    rows = tuple(
        (
            Cell(w.d(f"{k}. {m.title}")),
            Cell(w.d(t["indicator"].format(numbers=", ".join(map(str, m.indicators))))),
            Cell(w.d(len(m.activities))),
            Cell(w.pct(m.progress), bold=True),
        )
        for k, m in enumerate(data.measures, 1)
    )
    w.blocks.append(Table(cols, rows, caption=t["h_summary"]))
    w.blocks.append(Paragraph(w.d(t["weighted"].format(default_weight=data.default_weight)), "note"))


def _activity_row(w: _W, a: ActivityData) -> tuple[Cell, ...]:
    t = w.t
    what = "\n".join([a.name] + [f"{k}. {m}" for k, m in enumerate(a.methods, 1)])
    period = thai_period(a.start, a.end, w.style) if a.start and a.end else t["period_unspecified"]
    who = "\n".join([period] + [f"- {d}" for d in a.divisions] + ([a.person] if a.person else []))
    if a.no_budget:
        money = t["no_budget"]
    elif a.budget is not None:
        money = t["budget_amount"].format(amount=f"{a.budget:,.2f}")
    else:
        money = t["budget_unspecified"]
    lines = [money]
    if a.kpi:
        lines.append(t["kpi"].format(kpi=a.kpi))
    if a.target:
        lines.append(t["target"].format(target=a.target, unit=a.unit).strip())
    status = (
        t["status_line"].format(status=a.status, percent=w.pct(a.percent)) if a.status else t["no_update"]
    )
    result = "\n".join([status, *a.flags])
    return (
        Cell(w.d(what)),
        Cell(w.d(who)),
        Cell(w.d("\n".join(lines))),
        Cell(w.d(result), bold=bool(a.flags)),
    )


def _measures(w: _W) -> None:
    t = w.t
    cols = tuple(Column(c, wd) for c, wd in zip(t["activity_columns"], (58, 36, 33, 33), strict=True))
    for k, m in enumerate(w.data.measures, 1):
        w.blocks.append(Heading(w.d(t["h_measure"].format(number=k, title=m.title))))
        w.blocks.append(
            Paragraph(w.d(t["indicator"].format(numbers=", ".join(map(str, m.indicators)))), "note")
        )
        if m.analysis:
            w.blocks.append(Paragraph(w.d(t["analysis"].format(text=m.analysis))))
        w.blocks.append(Table(cols, tuple(_activity_row(w, a) for a in m.activities), caption=m.title))
        for a in m.activities:
            if not a.updates:
                continue
            w.blocks.append(Heading(t["h_updates"].format(activity=a.name), level=2))
            for u in a.updates:
                w.blocks.append(
                    Paragraph(
                        w.d(
                            t["update_line"].format(
                                date=w.date(u.date),
                                status=u.status,
                                percent=w.pct(u.percent),
                                narrative=u.narrative,
                            )
                        ),
                        "item",
                    )
                )
                if u.evidence:
                    w.blocks.append(
                        Paragraph(t["evidence_line"].format(titles=", ".join(u.evidence)), "note")
                    )


def _participation(w: _W) -> None:
    t = w.t
    w.blocks.append(Heading(t["h_participation"]))
    if not w.data.participation:
        w.blocks.append(Paragraph(t["no_participation"]))
        return
    cols = tuple(
        Column(c, wd) for c, wd in zip(t["participation_columns"], (34, 28, 30, 34, 34), strict=True)
    )
    rows = []
    for p in w.data.participation:
        adopted = (
            t["adopted_into"].format(adopted=p.adopted, into=p.adopted_into) if p.adopted_into else p.adopted
        )
        rows.append(
            (
                Cell(p.title),
                Cell(w.d(f"{w.date(p.date)}\n{p.place}")),
                Cell(
                    w.d(
                        t["participants"].format(count=p.participants, summary=p.participants_summary).strip()
                    )
                ),
                Cell(w.d(p.proposals)),
                Cell(w.d(adopted)),
            )
        )
    w.blocks.append(Table(cols, tuple(rows), caption=t["h_participation"]))


def _issues(w: _W) -> None:
    t = w.t
    w.blocks.append(Heading(t["h_issues"]))
    flagged = [a for m in w.data.measures for a in m.activities if a.flags]
    if not flagged:
        w.blocks.append(Paragraph(t["no_issues"]))
    for a in flagged:
        w.blocks.append(
            Paragraph(
                w.d(
                    t["issue_line"].format(
                        activity=a.name, divisions=", ".join(a.divisions), flags=", ".join(a.flags)
                    )
                ),
                "item",
            )
        )


def build_report(data: ReportData, *, style: str = "thai") -> Document:
    """The report as a `Document`; `style` is the digit style of running text and figures."""
    w = _W(data, style)
    t = w.t
    w.blocks += [
        Paragraph(t["title_1"].format(kind_title=data.kind_title), "title", True),
        Paragraph(t["title_2"], "title", True),
        Paragraph(w.d(t["title_3"].format(year=data.fiscal_year, agency=data.agency)), "title", True),
        Paragraph(
            w.d(
                t["as_of"].format(
                    as_of=w.date(data.as_of), period=thai_period(data.period_start, data.period_end, style)
                )
            ),
            "lead",
        ),
    ]
    _oit(w)
    _summary(w)
    _measures(w)
    _participation(w)
    _issues(w)
    w.blocks += [
        Paragraph(""),
        Paragraph(t["sign_1"], "sign"),
        Paragraph(t["sign_2"], "sign"),
        Paragraph(t["sign_3"], "sign"),
        Paragraph(""),
        Paragraph(t["approve_1"], "sign"),
        Paragraph(t["approve_2"], "sign"),
        Paragraph(t["approve_3"], "sign"),
        Paragraph(t["generated"], "note"),
    ]
    title = f"{data.kind_title} {digits(data.fiscal_year, style)} {data.agency}"
    return Document(
        title=title,
        blocks=tuple(w.blocks),
        page_digits=style,
        author=data.agency,
        meta={"kind": data.kind, "oit_item": data.oit.item},
    )


def render_report(doc: Document, fmt: str, *, docx_font: str = "TH Sarabun New") -> bytes:
    """Bytes of one format through the shared renderers (the same ones as the analysis document)."""
    if fmt == "pdf":
        from ..pdf import render_pdf

        return render_pdf(doc)
    if fmt == "html":
        from ..html import render_html

        return render_html(doc)
    if fmt == "docx":
        from ..docx import render_docx

        return render_docx(doc, font=docx_font)
    raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
