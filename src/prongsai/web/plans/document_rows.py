"""The plan year's measures as the document's [[measures]] rows: one row per activity, in plan order."""

from __future__ import annotations

from django.db.models import Prefetch

from ..agencies.models import Agency
from .models import Activity, Measure


def _budget(activity: Activity):
    if activity.no_budget:
        return "none"
    return str(activity.budget) if activity.budget is not None else None


def measure_rows_for_document(*, agency: Agency, plan_year: int) -> list[dict]:
    """Every measure of the plan year (published or not: the document is what the agency is about to
    publish), each activity a row with its methods, period, divisions, budget, KPI and target. A measure
    without activities yet is one row under its own title."""
    measures = (
        Measure.objects.filter(agency=agency, fiscal_year=plan_year)
        .order_by("order", "id")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.order_by("order", "id").prefetch_related("divisions"),
            )
        )
    )
    rows = []
    for m in measures:
        if not m.indicators:
            continue
        base = {"indicators": [int(n) for n in m.indicators], "analysis": m.analysis}
        activities = list(m.activities.all())
        if not activities:
            rows.append({**base, "activity": m.title})
            continue
        for a in activities:
            responsible = [d.name for d in a.divisions.all()]
            if a.responsible_person:
                responsible.append(a.responsible_person)
            target = f"{a.target} {a.unit}".strip()
            row = {
                **base,
                "activity": a.name,
                "methods": list(a.methods),
                "responsible": responsible,
                "kpi": a.kpi,
                "target": target,
            }
            if a.start:
                row["start"] = a.start.isoformat()
            if a.end:
                row["end"] = a.end.isoformat()
            budget = _budget(a)
            if budget is not None:
                row["budget"] = budget
            rows.append(row)
    return rows
