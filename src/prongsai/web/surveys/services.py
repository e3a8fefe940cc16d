"""Writes of the surveys app: open and edit a survey, issue one-time codes, store a response."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from .. import hotpath
from ..agencies.models import Agency
from ..agencies.selectors import user_can
from ..audit.services import audit_record, client_hash
from .answers_codec import answers_encode
from .definitions import DefinitionError, definition_check, definition_edited, definition_start, parts_of
from .models import IdempotentSubmission, IssuedCode, Kind, RateCount, Response, Survey, UsedCode
from .rules import survey_rules

ACTION = "edit_results"  # who may open and manage the agency's surveys (roles.toml)


class SurveyClosed(Exception):
    """The survey is not open today (410)."""


class CodeUsed(Exception):
    """This one-time code was already used (409)."""


class RateLimited(Exception):
    """Too many responses from this device or address (429)."""


class AnswerErrors(Exception):
    """Thai-first messages per part id (and "code", "service"), shown beside each question (400)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def _check(actor, agency: Agency) -> None:
    """Views pass the signed-in user; None is the site operator on the command line (`prongsai survey`)."""
    if actor is not None and not user_can(user=actor, agency=agency, action=ACTION):
        raise PermissionDenied("บทบาทนี้จัดการแบบสำรวจไม่ได้ (this role cannot manage surveys)")


def _dates(opens_on: dt.date, closes_on: dt.date) -> None:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": "วันปิดรับคำตอบต้องไม่ก่อนวันเปิด (closes before it opens)"})


def survey_create(
    *,
    agency: Agency,
    actor,
    fiscal_year: int,
    kind: str,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    ask_service: bool = False,
    request=None,
) -> Survey:
    _check(actor, agency)
    _dates(opens_on, closes_on)
    tool = "IIT" if kind == Kind.INTERNAL else "EIT"
    definition, set_year, verified = definition_start(fiscal_year=fiscal_year, tool=tool)
    survey = Survey.objects.create(
        agency=agency,
        fiscal_year=fiscal_year,
        kind=kind,
        title=title,
        definition=definition,
        question_set_year=set_year,
        verified=verified,
        ask_service=ask_service and kind == Kind.EXTERNAL,
        opens_on=opens_on,
        closes_on=closes_on,
        token=secrets.token_urlsafe(16),
        code_salt=secrets.token_hex(16),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="survey.create",
        agency=agency,
        target=survey,
        summary=f"เปิดแบบสำรวจ {title} ปีงบประมาณ {fiscal_year}",
        details={"tool": tool, "question_set_year": set_year, "verified": verified},
        request=request,
    )
    return survey


def survey_update(
    *,
    survey: Survey,
    actor,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    ask_service: bool,
    request=None,
) -> Survey:
    _check(actor, survey.agency)
    _dates(opens_on, closes_on)
    survey.title, survey.opens_on, survey.closes_on = title, opens_on, closes_on
    survey.ask_service = ask_service and survey.kind == Kind.EXTERNAL
    survey.save(update_fields=["title", "opens_on", "closes_on", "ask_service"])
    audit_record(
        actor=actor,
        action="survey.update",
        agency=survey.agency,
        target=survey,
        summary=f"แก้ไขแบบสำรวจ {title}",
        details={"opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat()},
        request=request,
    )
    return survey


def survey_definition_update(*, survey: Survey, actor, definition: dict, request=None) -> Survey:
    """Replace the questions, parts, scales and reverse coding; only while no one has answered (the
    stored answers are positions in the definition's scales)."""
    _check(actor, survey.agency)
    if survey.responses.exists():
        raise ValidationError({"definition": "มีผู้ตอบแล้ว แก้ไขคำถามไม่ได้ (the survey already has responses)"})
    definition = definition_edited(definition)
    try:
        definition_check(definition, fiscal_year=survey.fiscal_year, tool=survey.tool)
    except DefinitionError as exc:
        raise ValidationError({"definition": exc.message}) from None
    survey.definition, survey.edited, survey.verified = definition, True, False
    survey.save(update_fields=["definition", "edited", "verified"])
    audit_record(
        actor=actor,
        action="survey.definition",
        agency=survey.agency,
        target=survey,
        summary=f"แก้ไขคำถามของแบบสำรวจ {survey.title}",
        request=request,
    )
    return survey


def code_normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(*, survey: Survey, code: str) -> str:
    return hashlib.sha256(f"{survey.code_salt}|{code_normalise(code)}".encode()).hexdigest()


@transaction.atomic
def codes_issue(*, survey: Survey, actor, count: int, request=None) -> list[str]:
    """New one-time codes for an internal survey. Only their hashes are stored: the list returned here is
    the one chance to print them."""
    _check(actor, survey.agency)
    rules = survey_rules()["codes"]
    if survey.kind != Kind.INTERNAL:
        raise ValidationError({"count": "รหัสใช้ครั้งเดียวมีเฉพาะแบบสำรวจภายใน"})
    if not 1 <= count <= rules["max_per_batch"]:
        raise ValidationError({"count": f"จำนวนรหัสต้องอยู่ระหว่าง 1 ถึง {rules['max_per_batch']}"})
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(rules["alphabet"]) for _ in range(rules["length"])))
    IssuedCode.objects.bulk_create(
        [IssuedCode(survey=survey, code_hash=code_hash(survey=survey, code=c)) for c in codes],
        ignore_conflicts=True,
    )
    audit_record(
        actor=actor,
        action="survey.codes",
        agency=survey.agency,
        target=survey,
        summary=f"ออกรหัสใช้ครั้งเดียว {count} รหัส",
        details={"count": count},
        request=request,
    )
    half = rules["length"] // 2
    return sorted(f"{c[:half]}-{c[half:]}" for c in codes)


