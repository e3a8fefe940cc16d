"""Plain SQL for the few statements on hot paths: citizen submissions (benchmarks/requests_load.py) and
the reads every signed-in page makes — session, user, agency (benchmarks/web_load.py).

Django compiles every ORM statement anew on every call; for a 35-column insert that costs more than the
database does. These helpers build their SQL once per model from the model's own `_meta` (so a new field
or a renamed column needs no edit here) and then only prepare the values. They run on SQLite and
PostgreSQL (the reads are plain standard SQL with the backend's own quoting; `insert` falls back to the
ORM on any other backend).
"""

from __future__ import annotations

import itertools
import threading
import time
from functools import cache

from django.core.signals import request_finished
from django.db import connection, models


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


@cache
def insert_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    """The columns an INSERT of a new row writes: every concrete field but the primary key."""
    return tuple(f for f in model._meta.concrete_fields if not f.primary_key)


def insert_params(obj: models.Model) -> list:
    """The values for `insert_fields`, prepared as the ORM would: defaults, auto_now(_add), adapters."""
    return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in insert_fields(type(obj))]


def mark_saved(obj: models.Model, pk) -> None:
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = connection.alias


@cache
def _insert_sql(model: type[models.Model]) -> str:
    columns = ", ".join(_quote(f.column) for f in insert_fields(model))
    marks = ", ".join(["%s"] * len(insert_fields(model)))
    pk = _quote(model._meta.pk.column)
    return f"INSERT INTO {_quote(model._meta.db_table)} ({columns}) VALUES ({marks}) RETURNING {pk}"


def insert(obj: models.Model) -> models.Model:
    """INSERT a new `obj` (primary key unset) in one statement and set its primary key, as `save()` would.

    Field defaults, `auto_now(_add)` and value preparation come from the fields themselves
    (`pre_save`, `get_db_prep_save`); no signals are sent (none are connected to these models).
    """
    if connection.vendor not in ("postgresql", "sqlite") or obj.pk is not None:
        obj.save(force_insert=obj.pk is None)
        return obj
    with connection.cursor() as cursor:
        cursor.execute(_insert_sql(type(obj)), insert_params(obj))
        (pk,) = cursor.fetchone()
    mark_saved(obj, pk)
    return obj


@cache
def _converters(model: type[models.Model], attnames: frozenset) -> tuple:
    out = []
    for field in model._meta.concrete_fields:
        if field.attname in attnames:
            col = field.get_col(model._meta.db_table)
            # The same converters, in the same order, as the ORM's compiler: the backend's, then the field's.
            out.append(
                (
                    field.attname,
                    col,
                    connection.ops.get_db_converters(col) + col.get_db_converters(connection),
                )
            )
    return tuple(out)


@cache
def _value_converters(model: type[models.Model], names: tuple) -> tuple:
    """((column, its converters) for each name; whether any column has one)."""
    out = []
    for name in names:
        col = model._meta.get_field(name).get_col(model._meta.db_table)
        out.append((col, tuple(connection.ops.get_db_converters(col) + col.get_db_converters(connection))))
    return tuple(out), any(converters for _col, converters in out)


def convert(model: type[models.Model], names: tuple, row) -> list:
    """A row's values for the model's fields `names` as the ORM would give them (a Decimal for a decimal
    column on SQLite too): for plain-SQL reads that return values, not instances."""
    plan, needed = _value_converters(model, names)
    if not needed:  # PostgreSQL's numeric is already a Decimal
        return list(row)
    out = []
    for value, (col, converters) in zip(row, plan, strict=True):
        for converter in converters:
            value = converter(value, col, connection)
        out.append(value)
    return out


def instance(model: type[models.Model], values: dict) -> models.Model:
    """A model instance from a row read with plain SQL: {field name: database value}; other fields deferred."""
    wanted = {model._meta.get_field(name).attname: value for name, value in values.items()}
    converted = []
    plan = _converters(model, frozenset(wanted))  # from_db wants the model's field order
    for attname, col, converters in plan:
        value = wanted[attname]
        for converter in converters:
            value = converter(value, col, connection)
        converted.append(value)
    return model.from_db(connection.alias, [attname for attname, _c, _f in plan], converted)


