"""The agency's own surveys an analysis may cite (issue 15): which can be cited, and each as the plain
entry the document prints (prongsai.reports.self_assessment), its indicators hidden below the surveys'
minimum count of responses, as on the survey's results page."""

from __future__ import annotations

from django.utils import timezone

from prongsai.thai import thai_period

from ..surveys.models import Survey
from ..surveys.selectors import survey_list, survey_results
from ..surveys.services import survey_state


def citable_surveys(*, agency) -> list[Survey]:
    """The agency's surveys that have opened (a survey still open can be cited as it stands)."""
    return [s for s in survey_list(agency=agency) if survey_state(survey=s) != "before"]


def survey_label(survey: Survey) -> str:
    end = min(survey.closes_on, timezone.localdate())
    return f"{survey.title} ({survey.tool}, {thai_period(survey.opens_on, end, 'arabic')})"


def survey_citations(*, agency, survey_ids: list[int]) -> list[dict]:
    """The chosen surveys of this agency (another agency's ids are ignored), oldest first."""
    chosen = [s for s in citable_surveys(agency=agency) if s.pk in set(survey_ids)]
    out = []
    for survey in sorted(chosen, key=lambda s: (s.opens_on, s.pk)):
        results = survey_results(survey=survey)
        out.append(
            {
                "title": survey.title,
                "tool": survey.tool,
                "start": survey.opens_on,
                "end": min(survey.closes_on, timezone.localdate()),
                "responses": results.responses,
                "min_responses": results.min_responses,
                "verified": survey.verified,
                "indicators": {
                    str(n): (None if v is None else float(v)) for n, v in results.indicators.items()
                },
            }
        )
    return out
