"""Reads of the OIT app: the agency's readiness for a year, item by item (what Prongsai provides, what the
officer linked and explained), and the supervisor's table of agencies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from prongsai.ita.framework import CONFIDENCE_TH, OitItem, get_framework
from prongsai.ita.oit import score_checklist
from prongsai.thai import fiscal_year_span, thai_date

from .. import hotpath
from ..agencies.models import Agency
from .features import Link, Provided, due_days, due_soon_days, feature_check, features
from .items import YearItems, item_list_years_statement, year_items
from .models import Answer, Evidence

STATUS_TH = {"published": "มี", "partial": "มีบางส่วน", "due": "ถึงกำหนดเผยแพร่รอบใหม่", "missing": "ไม่มี"}
DUE_TH = {"monthly": "ทุกเดือน", "quarterly": "ทุกไตรมาส", "half-year": "ทุก ๖ เดือน", "yearly": "ทุกปี"}


@dataclass(frozen=True)
class ItemRow:
    item: OitItem
    status: str  # published, partial, due (evidence older than its round), missing
    source: str  # "prongsai", "upload" (a file), "link" (the officer's URL) or "" (nothing yet)
    links: tuple[Link, ...]
    explanation: str
    reason_th: str  # why Prongsai's link is missing or partial
    warning_th: str  # staff only
    answer: Answer | None
    evidence: tuple[Evidence, ...] = ()

    @property
    def status_th(self) -> str:
        return STATUS_TH[self.status]

    @property
    def itas_answer(self) -> str:
        """ITAS asks มี/ไม่มี: a partial item is answered มี with its explanation."""
        return "ไม่มี" if self.status == "missing" else "มี"

    @property
    def due_th(self) -> str:
        return DUE_TH.get(self.item.due, "")

    @property
    def confidence_th(self) -> str:
        return CONFIDENCE_TH[self.item.rule.confidence]


@dataclass(frozen=True)
class Readiness:
    agency: Agency
    items: YearItems
    rows: tuple[ItemRow, ...]

    @property
    def ready(self) -> int:
        return sum(1 for r in self.rows if r.status == "published")

    @property
    def missing(self) -> int:
        return sum(1 for r in self.rows if r.status != "published")

    @property
    def share(self) -> Decimal:
        return Decimal(100) * self.ready / len(self.rows) if self.rows else Decimal(0)

    def to_do(self) -> list[ItemRow]:
        """What the agency should do next: items due for a new round first, then partial, then missing."""
        order = {"due": 0, "partial": 1, "missing": 2}
        return sorted((r for r in self.rows if r.status in order), key=lambda r: order[r.status])

    def by_indicator(self) -> list[tuple[int | None, int, int]]:
        """(indicator, ready, items) per indicator, in order; None for items whose indicator is not known."""
        groups: dict[int | None, list[ItemRow]] = {}
        for r in self.rows:
            groups.setdefault(r.item.indicator, []).append(r)
        return [
            (ind, sum(1 for r in rows if r.status == "published"), len(rows))
            for ind, rows in sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
        ]

    def oit_if_accepted(self) -> Decimal | None:
        """The OIT score if assessors accept every published item (only where the grouping is known)."""
        if self.items.borrowed or not self.items.oit.scorable:
            return None
        fw = replace(get_framework(self.items.list_year), oit=self.items.oit)
        scores = score_checklist(fw, {r.item.code: r.status == "published" for r in self.rows})
        values = list(scores.indicators.values())
        return sum(values, Decimal(0)) / len(values)


def _evidence_link(e: Evidence) -> Link:
    when = thai_date(e.published_on)
    if e.file:
        return Link(f"{e.title} ({when})", reverse("oit:evidence", args=[e.agency_id, e.fiscal_year, e.pk]))
    return Link(f"{e.title} ({when})", e.link)


def _round_end(item: OitItem, newest: dt.date) -> dt.date | None:
    """The last day evidence published on `newest` covers an item published every round (monthly …,
    features.toml [due_days]); None for an item with no round."""
    days = due_days().get(item.due)
    return newest + dt.timedelta(days=days) if days else None


def _is_due(item: OitItem, evidence, as_of: dt.date) -> bool:
    """Evidence of an item published every round (monthly …) older than the round allows (features.toml)."""
    dated = [e.published_on for e in evidence if e.published_on <= as_of]
    end = _round_end(item, max(dated)) if dated else None
    return end is not None and as_of > end


def _row(
    item: OitItem, agency: Agency, fiscal_year: int, answer: Answer | None, evidence=(), as_of=None
) -> ItemRow:
    provided: Provided | None = None
    if item.feature and item.feature in features():
        provided = feature_check(name=item.feature, agency=agency, fiscal_year=fiscal_year)
    links = list(provided.links) if provided and provided.status != "missing" else []
    links += [_evidence_link(e) for e in evidence]
    if answer and answer.url:
        links.append(Link("ลิงก์ที่หน่วยงานเผยแพร่", answer.url))
    if provided and provided.status == "published":
        status, source = "published", "prongsai"
    elif evidence and as_of and _is_due(item, evidence, as_of):
        status, source = "due", "upload" if any(e.file for e in evidence) else "link"
    elif any(e.file for e in evidence):
        status, source = "published", "upload"
    elif evidence or (answer and answer.url):
        status, source = "published", "link"
    elif provided and provided.status == "partial":
        status, source = "partial", "prongsai"
    else:
        status, source = "missing", ""
    return ItemRow(
        item,
        status,
        source,
        tuple(links),
        answer.explanation if answer else "",
        provided.reason_th if provided and status != "published" else "",
        provided.warning_th if provided else "",
        answer,
        tuple(evidence),
    )


def readiness_get(*, agency: Agency, fiscal_year: int, today: dt.date | None = None) -> Readiness | None:
    """Every item of the year (or the newest earlier list) for the agency; None before any list.
    `today` (default: the site's date) decides which rounds are due; a past year is seen at its end."""
    as_of = min(today or timezone.localdate(), fiscal_year_span(fiscal_year)[1])
    items = year_items(fiscal_year=fiscal_year)
    if items is None:
        return None
    answers = {a.code: a for a in Answer.objects.filter(agency=agency, fiscal_year=fiscal_year)}
    evidence: dict[str, list[Evidence]] = {}
    for e in Evidence.objects.filter(agency=agency, fiscal_year=fiscal_year).select_related("division"):
        evidence.setdefault(e.code, []).append(e)
    rows = tuple(
        _row(i, agency, fiscal_year, answers.get(i.code), evidence.get(i.code, ()), as_of)
        for i in items.oit.items
    )
    return Readiness(agency, items, rows)


@dataclass(frozen=True)
class DueItem:
    """An item published every round whose newest evidence is past its round (overdue) or near its end."""

    item: OitItem
    state: str  # "overdue" (the item's status is `due`) or "soon" (within features.toml [due_soon] days)
    newest: dt.date  # the newest evidence's publication date
    round_end: dt.date  # the last day that evidence covers
    division_id: int | None  # the division responsible for the newest evidence

    @property
    def state_th(self) -> str:
        return DUE_STATE_TH[self.state]


DUE_STATE_TH = {"overdue": "เลยรอบการเผยแพร่", "soon": "ใกล้ถึงรอบการเผยแพร่"}


_DUE_FIELDS = ("code", "published_on", "division")


def due_list_statements(*, agency_id: int, fiscal_year: int) -> list:
    """The reads `due_list` makes (the stored item lists' years, the evidence dates), for
    `hotpath.prefetch`."""
    return [
        item_list_years_statement(),
        hotpath.select_statement(Evidence, _DUE_FIELDS, agency=agency_id, fiscal_year=fiscal_year),
    ]


def due_list(*, agency: Agency, fiscal_year: int, today: dt.date | None = None) -> list[DueItem]:
    """The year's overdue and soon-due round items (monthly procurement summaries …), overdue first, for
    the dashboard and the digest: one narrow read of the agency's evidence dates (the same rule as the
    readiness status `due`). Items Prongsai provides keep themselves current and are not listed."""
    as_of = min(today or timezone.localdate(), fiscal_year_span(fiscal_year)[1])
    items = year_items(fiscal_year=fiscal_year)
    rounds = [
        i for i in (items.oit.items if items else ()) if i.due in due_days() and i.feature not in features()
    ]
    if not rounds:
        return []
    newest: dict[str, Evidence] = {}
    for e in hotpath.select(Evidence, _DUE_FIELDS, agency=agency.pk, fiscal_year=fiscal_year):
        if e.published_on <= as_of and (e.code not in newest or e.published_on > newest[e.code].published_on):
            newest[e.code] = e
    soon = dt.timedelta(days=due_soon_days())
    out = []
    for item in rounds:
        e = newest.get(item.code)
        end = _round_end(item, e.published_on) if e else None
        if end is None:
            continue
        if as_of > end:
            out.append(DueItem(item, "overdue", e.published_on, end, e.division_id))
        elif as_of + soon >= end:
            out.append(DueItem(item, "soon", e.published_on, end, e.division_id))
    return sorted(out, key=lambda d: (d.state != "overdue", d.round_end))


def readiness_table(*, agencies, fiscal_year: int, sort: str = "name") -> list[Readiness]:
    """One readiness per agency, for the supervisor's table (sorted by name, ready or missing)."""
    out = [r for a in agencies if (r := readiness_get(agency=a, fiscal_year=fiscal_year)) is not None]
    keys = {
        "name": lambda r: r.agency.name,
        "ready": lambda r: (-r.ready, r.agency.name),
        "missing": lambda r: (-r.missing, r.agency.name),
        "share": lambda r: (-r.share, r.agency.name),
    }
    return sorted(out, key=keys.get(sort, keys["name"]))


def evidence_get(*, agency: Agency, fiscal_year: int, evidence_id: int) -> Evidence:
    """One piece of the agency's evidence for the year; 404 for another agency's or year's."""
    row = Evidence.objects.filter(agency=agency, fiscal_year=fiscal_year, pk=evidence_id).first()
    if row is None:
        raise Http404("ไม่พบหลักฐาน")
    return row
