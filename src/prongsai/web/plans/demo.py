"""Demo data for the seed municipality's plan (progress, projects, the six-month report), from demo.toml.

Idempotent: each part is added only when it is missing, so the seed loader may call it again."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from prongsai.textclean import data_clean

from ..agencies.models import Agency
from .models import ImplementationReport, Measure, ProgressUpdate
from .report_services import report_generate
from .services import progress_add

DEMO_FILE = Path(__file__).with_name("demo.toml")


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@transaction.atomic
def plans_demo_load(*, agency: Agency, fiscal_year: int, actor=None) -> dict:
    """Add the demo's progress, projects and six-month report to the agency's first measure of the year."""
    from ..participation.models import Project, Suggestion
    from ..participation.services import (
        outcome_save,
        project_create,
        project_set_status,
        suggestion_answer,
        suggestion_create,
    )

    data = data_clean(tomllib.loads(DEMO_FILE.read_text(encoding="utf-8")))
    label = data["label"]
    measure = Measure.objects.filter(agency=agency, fiscal_year=fiscal_year).order_by("order", "id").first()
    counts = {"updates": 0, "projects": 0, "reports": 0}
    if measure is None:
        return counts
    activity = measure.activities.order_by("order", "id").first()
    if activity is not None and not ProgressUpdate.objects.filter(activity=activity).exists():
        for u in data["updates"]:
            progress_add(
                activity=activity,
                actor=actor,
                date=u["date"],
                status=u["status"],
                percent=Decimal(u["percent"]),
                narrative=label + u["narrative"],
            )
            counts["updates"] += 1
    for p in data["projects"]:
        if Project.objects.filter(agency=agency, title=p["title"]).exists():
            continue
        project = project_create(
            agency=agency,
            actor=actor,
            title=p["title"],
            description=label + p["description"],
            starts_on=p["starts_on"],
            time_text=p.get("time_text", ""),
            place=p["place"],
            audience=p["audience"],
            contact=p.get("contact", ""),
            measure=measure,
            activity=activity,
        )
        project_set_status(project=project, status="open", actor=actor)
        for s in p.get("suggestions", []):
            row = suggestion_create(project=project, text=label + s["text"], kind=s["kind"], consent=True)
            suggestion_answer(suggestion=row, answer=s["answer"], actor=actor)
            # Dated on the day of the project, as a real suggestion would be (demo only). After the
            # answer: its save() writes every field and would put today's date back.
            Suggestion.objects.filter(pk=row.pk).update(
                created_at=_at(p["starts_on"]), answered_at=_at(p["starts_on"])
            )
        if "outcome" in p:
            o = p["outcome"]
            outcome_save(
                project=project,
                actor=actor,
                participants_count=o["participants_count"],
                participants_summary=label + o["participants_summary"],
                proposals=o["proposals"],
                adopted=o["adopted"],
                adopted_measure=measure,
                is_published=True,
            )
        if p["status"] != "open":
            project_set_status(project=project, status=p["status"], actor=actor)
        counts["projects"] += 1
    r = data["report"]
    if not ImplementationReport.objects.filter(
        agency=agency, fiscal_year=fiscal_year, kind=r["kind"]
    ).exists():
        report_generate(
            agency=agency,
            fiscal_year=fiscal_year,
            kind=r["kind"],
            as_of=r["as_of"],
            actor=actor,
            publish=True,
        )
        counts["reports"] += 1
    return counts
