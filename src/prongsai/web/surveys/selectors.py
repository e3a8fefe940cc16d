"""Reads of the surveys app: scoped lookups, the public survey, results through the engine, the export."""

from __future__ import annotations

import csv
import dataclasses
import io
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from prongsai.ita.scoring import round_half_up, tool_mean
from prongsai.ita.survey import score_counts

from ..agencies.models import Agency
from .answers_codec import answers_counts, answers_matrix
from .definitions import engine_framework, parts_of
from .models import IssuedCode, Response, Survey, UsedCode
from .rules import survey_rules


def survey_list(*, agency: Agency) -> QuerySet[Survey]:
    return Survey.objects.filter(agency=agency)


def survey_get_scoped(*, agency: Agency, survey_id: int) -> Survey:
    """A survey of this agency (the agency came from agency_get_visible), or 404."""
    try:
        return Survey.objects.select_related("agency").get(pk=survey_id, agency=agency)
    except Survey.DoesNotExist:
        raise Http404("ไม่พบแบบสำรวจ") from None


def survey_get_public(*, token: str) -> Survey:
    try:
        return Survey.objects.select_related("agency").get(token=token)
    except Survey.DoesNotExist:
        raise Http404("ไม่พบแบบสำรวจ") from None


def survey_counts(*, survey: Survey) -> dict:
    return {
        "responses": Response.objects.filter(survey=survey).count(),
        "codes_issued": IssuedCode.objects.filter(survey=survey).count() if survey.internal else None,
        "codes_used": UsedCode.objects.filter(survey_ref=survey.pk).count() if survey.internal else None,
    }


def _rows(survey: Survey) -> list[str]:
    return list(Response.objects.filter(survey=survey).order_by("pk").values_list("answers", flat=True))


@dataclasses.dataclass(frozen=True)
class Results:
    responses: int
    min_responses: int
    questions: list[dict]  # id, indicator, text_th, answered, score (None below the minimum)
    indicators: dict[int, Decimal | None]
    tools: dict[str, Decimal | None]
    indicator_names: dict[int, str]
    confidence: str
    comparison: dict[int, Decimal | None]  # the agency's last official result, by indicator
    official_year: int | None
    whatif: dict | None = None  # the official result with the survey's shown indicators in their place


def survey_results(*, survey: Survey, rows: list[str] | None = None) -> Results:
    """Scores per question, indicator and tool from the engine's survey scorer (`score-survey`'s code),
    each hidden (None) until every question under it has `min_responses` answers."""
    definition = survey.definition
    parts = parts_of(definition)
    matrix = answers_matrix(_rows(survey) if rows is None else rows, parts)
    counts = answers_counts(matrix, parts)
    minimum = survey_rules()["results"]["min_responses"]
    fw = engine_framework(definition, fiscal_year=survey.fiscal_year, tool=survey.tool)
    engine_survey = fw.surveys[survey.tool]
    answered = {
        q.id: max(sum(counts.counts[p.id].values()) for p in q.parts) for q in engine_survey.questions
    }
    # The engine refuses a column nobody answered; such a question is hidden anyway, so it is left out.
    scorable = tuple(q for q in engine_survey.questions if all(counts.counts[p.id] for p in q.parts))
    scored, engine_indicators = {}, {}
    if scorable and counts.respondents:
        fw = dataclasses.replace(
            fw, surveys={survey.tool: dataclasses.replace(engine_survey, questions=scorable)}
        )
        result = score_counts(counts, fw, survey.tool)
        scored = {q.id: q.score for q in result.questions}
        engine_indicators = result.indicators
    shown = {qid for qid, n in answered.items() if n >= minimum and qid in scored}
    decimals = fw.decimals
    questions = [
        {
            "id": q["id"],
            "indicator": q["indicator"],
            "text_th": q["text_th"],
            "answered": answered[q["id"]],
            "score": round_half_up(scored[q["id"]], decimals) if q["id"] in shown else None,
        }
        for q in definition["questions"]
    ]
    tool = fw.tool(survey.tool)
    exact: dict[int, Decimal] = {}
    for number, value in engine_indicators.items():  # an indicator counts only when all its questions do
        if all(q.id in shown for q in engine_survey.questions if q.indicator == number):
            exact[number] = value
    indicators = {n: (round_half_up(exact[n], decimals) if n in exact else None) for n in tool.indicators}
    tool_score = tool_mean(tool, exact) if all(n in exact for n in tool.indicators) else None
    comparison, official_year = _official(survey)
    whatif = _whatif(survey, comparison, exact)
    return Results(
        whatif=whatif,
        responses=counts.respondents,
        min_responses=minimum,
        questions=questions,
        indicators=indicators,
        tools={tool.code: round_half_up(tool_score, decimals) if tool_score is not None else None},
        indicator_names={i.number: i.name_th for i in fw.indicators},
        confidence=engine_survey.rule.confidence if survey.verified else "unverified",
        comparison=comparison,
        official_year=official_year,
    )


def _whatif(survey: Survey, official: dict[int, Decimal], shown: dict[int, Decimal]) -> dict | None:
    """The coming assessment if the tool's indicators came out as this survey measured them and the rest
    as in the last official result: total and level by the engine's scoring of the survey's year."""
    from prongsai.ita.errors import InputError
    from prongsai.ita.scoring import score_indicators

    from .definitions import framework_for

    if not shown or not official:
        return None
    fw = framework_for(survey.fiscal_year)
    try:
        before = score_indicators(fw, official)
        after = score_indicators(fw, {**official, **shown})
    except InputError:  # the official result lacks some indicator (a tools-only result)
        return None
    return {
        "fiscal_year": fw.fiscal_year,
        "replaced": sorted(shown),
        "official_total": before.total,
        "official_level": before.level.label,
        "total": after.total,
        "level": after.level.label,
    }


def _official(survey: Survey) -> tuple[dict[int, Decimal | None], int | None]:
    from ..assessments.selectors import result_list_current

    row = result_list_current(agency=survey.agency).order_by("-fiscal_year").first()
    if row is None:
        return {}, None
    return {int(k): Decimal(str(v)) for k, v in (row.indicators or {}).items()}, row.fiscal_year


def survey_answers_csv(*, survey: Survey) -> str:
    """Every response in the CSV format `prongsai score-survey` reads: respondent_id, date (the day), then
    one column per question part holding its code, blank where the respondent skipped it."""
    parts = parts_of(survey.definition)
    out = io.StringIO()
    writer = csv.writer(out)  # CR LF line ends, as spreadsheets write them
    writer.writerow(["respondent_id", "date", *(p["id"] for p in parts)])
    rows = list(Response.objects.filter(survey=survey).order_by("pk").values_list("day", "answers"))
    matrix = answers_matrix([a for _, a in rows], parts)
    for n, ((day, _), codes) in enumerate(zip(rows, matrix, strict=True), 1):
        writer.writerow(
            [n, day.isoformat(), *("" if c < 0 else parts[k]["codes"][c] for k, c in enumerate(codes))]
        )
    return out.getvalue()
