"""Writing a new case with its first event — and, for a partner system, counting its API key's minute.

On PostgreSQL an API-key submission is one statement (count the key's minute; if still within the limit,
insert the case and its "received" event): one round trip and one commit, which is what lets a two-worker
server take hundreds of Open311 submissions a second (benchmarks/requests_load.py). Everything else — and
every submission on SQLite — takes the plain path: a transaction with one statement per row. Both paths
run in the test suite (it runs on both databases).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db import connection, transaction

from .. import hotpath
from ..open311.models import ApiKeyUsage
from .models import Case, CaseEvent


class OverLimit(Exception):
    """The API key has used up its submissions for this minute."""


@dataclass(frozen=True)
class KeyCount:
    key_id: int
    minute: object  # aware datetime, the start of the minute
    limit: int


def case_store(*, case: Case, event: CaseEvent, attachments=(), count: KeyCount | None = None) -> Case:
    """INSERT the case, its event and attachments (all or nothing); with `count`, count the key's minute
    first and raise OverLimit (storing nothing) when the key is over its limit."""
    if count is not None and not attachments and connection.vendor == "postgresql":
        if connection.in_atomic_block:  # a failing statement must not break the caller's transaction
            with transaction.atomic():
                return _store_one_statement(case, event, count)
        return _store_one_statement(case, event, count)
    with transaction.atomic():
        if count is not None and _count_minute(count) > count.limit:
            raise OverLimit
        hotpath.insert(case)
        event.case = case
        hotpath.insert(event)
        for attachment in attachments:
            attachment.case = case
            hotpath.insert(attachment)
    return case


def _usage_upsert() -> str:
    table = ApiKeyUsage._meta.db_table
    return (
        f"INSERT INTO {table} (api_key_id, minute, count) VALUES (%s, %s, 1) "
        f"ON CONFLICT (api_key_id, minute) DO UPDATE SET count = {table}.count + 1 RETURNING count"
    )


def _count_minute(count: KeyCount) -> int:
    """One statement on both databases: no read-then-write race between app-server processes."""
    with connection.cursor() as cursor:
        cursor.execute(_usage_upsert(), [count.key_id, count.minute])
        return cursor.fetchone()[0]


@cache
def _one_statement_sql() -> str:
    q = connection.ops.quote_name
    case_fields = hotpath.insert_fields(Case)
    event_fields = [f for f in hotpath.insert_fields(CaseEvent) if f.name != "case"]

    def typed(fields) -> str:
        return ", ".join(f"CAST(%s AS {f.cast_db_type(connection)})" for f in fields)

    event_fk = q(CaseEvent._meta.get_field("case").column)
    return (
        f"WITH u AS ({_usage_upsert()}), "
        f"c AS (INSERT INTO {q(Case._meta.db_table)} ({', '.join(q(f.column) for f in case_fields)}) "
        f"SELECT {typed(case_fields)} FROM u WHERE u.count <= %s RETURNING {q(Case._meta.pk.column)}), "
        f"e AS (INSERT INTO {q(CaseEvent._meta.db_table)} "
        f"({event_fk}, {', '.join(q(f.column) for f in event_fields)}) "
        f"SELECT c.{q(Case._meta.pk.column)}, {typed(event_fields)} FROM c) "
        f"SELECT u.count, (SELECT {q(Case._meta.pk.column)} FROM c) FROM u"
    )


def _store_one_statement(case: Case, event: CaseEvent, count: KeyCount) -> Case:
    event_params = [
        p
        for f, p in zip(hotpath.insert_fields(CaseEvent), hotpath.insert_params(event), strict=True)
        if f.name != "case"
    ]
    params = [count.key_id, count.minute, *hotpath.insert_params(case), count.limit, *event_params]
    with connection.cursor() as cursor:
        cursor.execute(_one_statement_sql(), params)
        _used, pk = cursor.fetchone()
    if pk is None:
        raise OverLimit
    hotpath.mark_saved(case, pk)
    event.case = case
    return case