@cache
def _get_one_sql(model, fields: tuple, related: tuple, where: str) -> str:
    q, meta = _quote, model._meta
    columns = [f"t.{q(meta.get_field(n).column)}" for n in fields]
    joins = []
    for k, (name, names) in enumerate(related):
        fk = meta.get_field(name)
        other = fk.related_model._meta
        columns += [f"r{k}.{q(other.get_field(n).column)}" for n in names]
        joins.append(f"LEFT JOIN {q(other.db_table)} r{k} ON r{k}.{q(other.pk.column)} = t.{q(fk.column)}")
    return (
        f"SELECT {', '.join(columns)} FROM {q(meta.db_table)} t {' '.join(joins)} "
        f"WHERE t.{q(meta.get_field(where).column)} = %s LIMIT 1"
    )


def get_one(model, fields: tuple, related: dict[str, tuple] | None = None, **where) -> models.Model | None:
    """The row whose (unique) field equals the value — `get_one(Case, (...), {"agency": ("id", "name")},
    tracking_no=x)` — as an instance with only `fields` loaded and each foreign key in `related` joined
    (its listed fields loaded, the first being its primary key); None when there is no such row."""
    ((name, value),) = where.items()
    related_items = tuple((k, tuple(v)) for k, v in (related or {}).items())
    rows = fetch(_get_one_sql(model, tuple(fields), related_items, name), [value])
    if not rows:
        return None
    row = rows[0]
    obj = instance(model, dict(zip(fields, row[: len(fields)], strict=True)))
    start = len(fields)
    for fk_name, names in related_items:
        values = row[start : start + len(names)]
        start += len(names)
        if values[0] is not None:
            setattr(
                obj,
                fk_name,
                instance(model._meta.get_field(fk_name).related_model, dict(zip(names, values, strict=True))),
            )
    return obj


@cache
def field_names(model: type[models.Model]) -> tuple[str, ...]:
    """Every concrete field's name: what `get_full` loads, so the instance has no deferred fields."""
    return tuple(f.name for f in model._meta.concrete_fields)


def get_full(model: type[models.Model], pk) -> models.Model | None:
    """The row with this primary key, every field loaded — `Model.objects.get(pk=pk)` without the ORM's
    per-call compile; None when there is no such row."""
    return get_one(model, field_names(model), **{model._meta.pk.name: pk})


@cache
def _select_sql(model, fields: tuple, where: tuple, order_by: tuple, limit: int | None) -> str:
    q, meta = _quote, model._meta
    columns = ", ".join(q(meta.get_field(n).column) for n in fields)
    conditions = " AND ".join(
        f"{q(meta.get_field(n).column)} {'IS NULL' if is_null else '= %s'}" for n, is_null in where
    )
    order = ", ".join(
        f"{q(meta.get_field(n.lstrip('-')).column)} {'DESC' if n.startswith('-') else 'ASC'}"
        for n in order_by
    )
    return (
        f"SELECT {columns} FROM {q(meta.db_table)}"
        + (f" WHERE {conditions}" if conditions else "")
        + (f" ORDER BY {order}" if order else "")
        + (f" LIMIT {int(limit)}" if limit is not None else "")
    )


def select(
    model: type[models.Model], fields: tuple, *, order_by: tuple = (), limit: int | None = None, **where
) -> list[models.Model]:
    """Rows whose fields equal the given values (None: IS NULL), as instances with only `fields` loaded:
    `select(ItaResult, ("id", "fiscal_year"), order_by=("-fiscal_year",), agency=a.pk, superseded_at=None)`
    is `filter(...).order_by(...).only(...)` without the ORM's per-call compile."""
    rows = fetch(*select_statement(model, fields, order_by=order_by, limit=limit, **where))
    return [instance(model, dict(zip(fields, row, strict=True))) for row in rows]


