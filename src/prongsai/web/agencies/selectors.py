"""Reads about agencies and the one scoping rule every app uses: what a user may see and do.

Staff of one agency never see another's data: views fetch through `agency_get_visible` or filter with
`queryset_scope`, both of which turn "not yours" into 404 (never 403, so ids do not leak existence).
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from .. import hotpath
from .models import Agency, Division, Membership, Supervision

ROLES_FILE = Path(__file__).with_name("roles.toml")


@cache
def _role_actions() -> dict[str, frozenset[str]]:
    data = tomllib.loads(ROLES_FILE.read_text(encoding="utf-8"))
    out = {role: frozenset(v["actions"]) for role, v in data["roles"].items()}
    out["supervisor"] = frozenset(data["supervisor"]["actions"])
    return out


def role_list() -> list[str]:
    """The staff roles defined in roles.toml, in the file's order (every one is a `Role` value)."""
    return [r for r in _role_actions() if r != "supervisor"]


def agency_list_visible(*, user) -> QuerySet[Agency]:
    """Agencies the user may see: their memberships and supervisions; every agency for a superuser."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(Q(memberships__user=user) | Q(supervisions__user=user)).distinct()


@cache
def access_sql() -> str:
    """The user's memberships (agency_id, role) and supervisions (agency_id, "") in one statement;
    parameters (user id, user id). The one definition of whom a user may see, as SQL: the access read,
    the user read and the comparison's scope are built on it.

    Plain SQL built once from the models' own tables and columns: the ORM compiles a UNION anew on
    every call, and that cost more than the database did on every staff page (benchmarks/web_load.py)."""
    q = connection.ops.quote_name
    m, s = Membership._meta, Supervision._meta
    col = lambda meta, name: q(meta.get_field(name).column)  # noqa: E731
    return (
        f"SELECT {col(m, 'agency')} AS agency_id, {col(m, 'role')} AS role FROM {q(m.db_table)} "
        f"WHERE {col(m, 'user')} = %s "
        f"UNION ALL SELECT {col(s, 'agency')}, '' FROM {q(s.db_table)} WHERE {col(s, 'user')} = %s"
    )


def _set_access(user, rows) -> tuple[dict[int, str], frozenset[int]]:
    roles, supervised = {}, set()
    for agency_id, role in rows:
        if role:
            roles[int(agency_id)] = role
        else:
            supervised.add(int(agency_id))
    user._prongsai_access = (roles, frozenset(supervised))
    return user._prongsai_access


def _access(user) -> tuple[dict[int, str], frozenset[int]]:
    """The user's roles by agency id and supervised agency ids: one query, once per request (none when
    the user was read with `user_get_with_access`)."""
    cached = getattr(user, "_prongsai_access", None)
    if cached is None:
        cached = _set_access(user, hotpath.fetch(access_sql(), [user.pk, user.pk]))
    return cached


# The access rows folded into one text column ("12:ita_coordinator,40:"): the user and their access in
# one statement. Roles are identifiers (roles.toml), so ":" and "," cannot occur in them.
_FOLD = {"postgresql": "string_agg({}, ',')", "sqlite": "group_concat({}, ',')"}


@cache
def _user_access_sql(user_model) -> str:
    q, u = connection.ops.quote_name, user_model._meta
    fold = _FOLD[connection.vendor].format("CAST(a.agency_id AS TEXT) || ':' || a.role")
    columns = ", ".join(f"t.{q(f.column)}" for f in u.concrete_fields)
    return (
        f"SELECT {columns}, (SELECT {fold} FROM ({access_sql()}) a) FROM {q(u.db_table)} t "
        f"WHERE t.{q(u.pk.column)} = %s"
    )


def user_with_access_statement(user_model, user_id):
    """The read `user_get_with_access` makes, for `hotpath.prefetch` (PostgreSQL and SQLite)."""
    return _user_access_sql(user_model), [user_id, user_id, user_id]


def user_get_with_access(user_model, user_id):
    """The user with every field, and their roles and supervisions read in the same statement (the
    authentication backend's read on every signed-in request); None when there is no such user."""
    if connection.vendor not in _FOLD:
        return hotpath.get_full(user_model, user_id)
    rows = hotpath.fetch(*user_with_access_statement(user_model, user_id))
    if not rows:
        return None
    row = rows[0]
    names = hotpath.field_names(user_model)
    user = hotpath.instance(user_model, dict(zip(names, row[: len(names)], strict=True)))
    folded = row[len(names)]
    _set_access(user, [item.split(":", 1) for item in folded.split(",")] if folded else [])
    return user


def agency_ids_visible(*, user) -> set[int] | None:
    """Ids of visible agencies, or None meaning "all" (superuser); cheap to reuse within a request."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    roles, supervised = _access(user)
    return set(roles) | supervised


def agency_check_visible(*, user, agency_id: int) -> None:
    """Http404 unless the user may see the agency (no query: the access read with the user)."""
    ids = agency_ids_visible(user=user)
    if ids is not None and int(agency_id) not in ids:
        raise Http404("ไม่พบหน่วยงาน")


def agency_statement(agency_id: int):
    """The read `agency_get_visible` makes, for `hotpath.prefetch`."""
    return hotpath.get_full_statement(Agency, int(agency_id))


def agency_get_visible(*, user, agency_id: int) -> Agency:
    """The agency if the user may see it; otherwise Http404 (also for ids that do not exist)."""
    agency_check_visible(user=user, agency_id=agency_id)
    try:
        found = hotpath.get_full(Agency, int(agency_id))  # on every agency page: no ORM compile
    except ValueError:
        found = None
    if found is None:
        raise Http404("ไม่พบหน่วยงาน")
    return found


def queryset_scope(*, user, queryset: QuerySet, agency_field: str = "agency") -> QuerySet:
    """Filter any queryset to rows whose `agency_field` (a lookup path) is an agency the user may see."""
    ids = agency_ids_visible(user=user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{agency_field}__in": ids})


def object_get_scoped(*, user, queryset: QuerySet, pk, agency_field: str = "agency"):
    """One object by primary key from a scoped queryset, or Http404."""
    try:
        return queryset_scope(user=user, queryset=queryset, agency_field=agency_field).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404("ไม่พบข้อมูล") from None


def membership_get(*, user, agency: Agency) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, agency=agency).select_related("division").first()


def user_actions(*, user, agency: Agency) -> frozenset[str]:
    """Everything the user may do in this agency (empty when they may not even see it)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset().union(*_role_actions().values())
    roles, supervised = _access(user)
    actions = set(_role_actions()[roles[agency.pk]]) if agency.pk in roles else set()
    if agency.pk in supervised:
        actions |= _role_actions()["supervisor"]
    return frozenset(actions)


def user_can(*, user, agency: Agency, action: str) -> bool:
    return action in user_actions(user=user, agency=agency)


def user_is_supervisor(*, user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(_access(user)[1]))


def division_list(*, agency: Agency) -> QuerySet[Division]:
    """Every division of the agency, retired ones included (for history: filters of past cases)."""
    return Division.objects.filter(agency=agency)


def division_choices(*, agency: Agency, keep=()) -> QuerySet[Division]:
    """The divisions offered for a new choice: the agency's current ones, plus any in `keep` (what the
    object being edited already has, so that editing it does not silently drop a retired division)."""
    keep_ids = [d.pk if isinstance(d, Division) else d for d in keep if d]
    return Division.objects.filter(Q(retired_at__isnull=True) | Q(pk__in=keep_ids), agency=agency)


def staff_list(*, agency: Agency) -> QuerySet[Membership]:
    """The agency's staff with their accounts and divisions, administrators first."""
    return (
        Membership.objects.filter(agency=agency)
        .select_related("user", "division")
        .order_by("role", "user__first_name", "user__username")
    )


def agency_list_public() -> QuerySet[Agency]:
    """Agencies shown on the public front page (name and published results only)."""
    return Agency.objects.filter(is_public=True)


def agency_signoff(*, agency: Agency) -> dict[str, str]:
    """Who signs the agency's documents: the chief executive's name and position (settings page)."""
    return {"name": agency.chief_name, "position": agency.chief_position}


def agency_public_get(*, agency_id: int) -> Agency:
    """A public agency for its public pages, or Http404 (also when it is not public)."""
    found = Agency.objects.filter(pk=agency_id, is_public=True).first()
    if found is None:
        raise Http404("ไม่พบหน่วยงาน")
    return found


def agency_logo_get(*, agency: Agency):
    """The agency's logo row (content and type), or None."""
    from .models import AgencyLogo

    return AgencyLogo.objects.filter(agency=agency).first()


def agency_name_history(*, agency: Agency) -> QuerySet:
    return agency.name_history.all()
