"""JSON API of the surveys: the questions and answering (public while open), scores and export (staff).

A part id in the questions is the answer column name that `prongsai score-survey` reads.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from ninja import Router, Schema

from ..agencies.selectors import agency_get_visible
from ..audit.services import client_ip
from ..files.serve import attach
from .definitions import parts_of
from .models import Survey
from .selectors import survey_answers_csv, survey_results
from .services import (
    AnswerErrors,
    CodeUsed,
    RateLimited,
    SurveyClosed,
    SurveyNotFound,
    response_submit_by_id,
    survey_state,
)

router = Router()


class PartOut(Schema):
    id: str
    text_th: str
    codes: list[str]
    labels_th: dict[str, str]
    blank_allowed: bool


class QuestionOut(Schema):
    id: str
    indicator: int
    text_th: str
    parts: list[PartOut]


class SurveyOut(Schema):
    id: int
    tool: str
    fiscal_year: int
    question_set_year: int
    verified: bool
    opens_on: str
    closes_on: str
    questions: list[QuestionOut]


class ResponseIn(Schema):
    answers: dict[str, str | int | None]
    code: str = ""
    service_id: int | None = None


class ScoresOut(Schema):
    responses: int
    min_responses: int
    verified: bool
    own_measurement: str
    indicators: dict[str, float | None]
    tools: dict[str, float | None]


def _open_survey(survey_id: int) -> Survey:
    survey = Survey.objects.select_related("agency").filter(pk=survey_id).first()
    if survey is None or survey_state(survey=survey) == "before":
        raise Http404("ไม่พบแบบสำรวจ")
    return survey


def _error(status: int, errors: dict[str, str]) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status, json_dumps_params={"ensure_ascii": False})


@router.get("/{survey_id}", response=SurveyOut, auth=None)
def survey_get(request, survey_id: int):
    """The questions of a survey that has opened (410 once closed)."""
    survey = _open_survey(survey_id)
    if survey_state(survey=survey) == "closed":
        return _error(410, {"survey": "แบบสำรวจนี้ปิดรับคำตอบแล้ว (closed)"})
    parts = parts_of(survey.definition)
    questions = []
    for q in survey.definition["questions"]:
        own = [p for p in parts if p["question"] is q]
        questions.append(
            {
                "id": q["id"],
                "indicator": q["indicator"],
                "text_th": q["text_th"],
                "parts": [
                    {
                        "id": p["id"],
                        "text_th": p["text_th"] or q["text_th"],
                        "codes": p["codes"],
                        "labels_th": p["labels_th"],
                        "blank_allowed": p["blank_allowed"],
                    }
                    for p in own
                ],
            }
        )
    return {
        "id": survey.pk,
        "tool": survey.tool,
        "fiscal_year": survey.fiscal_year,
        "question_set_year": survey.question_set_year,
        "verified": survey.verified,
        "opens_on": survey.opens_on.isoformat(),
        "closes_on": survey.closes_on.isoformat(),
        "questions": questions,
    }


@router.post("/{survey_id}/responses", auth=None)
def response_post(request, survey_id: int, payload: ResponseIn):
    """Store one anonymous response: 201 once committed; 400 with a Thai-first error per part; 409 for a
    used code; 410 when closed; 429 over the limit. A retried POST with the same Idempotency-Key is stored
    once (201 again)."""
    answers = {k: "" if v is None else str(v) for k, v in payload.answers.items()}
    try:
        stored = response_submit_by_id(
            survey_id=survey_id,
            answers=answers,
            code=payload.code,
            service_id=payload.service_id,
            ip=client_ip(request),
            idempotency_key=request.headers.get("Idempotency-Key", "")[:100],
        )
    except SurveyNotFound:
        raise Http404("ไม่พบแบบสำรวจ") from None
    except AnswerErrors as exc:
        return _error(400, exc.errors)
    except CodeUsed:
        return _error(409, {"code": "รหัสนี้ใช้ตอบไปแล้ว รหัสหนึ่งใช้ได้ครั้งเดียว (code already used)"})
    except SurveyClosed:
        return _error(410, {"survey": "แบบสำรวจนี้ปิดรับคำตอบแล้ว (closed)"})
    except RateLimited:
        return _error(429, {"survey": "ส่งคำตอบเกินจำนวนที่รับจากเครือข่ายนี้ โปรดลองใหม่ภายหลัง (too many responses)"})
    return JsonResponse({"stored": True, "repeated": not stored}, status=201)


def _staff_survey(request, survey_id: int) -> Survey:
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None:
        raise Http404("ไม่พบแบบสำรวจ")
    agency_get_visible(user=request.user, agency_id=survey.agency_id)  # 404 for another agency's staff
    return survey


@router.get("/{survey_id}/scores", response=ScoresOut)
def scores_get(request, survey_id: int):
    """Scores computed with score-survey's code; null below the minimum count."""
    survey = _staff_survey(request, survey_id)
    results = survey_results(survey=survey)
    return {
        "responses": results.responses,
        "min_responses": results.min_responses,
        "verified": survey.verified,
        "own_measurement": "ผลการสำรวจของหน่วยงานเอง ไม่ใช่ผลการประเมินของสำนักงาน ป.ป.ช. (the agency's own survey)",
        "indicators": {str(k): (float(v) if v is not None else None) for k, v in results.indicators.items()},
        "tools": {k: (float(v) if v is not None else None) for k, v in results.tools.items()},
    }


@router.get("/{survey_id}/answers.csv")
def answers_csv(request, survey_id: int):
    """Every response in the CSV format `prongsai score-survey` reads."""
    survey = _staff_survey(request, survey_id)
    response = HttpResponse(survey_answers_csv(survey=survey), content_type="text/csv; charset=utf-8")
    attach(response, f"survey-{survey.pk}-{survey.tool}-answers.csv")
    return response