def select_statement(model, fields: tuple, *, order_by: tuple = (), limit: int | None = None, **where):
    """(SQL, parameters) of `select(...)` with the same arguments: what `prefetch` takes."""
    keys = tuple((name, value is None) for name, value in where.items())
    params = [value for value in where.values() if value is not None]
    return _select_sql(model, tuple(fields), keys, tuple(order_by), limit), params


def get_one_statement(model, fields: tuple, **where):
    """(SQL, parameters) of `get_one(model, fields, **where)` (no related): what `prefetch` takes."""
    ((name, value),) = where.items()
    return _get_one_sql(model, tuple(fields), (), name), [value]


def get_full_statement(model, pk):
    """(SQL, parameters) of `get_full(model, pk)`: what `prefetch` takes."""
    return get_one_statement(model, field_names(model), **{model._meta.pk.name: pk})


_trips = itertools.count(1)  # numbers each prefetch in the query log, so a test can count round trips

# Prefetched rows, per thread (a request), by statement: taken once by the read that asks for them.
_prefetched = threading.local()


def prefetch(*statements) -> None:
    """Send several reads at once (one round trip instead of one each) and keep their rows for the
    `select`/`get_one` calls that will ask for exactly these statements, once each. Reads a view queued
    (`queue`) go along.

    For a page's independent reads, called just before them; rows not taken by the end of the request
    are dropped (`forget_prefetched`), and so is every earlier prefetch, so a read never sees rows older
    than its own request. On other databases (SQLite is in-process: no round trips) it does nothing.

    The reads go as one multi-statement query, each with its values bound by psycopg's client-side binding
    (the same quoting Django's PostgreSQL cursors use for every query), and come back as one result set
    each: a third of the client CPU of the same reads in pipeline mode (benchmarks/web_profile.py)."""
    statements += getattr(_prefetched, "queued", ())
    forget_prefetched()
    if connection.vendor != "postgresql" or len(statements) < 2:
        return
    with connection.cursor() as django_cursor:  # connects, with the health check, as any read does
        cursor = django_cursor.cursor  # Django's psycopg ClientCursor
        started = time.monotonic()
        with connection.wrap_database_errors:
            cursor.execute(";\n".join(cursor.mogrify(sql, params) for sql, params in statements))
            rows = [cursor.fetchall()]
            while cursor.nextset():
                rows.append(cursor.fetchall())
    if connection.queries_logged:  # the statements still show in Django's query log (tests, debug)
        taken, trip = f"{time.monotonic() - started:.3f}", next(_trips)
        for sql, params in statements:
            connection.queries_log.append(
                {"sql": f"{sql} -- {params!r} (prefetched, trip {trip})", "time": taken}
            )
    _prefetched.rows = {(sql, tuple(params)): r for (sql, params), r in zip(statements, rows, strict=True)}


def queue(*statements) -> None:
    """Reads a view is about to make, sent with the next `prefetch` of the request. On a signed-in page
    that is the session's (accounts/sessions.py): session, user and the page's reads in one round trip.
    The view calls `prefetch_queued()` where it would have prefetched them: it sends them if nothing has."""
    forget_prefetched()
    _prefetched.queued = tuple(statements)


def prefetch_queued() -> None:
    if getattr(_prefetched, "queued", ()):
        prefetch()


def forget_prefetched(**_) -> None:
    _prefetched.rows = {}
    _prefetched.queued = ()


request_finished.connect(forget_prefetched, dispatch_uid="prongsai.hotpath.forget_prefetched")


def fetch(sql: str, params: list) -> list:
    """Every row of one plain-SQL read: the prefetched rows when `prefetch` sent exactly this statement."""
    kept = getattr(_prefetched, "rows", None)
    if kept:
        found = kept.pop((sql, tuple(params)), None)
        if found is not None:
            return found
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
