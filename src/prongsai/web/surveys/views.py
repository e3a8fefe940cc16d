"""Staff pages of the surveys app under /a/<agency_id>/surveys/: open, edit, codes, share, results, export."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from prongsai.thai import fiscal_year_of

from ..agencies.selectors import agency_get_visible, queryset_scope, user_can
from ..files.serve import attach
from ..participation.qr import qr_data_url
from .forms import CodesForm, DefinitionForm, SurveyEditForm, SurveyForm
from .models import Survey
from .selectors import survey_answers_csv, survey_counts, survey_get_scoped, survey_list, survey_results
from .services import (
    ACTION,
    codes_issue,
    survey_create,
    survey_definition_update,
    survey_state,
    survey_update,
)


def public_url(request, survey) -> str:
    """The answering page's address for QR codes and sharing: PRONGSAI_PUBLIC_URL when set (a poster
    printed from an intranet address must still work on a phone)."""
    path = reverse("surveys:answer", args=[survey.token])
    base = getattr(settings, "PRONGSAI_PUBLIC_URL", "")
    return base + path if base else request.build_absolute_uri(path)


def _scoped(request, agency_id: int, survey_id: int | None = None, *, manage: bool = False):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)  # 404 for another agency
    if manage and not user_can(user=request.user, agency=agency, action=ACTION):
        raise PermissionDenied("บทบาทนี้จัดการแบบสำรวจไม่ได้ (this role cannot manage surveys)")
    survey = survey_get_scoped(agency=agency, survey_id=survey_id) if survey_id is not None else None
    return agency, survey


def _errors(form, error: ValidationError) -> None:
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


@login_required
def survey_home(request, agency_id: int):
    agency, _ = _scoped(request, agency_id)
    can_manage = user_can(user=request.user, agency=agency, action=ACTION)
    today = timezone.localdate()
    form = SurveyForm(
        request.POST or None, initial={"fiscal_year": fiscal_year_of(today), "kind": "internal"}
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("บทบาทนี้จัดการแบบสำรวจไม่ได้ (this role cannot manage surveys)")
        if form.is_valid():
            try:
                survey = survey_create(
                    agency=agency, actor=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, "เปิดแบบสำรวจแล้ว ตรวจคำถามและวันที่ก่อนเผยแพร่ลิงก์")
                return redirect("surveys:detail", agency.pk, survey.pk)
    surveys = [(s, survey_state(survey=s, today=today)) for s in survey_list(agency=agency)]
    status = 400 if form.errors else 200
    return render(
        request,
        "surveys/home.html",
        {"agency": agency, "surveys": surveys, "form": form, "can_manage": can_manage},
        status=status,
    )


@login_required
def survey_detail(request, agency_id: int, survey_id: int):
    agency, survey = _scoped(request, agency_id, survey_id)
    can_manage = user_can(user=request.user, agency=agency, action=ACTION)
    form = SurveyEditForm(
        request.POST or None,
        initial={k: getattr(survey, k) for k in ("title", "opens_on", "closes_on", "ask_service")},
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("บทบาทนี้จัดการแบบสำรวจไม่ได้ (this role cannot manage surveys)")
        if form.is_valid():
            try:
                survey_update(survey=survey, actor=request.user, request=request, **form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, "บันทึกแล้ว")
                return redirect("surveys:detail", agency.pk, survey.pk)
    url = public_url(request, survey)
    return render(
        request,
        "surveys/detail.html",
        {
            "agency": agency,
            "survey": survey,
            "state": survey_state(survey=survey),
            "counts": survey_counts(survey=survey),
            "form": form,
            "codes_form": CodesForm(initial={"count": 50}),
            "can_manage": can_manage,
            "public_url": url,
            "qr": qr_data_url(url),
        },
        status=400 if form.errors else 200,
    )


@login_required
def survey_definition(request, agency_id: int, survey_id: int):
    agency, survey = _scoped(request, agency_id, survey_id, manage=request.method == "POST")
    text = json.dumps(survey.definition, ensure_ascii=False, indent=2)
    form = DefinitionForm(request.POST or None, initial={"definition": text})
    if request.method == "POST" and form.is_valid():
        try:
            survey_definition_update(
                survey=survey, actor=request.user, definition=form.cleaned_data["definition"], request=request
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, "บันทึกคำถามแล้ว ชุดคำถามนี้จะแสดงว่า 'ยังไม่ยืนยัน' ทุกหน้าและทุกผลลัพธ์")
            return redirect("surveys:detail", agency.pk, survey.pk)
    return render(
        request,
        "surveys/definition.html",
        {"agency": agency, "survey": survey, "form": form, "has_responses": survey.responses.exists()},
        status=400 if form.errors else 200,
    )


@login_required
def survey_definition_json(request, agency_id: int, survey_id: int):
    _, survey = _scoped(request, agency_id, survey_id)
    body = json.dumps(survey.definition, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    attach(response, f"survey-{survey.pk}-questions.json")
    return response


@login_required
def survey_codes(request, agency_id: int, survey_id: int):
    agency, survey = _scoped(request, agency_id, survey_id, manage=True)  # 404 before anything else
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CodesForm(request.POST)
    codes = []
    if form.is_valid():
        try:
            codes = codes_issue(
                survey=survey, actor=request.user, count=form.cleaned_data["count"], request=request
            )
        except ValidationError as exc:
            _errors(form, exc)
    if not codes:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("surveys:detail", agency.pk, survey.pk)
    return render(
        request,
        "surveys/codes.html",
        {"agency": agency, "survey": survey, "codes": codes, "public_url": public_url(request, survey)},
    )


@login_required
def survey_poster(request, agency_id: int, survey_id: int):
    agency, survey = _scoped(request, agency_id, survey_id)
    url = public_url(request, survey)
    return render(
        request,
        "surveys/poster.html",
        {"agency": agency, "survey": survey, "public_url": url, "qr": qr_data_url(url)},
    )


@login_required
def survey_results_view(request, agency_id: int, survey_id: int):
    agency, survey = _scoped(request, agency_id, survey_id)
    results = survey_results(survey=survey)
    rows = [
        {
            "number": n,
            "name": results.indicator_names.get(n, ""),
            "score": score,
            "official": results.comparison.get(n),
            "difference": (score - results.comparison[n])
            if score is not None and n in results.comparison
            else None,
            "questions": [q for q in results.questions if q["indicator"] == n],
        }
        for n, score in results.indicators.items()
    ]
    return render(
        request,
        "surveys/results.html",
        {"agency": agency, "survey": survey, "results": results, "rows": rows, "today": timezone.localdate()},
    )


@login_required
def survey_export(request, agency_id: int, survey_id: int):
    _, survey = _scoped(request, agency_id, survey_id)
    response = HttpResponse(survey_answers_csv(survey=survey), content_type="text/csv; charset=utf-8")
    attach(response, f"survey-{survey.pk}-{survey.tool}-answers.csv")
    return response


@login_required
def survey_overview(request):
    """Every survey of a fiscal year in the agencies the user may see (a supervisor's view): response
    counts and indicator results, each under the same minimum count as the agency's own page."""
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else fiscal_year_of(timezone.localdate())
    surveys = queryset_scope(
        user=request.user, queryset=Survey.objects.filter(fiscal_year=year).select_related("agency")
    ).order_by("agency__name", "kind", "pk")
    rows = [(s, survey_results(survey=s)) for s in surveys]
    numbers = sorted({n for _, r in rows for n in r.indicators})
    return render(request, "surveys/overview.html", {"year": year, "rows": rows, "numbers": numbers})
