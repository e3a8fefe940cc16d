"""The answering pages (/s/<token>/): anonymous, phone-first, no account; a closed survey says so."""

from __future__ import annotations

from django.conf import settings
from django.core.signing import BadSignature
from django.shortcuts import redirect, render

from ..audit.services import client_ip
from .definitions import parts_of
from .selectors import survey_get_public
from .services import AnswerErrors, CodeUsed, RateLimited, SurveyClosed, response_submit, survey_state

COOKIE_SALT = "prongsai.surveys.device"


def device_cookie(survey) -> str:
    return f"prongsai_survey_{survey.pk}"


def device_responses(request, survey) -> int:
    try:
        return int(request.get_signed_cookie(device_cookie(survey), default="0", salt=COOKIE_SALT))
    except (BadSignature, ValueError):
        return 0


def _questions(survey, values: dict, errors: dict) -> list[dict]:
    """The definition's questions with their parts, what was chosen and each part's error."""
    parts = parts_of(survey.definition)
    by_question: dict[str, list] = {}
    for n, p in enumerate(parts, 1):
        by_question.setdefault(p["question"]["id"], []).append(
            {
                **p,
                "number": n,
                "choices": [(c, p["labels_th"].get(c, c)) for c in p["codes"]],
                "value": values.get(p["id"], ""),
                "error": errors.get(p["id"], ""),
            }
        )
    return [{"question": q, "parts": by_question[q["id"]]} for q in survey.definition["questions"]]


def survey_answer(request, token: str):
    survey = survey_get_public(token=token)
    state = survey_state(survey=survey)
    if state != "open":
        return render(
            request,
            "surveys/closed.html",
            {"survey": survey, "state": state},
            status=410 if state == "closed" else 200,
        )
    values, errors, status = {}, {}, 200
    if request.method == "POST":
        part_ids = [p["id"] for p in parts_of(survey.definition)]
        values = {k: request.POST.get(k, "") for k in part_ids}
        service = request.POST.get("service", "")
        try:
            response_submit(
                survey=survey,
                answers=values,
                code=request.POST.get("code", ""),
                service_id=int(service) if service.isdigit() else None,
                ip=client_ip(request),
                device_responses=device_responses(request, survey),
            )
        except AnswerErrors as exc:
            errors, status = exc.errors, 400
        except CodeUsed:
            errors, status = (
                {"code": "รหัสนี้ใช้ตอบแบบสำรวจไปแล้ว รหัสหนึ่งใช้ได้ครั้งเดียว (this code was already used)"},
                409,
            )
        except RateLimited:
            errors, status = (
                {"form": "อุปกรณ์หรือเครือข่ายนี้ส่งคำตอบครบจำนวนที่รับแล้ว ขอบคุณที่ร่วมตอบ (limit reached)"},
                429,
            )
        except SurveyClosed:
            return render(request, "surveys/closed.html", {"survey": survey, "state": "closed"}, status=410)
        else:
            # Stored and committed: only now is it acknowledged.
            response = redirect("surveys:thanks", survey.token)
            if not survey.internal:
                response.set_signed_cookie(
                    device_cookie(survey),
                    str(device_responses(request, survey) + 1),
                    salt=COOKIE_SALT,
                    max_age=400 * 24 * 3600,
                    httponly=True,
                    samesite="Lax",
                    secure=getattr(settings, "SESSION_COOKIE_SECURE", False),
                )
            return response
    services = []
    if survey.ask_service:
        from ..services.selectors import service_list_public

        services = list(service_list_public(agency=survey.agency).order_by("order", "name_th"))
    return render(
        request,
        "surveys/answer.html",
        {
            "survey": survey,
            "questions": _questions(survey, values, errors),
            "errors": errors,
            "code": request.POST.get("code", "") if request.method == "POST" and "code" not in errors else "",
            "services": services,
            "service_value": request.POST.get("service", ""),
        },
        status=status,
    )


def survey_thanks(request, token: str):
    survey = survey_get_public(token=token)
    return render(request, "surveys/thanks.html", {"survey": survey})
