"""The OIT items Prongsai itself provides, linked live: each feature (features.toml) checks that the thing
behind its link exists and is published, and says why not when it is missing."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.urls import NoReverseMatch, reverse

from ..agencies.models import Agency
from ..cases.models import ConfidentialOfficer
from ..participation.models import Project, ProjectStatus
from ..participation.selectors import outcome_list_public
from ..plans.selectors import measure_list_public, report_list
from ..services.selectors import service_list_public

FEATURES_FILE = Path(__file__).with_name("features.toml")
MAX_LINKS = 5  # per item: the page itself, then the first few things on it


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # a path on this site (the page makes it absolute)


@dataclass(frozen=True)
class Provided:
    status: str  # "published", "partial" or "missing"
    links: tuple[Link, ...] = ()
    reason_th: str = ""  # why it is missing or partial (public)
    warning_th: str = ""  # for the agency's staff only (never on the public page)
    label_th: str = ""


@cache
def features() -> dict[str, dict]:
    return tomllib.loads(FEATURES_FILE.read_text(encoding="utf-8"))["features"]


@cache
def due_days() -> dict[str, int]:
    return tomllib.loads(FEATURES_FILE.read_text(encoding="utf-8"))["due_days"]


@cache
def due_soon_days() -> int:
    return tomllib.loads(FEATURES_FILE.read_text(encoding="utf-8"))["due_soon"]["days"]


@cache
def complaint_rules() -> dict:
    return tomllib.loads(FEATURES_FILE.read_text(encoding="utf-8"))["complaint_rules"]


def _first_url(names: list[str], *args, **kwargs) -> str:
    """The first of the URL names that exists (features.toml's mapping entry, e.g. portal:home)."""
    for name in names:
        try:
            return reverse(name, args=args, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    raise NoReverseMatch(f"none of {names} exists")


def _public_page(conf: dict, agency: Agency) -> Provided:
    if not agency.is_public:
        return Provided("missing", reason_th=conf["missing_th"], label_th=conf["label_th"])
    links = [Link(conf["label_th"], _first_url(conf["urls"], agency.pk))]
    links += [Link(a["label_th"], _first_url([a["url"]], agency.pk)) for a in conf.get("also", [])]
    return Provided("published", tuple(links), label_th=conf["label_th"])


def _with_year(url: str, year: int) -> str:
    return f"{url}?year={year}"


def _measures(conf: dict, agency: Agency, year: int) -> Provided:
    measures = list(measure_list_public(agency=agency, fiscal_year=year)[:MAX_LINKS])
    if not agency.is_public or not measures:
        return Provided("missing", reason_th=conf["missing_th"], label_th=conf["label_th"])
    links = [Link(conf["label_th"], _with_year(reverse("plans:public", args=[agency.pk]), year))]
    links += [Link(m.title, reverse("plans:public_measure", args=[agency.pk, m.pk])) for m in measures]
    return Provided("published", tuple(links[:MAX_LINKS]), label_th=conf["label_th"])


def _services(conf: dict, agency: Agency, year: int, online: bool) -> Provided:
    services = list(service_list_public(agency=agency).order_by("order", "id")[:MAX_LINKS])
    if not agency.is_public or not services:
        return Provided("missing", reason_th=conf["missing_th"], label_th=conf["label_th"])
    links = [Link(conf["label_th"], reverse("services:catalogue", args=[agency.pk]))]
    for s in services[: MAX_LINKS - 2]:
        links.append(Link(f"คู่มือ: {s.name_th}", reverse("services:manual", args=[agency.pk, s.code])))
    if online:
        first = services[0]
        links.append(
            Link(f"ยื่นคำขอออนไลน์: {first.name_th}", reverse("cases:request", args=[agency.pk, first.code]))
        )
        links.append(Link("สถิติการให้บริการ", reverse("cases:stats", args=[agency.pk])))
    return Provided("published", tuple(links), label_th=conf["label_th"])


def _channel(conf: dict, agency: Agency, year: int) -> Provided:
    if not agency.is_public:
        return Provided("missing", reason_th=conf["missing_th"], label_th=conf["label_th"])
    url = reverse("cases:send", args=[agency.pk, conf["kind"]])
    warning = "" if ConfidentialOfficer.objects.filter(agency=agency).exists() else conf["no_officer_th"]
    return Provided(
        "published", (Link(conf["label_th"], url),), warning_th=warning, label_th=conf["label_th"]
    )


def _participation(conf: dict, agency: Agency, year: int) -> Provided:
    outcomes = list(outcome_list_public(agency=agency)[:MAX_LINKS])
    open_projects = Project.objects.filter(agency=agency).exclude(status=ProjectStatus.DRAFT).exists()
    if not agency.is_public or not (outcomes or open_projects):
        return Provided("missing", reason_th=conf["missing_th"], label_th=conf["label_th"])
    links = [Link(conf["label_th"], reverse("participation:public_list", args=[agency.pk]))]
    links += [
        Link(
            f"ผลการมีส่วนร่วม: {o.project.title}",
            reverse("participation:public_detail", args=[agency.pk, o.project_id]),
        )
        for o in outcomes
    ]
    if not outcomes:
        return Provided("partial", tuple(links), reason_th=conf["partial_th"], label_th=conf["label_th"])
    return Provided("published", tuple(links[:MAX_LINKS]), label_th=conf["label_th"])


def _report(conf: dict, agency: Agency, year: int) -> Provided:
    if agency.is_public:
        for offset in conf.get("year_offsets", [0]):
            for report in report_list(agency=agency, public=True).filter(fiscal_year=year + offset):
                files = list(report.files.all())
                if files:
                    links = tuple(
                        Link(
                            f"{report.get_kind_display()} ปีงบประมาณ {report.fiscal_year} ({f.format.upper()})",
                            reverse("plans:public_report", args=[agency.pk, report.pk, f.format]),
                        )
                        for f in files
                    )
                    return Provided("published", links, label_th=conf["label_th"])
    return Provided("missing", reason_th=conf["missing_th"], label_th=conf["label_th"])


def feature_check(*, name: str, agency: Agency, fiscal_year: int) -> Provided:
    """What Prongsai provides for the feature in the agency's year (KeyError for an unknown feature)."""
    conf = features()[name]
    if name in ("contacts", "qa", "service_stats", "complaint_rules", "complaint_stats"):
        return _public_page(conf, agency)
    if name in ("news", "analysis_document"):
        return _measures(conf, agency, fiscal_year)
    if name in ("manuals", "eservice"):
        return _services(conf, agency, fiscal_year, online=name == "eservice")
    if name == "complaint_channel":
        return _channel(conf, agency, fiscal_year)
    if name == "participation":
        return _participation(conf, agency, fiscal_year)
    if name == "implementation_report":
        return _report(conf, agency, fiscal_year)
    raise KeyError(name)
