"""JSON API for measures, activities, progress and participation projects (django-ninja, OpenAPI).

Staff endpoints use the session and the scoping rule (another agency's ids give 404); the `/public/…`
endpoints need no login and return only published data without personal data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from ..agencies.selectors import agency_get_visible
from ..participation.models import Project
from ..participation.selectors import outcome_get_public, project_list, project_list_public
from .api_write import (
    Created,
    MeasureIn,
    MeasurePatch,
    measure_create_from_api,
    measure_delete_from_api,
    measure_patch_from_api,
)
from .selectors import (
    MeasureView,
    activity_can_update,
    activity_get_scoped,
    measure_get_public,
    measure_get_scoped,
    measure_list,
    measure_list_public,
    measure_views,
    public_agency_get,
)
from .services import progress_add

router = Router()


class UpdateOut(Schema):
    id: int
    date: dt.date
    status: str
    percent: Decimal
    narrative: str
    evidence: list[str]


class ActivityOut(Schema):
    id: int
    name: str
    methods: list[str]
    start: dt.date | None
    end: dt.date | None
    divisions: list[str]
    responsible_person: str
    budget: Decimal | None
    no_budget: bool
    kpi: str
    target: str
    unit: str
    weight: Decimal | None
    status: str | None
    percent: Decimal
    overdue: bool
    stalled: bool
    updates: list[UpdateOut]


class MeasureOut(Schema):
    id: int
    fiscal_year: int
    indicators: list[int]
    title: str
    analysis: str
    is_published: bool
    progress: Decimal | None
    activities: list[ActivityOut]


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    starts_on: dt.date
    ends_on: dt.date | None
    time_text: str
    place: str
    audience: str
    status: str
    measure_id: int | None
    participants_count: int | None  # from the published outcome
    adopted: str | None


class ProgressIn(Schema):
    date: dt.date
    status: str
    percent: Decimal
    narrative: str = ""


def _measure_out(mv: MeasureView) -> dict:
    m = mv.measure
    return {
        "id": m.pk,
        "fiscal_year": m.fiscal_year,
        "indicators": m.indicators,
        "title": m.title,
        "analysis": m.analysis,
        "is_published": m.is_published,
        "progress": mv.progress_shown,
        "activities": [
            {
                "id": a.activity.pk,
                "name": a.activity.name,
                "methods": a.activity.methods,
                "start": a.activity.start,
                "end": a.activity.end,
                "divisions": a.division_names,
                "responsible_person": a.activity.responsible_person,
                "budget": a.activity.budget,
                "no_budget": a.activity.no_budget,
                "kpi": a.activity.kpi,
                "target": a.activity.target,
                "unit": a.activity.unit,
                "weight": a.activity.weight,
                "status": a.status,
                "percent": a.percent,
                "overdue": a.flags.overdue,
                "stalled": a.flags.stalled,
                "updates": [
                    {
                        "id": u.pk,
                        "date": u.date,
                        "status": u.status,
                        "percent": u.percent,
                        "narrative": u.narrative,
                        "evidence": [e.link or e.title for e in u.evidence.all()],
                    }
                    for u in a.updates
                ],
            }
            for a in mv.activities
        ],
    }


def _project_out(p: Project, public: bool) -> dict:
    outcome = outcome_get_public(project=p)
    return {
        "id": p.pk,
        "title": p.title,
        "description": p.description,
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "time_text": p.time_text,
        "place": p.place,
        "audience": p.audience,
        "status": p.status,
        "measure_id": p.measure_id if (not public or (p.measure and p.measure.is_published)) else None,
        "participants_count": outcome.participants_count if outcome else None,
        "adopted": outcome.adopted if outcome else None,
    }


@router.get("/agencies/{agency_id}/measures", response=list[MeasureOut])
def measures(request, agency_id: int, fiscal_year: int | None = None):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    return [
        _measure_out(mv)
        for mv in measure_views(measures=measure_list(agency=agency, fiscal_year=fiscal_year))
    ]


@router.get("/measures/{measure_id}", response=MeasureOut)
def measure(request, measure_id: int):
    m = measure_get_scoped(user=request.user, measure_id=measure_id)
    [mv] = measure_views(measures=measure_list(agency=m.agency).filter(pk=m.pk))
    return _measure_out(mv)


@router.post("/agencies/{agency_id}/measures", response={201: Created})
def measure_create_api(request, agency_id: int, payload: MeasureIn):
    return Status(201, {"id": measure_create_from_api(request=request, agency_id=agency_id, payload=payload)})


@router.patch("/measures/{measure_id}", response=MeasureOut)
def measure_patch_api(request, measure_id: int, payload: MeasurePatch):
    m = measure_get_scoped(user=request.user, measure_id=measure_id)
    measure_patch_from_api(request=request, measure=m, payload=payload)
    [mv] = measure_views(measures=measure_list(agency=m.agency).filter(pk=m.pk))
    return _measure_out(mv)


@router.delete("/measures/{measure_id}", response={204: None})
def measure_delete_api(request, measure_id: int):
    m = measure_get_scoped(user=request.user, measure_id=measure_id)
    measure_delete_from_api(request=request, measure=m)
    return Status(204, None)


@router.post("/activities/{activity_id}/progress", response={201: UpdateOut})
def progress_create(request, activity_id: int, payload: ProgressIn):
    from django.core.exceptions import ValidationError

    activity = activity_get_scoped(user=request.user, activity_id=activity_id)
    if not activity_can_update(user=request.user, activity=activity):
        raise HttpError(403, "ไม่มีสิทธิ์รายงานความก้าวหน้าของกิจกรรมนี้")
    try:
        u = progress_add(activity=activity, actor=request.user, request=request, **payload.dict())
    except ValidationError as e:
        raise HttpError(422, "; ".join(f"{k}: {' '.join(v)}" for k, v in e.message_dict.items())) from None
    return Status(
        201,
        {
            "id": u.pk,
            "date": u.date,
            "status": u.status,
            "percent": u.percent,
            "narrative": u.narrative,
            "evidence": [],
        },
    )


@router.get("/agencies/{agency_id}/projects", response=list[ProjectOut])
def projects(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    return [_project_out(p, public=False) for p in project_list(agency=agency).select_related("measure")]


@router.get("/public/{agency_id}/measures", response=list[MeasureOut], auth=None)
def public_measures(request, agency_id: int, fiscal_year: int | None = None):
    agency = public_agency_get(agency_id=agency_id)
    qs = measure_list_public(agency=agency, fiscal_year=fiscal_year)
    return [_measure_out(mv) for mv in measure_views(measures=qs, public=True)]


@router.get("/public/{agency_id}/measures/{measure_id}", response=MeasureOut, auth=None)
def public_measure(request, agency_id: int, measure_id: int):
    agency = public_agency_get(agency_id=agency_id)
    m = measure_get_public(agency=agency, measure_id=measure_id)
    [mv] = measure_views(measures=measure_list_public(agency=agency).filter(pk=m.pk), public=True)
    return _measure_out(mv)


@router.get("/public/{agency_id}/projects", response=list[ProjectOut], auth=None)
def public_projects(request, agency_id: int):
    agency = public_agency_get(agency_id=agency_id)
    return [_project_out(p, public=True) for p in project_list_public(agency=agency)]
