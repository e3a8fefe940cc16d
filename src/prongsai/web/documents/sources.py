"""What a document is made from: the stored result, the officer's current version of the analysis, the
plan year's measures in Plans and the signatory; and what the result's page offers to start from."""

from __future__ import annotations

from dataclasses import replace

from prongsai.ita.analysis import Analysis, analyse
from prongsai.ita.records import AgencyYear, score_history, score_record

from ..agencies.selectors import agency_signoff
from ..assessments.selectors import result_record
from ..plans.document_rows import measure_rows_for_document
from .models import AnalysisVersion


def analysis_version_current(*, agency, fiscal_year: int) -> AnalysisVersion | None:
    return AnalysisVersion.objects.filter(agency=agency, fiscal_year=fiscal_year).order_by("-number").first()


def analysis_versions(*, agency, fiscal_year: int):
    return AnalysisVersion.objects.filter(agency=agency, fiscal_year=fiscal_year).select_related("created_by")


def plan_year_of(*, result) -> int:
    return int(((result.extra or {}).get("focus") or {}).get("plan_year", result.fiscal_year + 1))


def agency_signatory(*, agency) -> tuple[str, str]:
    """The chief executive's name and position from the agency's settings ("" where not set)."""
    signoff = agency_signoff(agency=agency)
    return signoff["name"].strip(), signoff["position"].strip()


def document_record(*, result, version: AnalysisVersion | None) -> AgencyYear:
    """The engine's record for the document: the result with its history, the Plans measures of the plan
    year in place of the imported ones (where there are any), and the officer's focus, paragraphs and
    signatory over the imported ones."""
    record = result_record(row=result)
    extra = dict(record.extra or {})
    plan_year = plan_year_of(result=result)
    rows = measure_rows_for_document(agency=result.agency, plan_year=plan_year)
    if rows:
        extra["measures"] = rows
    if version is not None:
        if version.focus:
            extra["focus"] = {**(extra.get("focus") or {}), "indicators": list(version.focus)}
        if version.surveys:
            from .citations import survey_citations

            extra["self_assessment"] = survey_citations(
                agency=result.agency, survey_ids=list(version.surveys)
            )
        if version.paragraphs:
            extra["analysis"] = {
                **(extra.get("analysis") or {}),
                **{f"i{n}": text for n, text in version.paragraphs.items()},
            }
    name, position = agency_signatory(agency=result.agency)
    signoff = dict(extra.get("signoff") or {})
    if version is not None:
        name = name or version.signoff_name
        position = position or version.signoff_position
        if version.signed_on:
            signoff["date"] = version.signed_on.isoformat()
    if name:
        signoff["name"] = name
    if position:
        signoff["position"] = position
    if signoff:
        extra["signoff"] = signoff
    return replace(record, extra=extra)


def document_analysis(*, record: AgencyYear) -> Analysis:
    extra = record.extra or {}
    focus = (extra.get("focus") or {}).get("indicators")
    return analyse(score_record(record), score_history(record), overrides=extra.get("analysis"), focus=focus)


def generated_paragraphs(*, result) -> dict[int, str]:
    """The engine's own paragraph of each indicator (no overrides): what "start from the generated text"
    gives."""
    record = result_record(row=result)
    a = analyse(score_record(record), score_history(record))
    return {row.number: row.paragraph for row in a.indicators}


def baseline_paragraphs(*, result) -> dict[int, str]:
    """What the document prints for each indicator without the officer's versions: the paragraphs that
    came with the result (an imported file's [analysis]) over the generated ones."""
    record = result_record(row=result)
    a = analyse(score_record(record), score_history(record), overrides=(record.extra or {}).get("analysis"))
    return {row.number: row.paragraph for row in a.indicators}


def last_year_paragraphs(*, agency, fiscal_year: int) -> dict[int, str]:
    """Last year's paragraphs as the officer left them (their newest version), indicator by indicator."""
    earlier = analysis_version_current(agency=agency, fiscal_year=fiscal_year - 1)
    if earlier is None:
        return {}
    return {int(n): text for n, text in earlier.paragraphs.items() if text.strip()}
