"""The JSON API's writes of measures for integrations (a province system, another portal): create a
measure with its activities, change it, remove it. Session authentication with CSRF, as the rest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from ninja import Schema
from ninja.errors import HttpError

from ..agencies.selectors import agency_get_visible
from .selectors import division_choices, measure_can_edit
from .services import ActivityInput, activity_create, measure_create, measure_delete, measure_update


class ActivityIn(Schema):
    name: str
    methods: list[str] = []
    start: dt.date | None = None
    end: dt.date | None = None
    divisions: list[str] = []  # by name, the agency's own
    responsible_person: str = ""
    budget: Decimal | None = None
    no_budget: bool = False
    kpi: str = ""
    target: str = ""
    unit: str = ""


class MeasureIn(Schema):
    fiscal_year: int
    title: str
    indicators: list[int]
    analysis: str = ""
    is_published: bool = False
    activities: list[ActivityIn] = []


class MeasurePatch(Schema):
    fiscal_year: int | None = None
    title: str | None = None
    indicators: list[int] | None = None
    analysis: str | None = None
    is_published: bool | None = None


class Created(Schema):
    id: int


def _unprocessable(exc: ValidationError, prefix: str = "") -> HttpError:
    parts = (
        [f"{prefix}{k}: {' '.join(v)}" for k, v in exc.message_dict.items()]
        if hasattr(exc, "error_dict")
        else [f"{prefix}{' '.join(exc.messages)}"]
    )
    return HttpError(422, "; ".join(parts))


def _activity_input(agency, k: int, a: ActivityIn) -> ActivityInput:
    divisions = {d.name: d for d in division_choices(agency=agency)}
    unknown = [name for name in a.divisions if name not in divisions]
    if unknown:
        raise HttpError(
            422, f"activities[{k}].divisions: ไม่มีส่วนราชการชื่อ “{unknown[0]}” ในหน่วยงานนี้ (unknown division)"
        )
    return ActivityInput(
        name=a.name,
        methods=tuple(x.strip() for x in a.methods if x.strip()),
        start=a.start,
        end=a.end,
        divisions=tuple(divisions[name] for name in dict.fromkeys(a.divisions)),
        responsible_person=a.responsible_person,
        budget=a.budget,
        no_budget=a.no_budget,
        kpi=a.kpi,
        target=a.target,
        unit=a.unit,
    )


def measure_create_from_api(*, request, agency_id: int, payload: MeasureIn) -> int:
    """404 for an agency the user cannot see, 403 for a role that may not edit plans, 422 for bad data;
    the measure and all its activities are created together or not at all."""
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    if not measure_can_edit(user=request.user, agency=agency):
        raise HttpError(403, "บทบาทนี้แก้ไขมาตรการไม่ได้")
    with transaction.atomic():
        try:
            measure = measure_create(
                agency=agency,
                fiscal_year=payload.fiscal_year,
                title=payload.title,
                indicators=payload.indicators,
                analysis=payload.analysis,
                is_published=payload.is_published,
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            raise _unprocessable(exc) from None
        for k, a in enumerate(payload.activities):
            data = _activity_input(agency, k, a)
            try:
                activity_create(measure=measure, data=data, actor=request.user, request=request)
            except ValidationError as exc:
                raise _unprocessable(exc, f"activities[{k}].") from None
    return measure.pk


def measure_patch_from_api(*, request, measure, payload: MeasurePatch) -> None:
    fields = payload.dict(exclude_unset=True)
    if any(v is None for v in fields.values()):
        raise HttpError(422, "ค่าที่ส่งต้องไม่เป็น null (fields must not be null)")
    try:
        measure_update(measure=measure, actor=request.user, request=request, **fields)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ValidationError as exc:
        raise _unprocessable(exc) from None


def measure_delete_from_api(*, request, measure) -> None:
    try:
        measure_delete(measure=measure, actor=request.user, request=request)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
