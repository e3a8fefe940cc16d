"""The result's document page: the officer chooses the focus, edits the indicators' paragraphs and the
signing date, previews the document as HTML, and adopts the engine's draft measures into Plans."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from prongsai.reports.build import render as render_document
from prongsai.reports.ita_document import build_context

from ..agencies.selectors import agency_get_visible, user_actions
from ..assessments.selectors import result_get_current
from ..plans.document_rows import measure_rows_for_document
from ..plans.drafting import measure_draft_from_result
from .citations import citable_surveys, survey_label
from .drafting import analysis_version_save
from .forms import AnalysisForm
from .sources import (
    agency_signatory,
    analysis_version_current,
    analysis_versions,
    baseline_paragraphs,
    document_analysis,
    document_record,
    generated_paragraphs,
    last_year_paragraphs,
    plan_year_of,
)

# The preview is our own self-contained HTML (inline styles, fonts and charts as data: URLs, no script).
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; sandbox"


def _editable(request, agency_id: int, fiscal_year: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)  # 404 before anything else
    if "generate_documents" not in user_actions(user=request.user, agency=agency):
        raise PermissionDenied("บทบาทนี้แก้ไขการวิเคราะห์และจัดทำเอกสารไม่ได้")
    return agency, result_get_current(agency=agency, fiscal_year=fiscal_year)


def _initial(*, version, baseline: dict, generated: dict, last: dict, start: str) -> dict[str, str]:
    """Each paragraph as saved in the current version, else as the document prints it now; or, on request,
    the engine's own text or last year's text for that indicator."""
    saved = {int(n): t for n, t in (version.paragraphs if version else {}).items()}
    out = {}
    for n, text in baseline.items():
        if start == "last_year" and n in last:
            out[f"p{n}"] = last[n]
        elif start == "generated":
            out[f"p{n}"] = generated.get(n, text)
        else:
            out[f"p{n}"] = saved.get(n, text)
    return out


@login_required
def analysis_edit(request, agency_id: int, fiscal_year: int):
    agency, result = _editable(request, agency_id, fiscal_year)
    version = analysis_version_current(agency=agency, fiscal_year=fiscal_year)
    analysis = document_analysis(record=document_record(result=result, version=version))
    generated = generated_paragraphs(result=result)
    last = last_year_paragraphs(agency=agency, fiscal_year=fiscal_year)
    name, position = agency_signatory(agency=agency)
    ask_signatory = not (name and position)
    indicators = [(row.number, row.name_th) for row in analysis.indicators]
    surveys = [(sv.pk, survey_label(sv)) for sv in citable_surveys(agency=agency)]
    kwargs = {"indicators": indicators, "ask_signatory": ask_signatory, "surveys": surveys}
    if request.method == "POST":
        form = AnalysisForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                saved = analysis_version_save(
                    result=result,
                    focus=form.cleaned_data["focus"],
                    paragraphs=form.paragraphs(),
                    signoff_name=form.cleaned_data.get("signoff_name", ""),
                    signoff_position=form.cleaned_data.get("signoff_position", ""),
                    signed_on=form.cleaned_data["signed_on"],
                    surveys=form.cleaned_data.get("surveys") or [],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, f"บันทึกการวิเคราะห์ฉบับที่ {saved.number} แล้ว")
                return redirect("documents:analysis", agency_id=agency.pk, fiscal_year=fiscal_year)
    else:
        initial = _initial(
            version=version,
            baseline=baseline_paragraphs(result=result),
            generated=generated,
            last=last,
            start=request.GET.get("start", ""),
        )
        initial["focus"] = list(version.focus) if version else list(analysis.focus.indicators)
        initial["surveys"] = list(version.surveys) if version else []
        if version:
            initial.update(
                signoff_name=version.signoff_name,
                signoff_position=version.signoff_position,
                signed_on=version.signed_on,
            )
        form = AnalysisForm(initial=initial, **kwargs)
    plan_year = plan_year_of(result=result)
    return render(
        request,
        "documents/analysis.html",
        {
            "agency": agency,
            "result": result,
            "form": form,
            "version": version,
            "versions": analysis_versions(agency=agency, fiscal_year=fiscal_year)[:10],
            "suggested": analysis.focus.suggested,
            "reasons": [(n, analysis.focus.reasons.get(n, ())) for n in analysis.focus.suggested],
            "warnings": [w for row in analysis.indicators for w in row.warnings],
            "has_last_year": bool(last),
            "signatory": (name, position),
            "plan_year": plan_year,
            "plan_rows": measure_rows_for_document(agency=agency, plan_year=plan_year),
        },
    )


@login_required
def document_preview(request, agency_id: int, fiscal_year: int):
    agency, result = _editable(request, agency_id, fiscal_year)
    version = analysis_version_current(agency=agency, fiscal_year=fiscal_year)
    built = build_context(document_record(result=result, version=version))
    response = HttpResponse(render_document(built, "html"), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_POLICY
    response["Cache-Control"] = "no-store"
    response.digits_as_written = True  # the document's own digit style, not the site's (web/digits.py)
    return response


@login_required
def drafts_adopt(request, agency_id: int, fiscal_year: int):
    agency, result = _editable(request, agency_id, fiscal_year)  # 404 for another agency, before anything
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if "edit_plans" not in user_actions(user=request.user, agency=agency):
        raise PermissionDenied("บทบาทนี้แก้ไขมาตรการไม่ได้")
    version = analysis_version_current(agency=agency, fiscal_year=fiscal_year)
    drafts = measure_draft_from_result(
        result=result, actor=request.user, request=request, focus=list(version.focus) if version else None
    )
    messages.success(
        request, f"นำร่างมาตรการเข้าแผนแล้ว {len(drafts)} มาตรการ (ยังไม่เผยแพร่) โปรดทบทวนที่หน้ามาตรการ"
    )
    return redirect("documents:analysis", agency_id=agency.pk, fiscal_year=fiscal_year)