def survey_state(*, survey: Survey, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    if today < survey.opens_on:
        return "before"
    return "open" if today <= survey.closes_on else "closed"


def answers_check(*, survey: Survey, answers: dict[str, str]) -> dict[str, str]:
    """Part id → code ("" for a blank) for every part, or AnswerErrors naming each wrong part in Thai."""
    return parts_check(parts_of(survey.definition), answers)


def parts_check(parts: list[dict], answers: dict[str, str]) -> dict[str, str]:
    """`answers_check` against a definition's parts (parts_of)."""
    known = {p["id"] for p in parts}
    errors = {k: f"ไม่มีคำถาม {k} ในแบบสำรวจนี้ (unknown question)" for k in answers if k not in known}
    clean = {}
    for n, p in enumerate(parts, 1):
        value = answers.get(p["id"])
        value = "" if value is None else str(value).strip()
        if value == "":
            if not p["blank_allowed"]:
                errors[p["id"]] = f"ข้อ {n}: โปรดเลือกคำตอบ ข้อนี้เว้นว่างไม่ได้ (an answer is required)"
        elif value not in p["codes"]:
            errors[p["id"]] = f"ข้อ {n}: คำตอบ {value!r} ใช้ไม่ได้ (ใช้ได้: {', '.join(p['codes'])})"
        clean[p["id"]] = value
    if errors:
        raise AnswerErrors(errors)
    return clean


def _insert_once(model, **values) -> bool:
    """INSERT … ON CONFLICT DO NOTHING in one statement: True when the row is new. No savepoint, so a
    response costs fewer round trips (PostgreSQL and SQLite ≥ 3.35 both have RETURNING)."""
    q = connection.ops.quote_name
    columns = ", ".join(q(model._meta.get_field(k).column) for k in values)
    marks = ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(model._meta.db_table)} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING RETURNING 1",
            list(values.values()),
        )
        return cursor.fetchone() is not None


