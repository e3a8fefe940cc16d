"""The busiest path: an external survey's answer on PostgreSQL, in one statement.

Nationally most ITA responses come from service users in a few weeks (issue 15: ≥ 400 acknowledged per
second on 2 cores). `external_store` writes the Idempotency-Key, the address's count and the response in
one statement (data-modifying CTEs), so they are kept together or not at all and the answer is committed
when the statement returns: one round trip instead of five (BEGIN, three inserts, COMMIT).

`cached_submit` also skips reading the survey: each process remembers what answering needs of a survey
(its parts, whether it asks for a service) with the md5 of its definition as PostgreSQL prints it. The
statement writes only if the survey is, at that moment, external, open today, asks for a service or not
as remembered, and has that very definition; otherwise nothing is written and the caller reads the survey and answers as usual (a survey
closed early, edited or removed is never answered from memory).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from django.db import DataError, connection, transaction
from django.utils import timezone

from ..audit.services import client_hash
from .answers_codec import answers_encode
from .definitions import parts_of
from .models import IdempotentSubmission, Kind, RateCount, Response, Survey

REMEMBERED = 512  # surveys a process remembers (least recently used forgotten first)


@dataclass(frozen=True)
class _Known:
    parts: list
    ask_service: bool
    digest: str  # md5(definition::text)


_known: OrderedDict[int, _Known] = OrderedDict()


def remember(survey: Survey) -> None:
    with connection.cursor() as cursor:
        q = connection.ops.quote_name
        cursor.execute(
            f"SELECT md5(definition::text) FROM {q(Survey._meta.db_table)} WHERE id = %s", [survey.pk]
        )
        row = cursor.fetchone()
    if row is None:
        return
    _known[survey.pk] = _Known(parts_of(survey.definition), survey.ask_service, row[0])
    _known.move_to_end(survey.pk)
    while len(_known) > REMEMBERED:
        _known.popitem(last=False)


def cached_submit(survey_id: int, answers: dict, service_id, ip, idempotency_key: str) -> bool | None:
    """True (stored) or False (a repeated key) when answered from memory; None when the caller must read
    the survey (not remembered, a service to check, answers the remembered questions refuse, or the
    statement found it closed or changed). Raises RateLimited as `response_submit` does."""
    from .services import AnswerErrors, parts_check

    known = _known.get(survey_id)
    if known is None or (known.ask_service and service_id):
        return None
    try:
        clean = parts_check(known.parts, answers)
    except AnswerErrors:  # refused from memory: the caller checks against the survey as it is now
        return None
    guard = (Kind.EXTERNAL.value, known.ask_service, known.digest)
    ok, stored = external_store(
        survey_id, answers_encode(clean, known.parts), None, ip, idempotency_key, timezone.localdate(), guard
    )
    if not ok:
        _known.pop(survey_id, None)
        return None
    _known.move_to_end(survey_id)
    return stored


def external_store(survey_id, answers_code: str, service, ip, idempotency_key: str, today, guard=None):
    """(the guard held, stored): the writes of `services._store` for an external survey as one statement.
    `guard` (kind, ask_service, definition digest): write only while the survey row still has them and is
    open today.
    Over the address's limit the statement fails on purpose (a division by zero in the branch that only
    runs then), so nothing of it is kept, as when `_store`'s transaction rolls back: RateLimited."""
    if connection.in_atomic_block:  # inside a caller's transaction: a savepoint keeps it usable
        with transaction.atomic():
            return _statement(survey_id, answers_code, service, ip, idempotency_key, today, guard)
    return _statement(survey_id, answers_code, service, ip, idempotency_key, today, guard)


def _statement(survey_id, answers_code: str, service, ip, idempotency_key: str, today, guard):
    from .services import RateLimited, _window_start, survey_rules

    q = connection.ops.quote_name
    digest = client_hash(ip)
    rules = survey_rules()["external"]

    key = hashlib.sha256(f"{survey_id}|{idempotency_key}".encode()).hexdigest() if idempotency_key else ""
    survey_t, idem_t, rate_t, resp_t = (
        q(m._meta.db_table) for m in (Survey, IdempotentSubmission, RateCount, Response)
    )
    day = connection.ops.adapt_datefield_value(today)
    params: list = []
    ctes = []
    if guard:
        ctes.append(
            f"guard AS (SELECT 1 FROM {survey_t} WHERE id = %s AND kind = %s AND opens_on <= %s"
            " AND closes_on >= %s AND ask_service = %s AND md5(definition::text) = %s)"
        )
        params += [survey_id, guard[0], day, day, guard[1], guard[2]]
    held = "EXISTS (SELECT 1 FROM guard)" if guard else "TRUE"
    if key:
        ctes.append(
            f"idem AS (INSERT INTO {idem_t} (key_hash, day) SELECT %s, %s WHERE {held}"
            " ON CONFLICT DO NOTHING RETURNING 1)"
        )
        params += [key, day]
    fresh = "EXISTS (SELECT 1 FROM idem)" if key else held
    if digest:
        ctes.append(
            f"rate AS (INSERT INTO {rate_t} (client_hash, {q('window')}, {q('count')}) SELECT %s, %s, 1"
            f" WHERE {fresh} ON CONFLICT (client_hash, {q('window')}) DO UPDATE"
            f" SET {q('count')} = {rate_t}.{q('count')} + 1 WHERE {rate_t}.{q('count')} < %s RETURNING 1)"
        )
        params += [digest, connection.ops.adapt_datetimefield_value(_window_start(rules["window_minutes"]))]
        params += [rules["public_per_window"]]
        allowed = "EXISTS (SELECT 1 FROM rate)"
    else:
        allowed = fresh
    ctes.append(
        f"resp AS (INSERT INTO {resp_t} (survey_id, day, answers, service_id) SELECT %s, %s, %s, %s"
        f" WHERE {allowed} RETURNING 1)"
    )
    params += [survey_id, day, answers_code, service.pk if service else None]
    over = (
        f"CASE WHEN {fresh} AND NOT {allowed} THEN 1 / (SELECT count(*) FROM resp)::int END"
        if digest
        else "NULL"
    )
    sql = f"WITH {', '.join(ctes)} SELECT {held}, (SELECT count(*) FROM resp), {over}"
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ok, stored, _over = cursor.fetchone()
    except DataError as exc:  # the limit's division by zero: nothing was written
        if "division by zero" in str(exc):
            raise RateLimited from None
        raise
    return bool(ok), bool(stored)
