"""Draft measures from a stored ITA result's analysis: what the engine proposes, made into Plans measures."""

from __future__ import annotations

from django.db import transaction

from prongsai.ita.analysis import analyse
from prongsai.ita.measures import draft_measure
from prongsai.ita.records import score_history, score_record
from prongsai.thai import fiscal_year_span

from ..agencies.models import Division
from .models import Measure
from .services import ActivityInput, activity_create, measure_create


@transaction.atomic
def measure_draft_from_result(
    *, result, actor, request=None, focus: list[int] | None = None
) -> list[Measure]:
    """Draft measures (not published) for the focus indicators of a stored ITA result, pre-filled from
    the engine's analysis: `focus` (the officer's choice on the result's page) or the agency's own
    [focus] when it chose one, else the engine's suggestion.
    The activity runs over the whole plan year, as in the seed. Asking again for the same result gives
    back the drafts made the first time instead of duplicates (there is no page to delete them)."""
    from ..assessments.selectors import result_record

    record = result_record(row=result)
    extra = record.extra or {}
    focus = focus or (extra.get("focus") or {}).get("indicators")
    a = analyse(score_record(record), score_history(record), overrides=extra.get("analysis"), focus=focus)
    plan_year = int((extra.get("focus") or {}).get("plan_year", result.fiscal_year + 1))
    divisions = {d.name: d for d in Division.objects.filter(agency=result.agency)}
    start, end = fiscal_year_span(plan_year)
    out = []
    for number in a.focus.indicators:
        earlier = Measure.objects.filter(
            agency=result.agency, fiscal_year=plan_year, source_result=result, indicators=[number]
        ).first()
        if earlier is not None:
            out.append(earlier)
            continue
        d = draft_measure(a, number, record.agency)
        m = measure_create(
            agency=result.agency,
            fiscal_year=plan_year,
            title=d.activity,
            indicators=[number],
            analysis=d.analysis,
            source_result=result,
            actor=actor,
            request=request,
        )
        activity_create(
            measure=m,
            actor=actor,
            request=request,
            data=ActivityInput(
                name=d.activity,
                methods=d.methods,
                start=start,
                end=end,
                divisions=tuple(divisions[n] for n in d.responsible if n in divisions),
                kpi=d.kpi,
                target=d.target,
            ),
        )
        out.append(m)
    return out