def _window_start(minutes: int) -> dt.datetime:
    seconds = minutes * 60
    return dt.datetime.fromtimestamp(int(timezone.now().timestamp()) // seconds * seconds, tz=dt.UTC)


def _window_add(digest: str, minutes: int) -> int:
    """Add one to this (hashed) address's count in the current window (one upsert); the new count."""
    q = connection.ops.quote_name
    table = q(RateCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({q('client_hash')}, {q('window')}, {q('count')}) VALUES (%s, %s, 1) "
            f"ON CONFLICT ({q('client_hash')}, {q('window')}) DO UPDATE SET {q('count')} = {table}.{q('count')} + 1 "
            f"RETURNING {q('count')}",
            [digest, connection.ops.adapt_datetimefield_value(_window_start(minutes))],
        )
        return cursor.fetchone()[0]


def _rate_count(ip: str | None) -> None:
    """Count this submission to an external survey; RateLimited past the limit (the count is rolled back
    with the response when the limit refuses it)."""
    digest = client_hash(ip)
    rules = survey_rules()["external"]
    if digest and _window_add(digest, rules["window_minutes"]) > rules["public_per_window"]:
        raise RateLimited


def _wrong_code_key(ip: str | None) -> str:
    digest = client_hash(ip)
    return hashlib.sha256(f"code|{digest}".encode()).hexdigest()[:32] if digest else ""


def _wrong_codes_over(ip: str | None) -> bool:
    """Whether this address has typed too many unknown codes in the window (guessing codes)."""
    key, rules = _wrong_code_key(ip), survey_rules()["codes"]
    if not key:
        return False
    row = RateCount.objects.filter(
        client_hash=key, window=_window_start(rules["wrong_window_minutes"])
    ).first()
    return row is not None and row.count >= rules["wrong_per_window"]


class SurveyNotFound(Exception):  # noqa: N818 (as Http404)
    """No such survey, or one not open yet."""


def response_submit_by_id(
    *, survey_id: int, answers: dict[str, str], service_id: int | None = None, **kw
) -> bool:
    """`response_submit` for a survey named by its id (the API). On PostgreSQL an external survey's answer
    usually costs one statement (fastpath.py: the survey's parts are remembered per process and the
    statement itself checks that the survey is still open and unchanged); otherwise, or when that check
    fails, the survey is read and answered as `response_submit` does. Raises SurveyNotFound as well."""
    if connection.vendor == "postgresql" and not kw.get("code"):
        from .fastpath import cached_submit

        stored = cached_submit(survey_id, answers, service_id, kw.get("ip"), kw.get("idempotency_key", ""))
        if stored is not None:
            return stored
    survey = hotpath.get_one(Survey, ANSWER_FIELDS, id=survey_id)
    if survey is None or survey_state(survey=survey) == "before":
        raise SurveyNotFound
    stored = response_submit(survey=survey, answers=answers, service_id=service_id, **kw)
    if connection.vendor == "postgresql" and not survey.internal:
        from .fastpath import remember

        remember(survey)
    return stored


class _UnknownCode(Exception):
    pass


def response_submit(
    *,
    survey: Survey,
    answers: dict[str, str],
    code: str = "",
    service_id: int | None = None,
    ip: str | None = None,
    device_responses: int = 0,
    idempotency_key: str = "",
) -> bool:
    """Store one anonymous response and commit it before the caller acknowledges it. Returns False when an
    Idempotency-Key was already used (the response is stored once). Raises SurveyClosed, AnswerErrors,
    CodeUsed or RateLimited."""
    if survey_state(survey=survey) != "open":
        raise SurveyClosed
    clean = answers_check(survey=survey, answers=answers)
    service = None
    if survey.ask_service and service_id:
        from ..services.models import Service

        service = Service.objects.filter(agency_id=survey.agency_id, is_active=True, pk=service_id).first()
        if service is None:
            raise AnswerErrors({"service": "ไม่พบบริการนี้ในรายการบริการของหน่วยงาน (unknown service)"})
    hashed = code_hash(survey=survey, code=code) if survey.internal else ""
    if survey.internal and not code_normalise(code):
        raise AnswerErrors({"code": "โปรดกรอกรหัสใช้ครั้งเดียวที่ได้รับจากหน่วยงาน (a one-time code is required)"})
    if not survey.internal and device_responses >= survey_rules()["external"]["per_device"]:
        raise RateLimited
    if survey.internal and _wrong_codes_over(ip):
        raise RateLimited
    today = timezone.localdate()
    if not survey.internal and connection.vendor == "postgresql":
        from .fastpath import external_store

        answers_code = answers_encode(clean, parts_of(survey.definition))
        _guard_ok, stored = external_store(survey.pk, answers_code, service, ip, idempotency_key, today)
        return stored
    try:
        stored = _store(survey, clean, hashed, service, ip, idempotency_key, today)
    except _UnknownCode:
        key = _wrong_code_key(ip)
        if key:
            with transaction.atomic():  # kept although the answer is refused
                _window_add(key, survey_rules()["codes"]["wrong_window_minutes"])
        raise AnswerErrors({"code": "ไม่พบรหัสนี้ โปรดตรวจสอบรหัสอีกครั้ง (unknown code)"}) from None
    return stored


# What answering needs of a survey: one narrow read on the busiest path (benchmarks/surveys_load.py).
ANSWER_FIELDS = ("id", "agency", "kind", "ask_service", "opens_on", "closes_on", "code_salt", "definition")


@transaction.atomic
def _store(survey: Survey, clean: dict, hashed: str, service, ip, idempotency_key: str, today) -> bool:
    """The writes of one response, all in one transaction."""
    if idempotency_key:
        key = hashlib.sha256(f"{survey.pk}|{idempotency_key}".encode()).hexdigest()
        if not _insert_once(
            IdempotentSubmission, key_hash=key, day=connection.ops.adapt_datefield_value(today)
        ):
            return False
    if survey.internal:
        if not IssuedCode.objects.filter(survey=survey, code_hash=hashed).exists():
            raise _UnknownCode
        if not _insert_once(UsedCode, code_hash=hashed, survey_ref=survey.pk):
            raise CodeUsed
    else:
        _rate_count(ip)
    hotpath.insert(
        Response(
            survey=survey,
            day=today,
            answers=answers_encode(clean, parts_of(survey.definition)),
            service=service,
        )
    )
    return True
