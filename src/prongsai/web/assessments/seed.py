"""Loading the seed municipality (examples/pakphraek-2568.toml) into an empty installation."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.db import transaction

from prongsai.ita.inputs import read_records
from prongsai.textclean import text_clean

from ..agencies.models import Agency
from ..agencies.services import agency_create, default_divisions
from .models import Source
from .services import _jsonable, result_save

SEED_FILE = Path(__file__).resolve().parents[4] / "examples" / "pakphraek-2568.toml"


def measures_import(*, agency: Agency, fiscal_year: int, measures: list[dict], actor=None) -> bool:
    """Hand the measures to the plans app when it is installed; they are also kept with the result."""
    if not apps.is_installed("prongsai.web.plans"):
        return False
    from importlib import import_module

    plans_services = import_module("prongsai.web.plans.services")
    importer = getattr(plans_services, "measures_import", None)
    if importer is None:
        return False
    importer(agency=agency, fiscal_year=fiscal_year, measures=measures, actor=actor)
    return True


@transaction.atomic
def seed_load(*, path: Path = SEED_FILE, actor=None) -> Agency | None:
    """Create the seed agency with its result and measures; None when it is already there."""
    [record] = read_records(path)
    info = record.agency
    name, kind, province, district = (
        text_clean(v or "") for v in (info.name, info.type, info.province, info.district)
    )
    if (
        Agency.objects.filter(dla_code=info.code).exists()
        if info.code
        else Agency.objects.filter(name=name).exists()
    ):
        return None
    measures = record.extra.get("measures", [])
    divisions = list(default_divisions())
    for m in measures:
        divisions += [d for d in m.get("responsible", []) if d not in divisions]
    agency = agency_create(
        name=name,
        type=kind,
        province=province,
        district=district,
        dla_code=info.code,
        divisions=divisions,
        actor=actor,
    )
    result_save(
        agency=agency,
        fiscal_year=record.fiscal_year,
        indicators=record.indicators,
        tools=record.tools,
        extra=record.extra,
        source=Source.SEED,
        source_name=path.name,
        actor=actor,
    )
    plan_year = record.extra.get("focus", {}).get("plan_year", record.fiscal_year + 1)
    measures_import(agency=agency, fiscal_year=plan_year, measures=_jsonable(measures), actor=actor)
    if apps.is_installed("prongsai.web.cases"):  # citizen services: catalogue, sample cases, Q&A (issue 6)
        __import__("prongsai.web.cases.demo", fromlist=["demo_load"]).demo_load(agency=agency)
    if apps.is_installed("prongsai.web.plans"):  # plans demo: progress, projects, six-month report (issue 5)
        __import__("prongsai.web.plans.demo", fromlist=["x"]).plans_demo_load(
            agency=agency, fiscal_year=plan_year
        )
    return agency
