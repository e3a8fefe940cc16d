"""Writes about agencies: create an agency with its divisions, add staff, assign supervisors."""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from ..audit.services import audit_record
from .models import Agency, Division, Membership, Role, Supervision

DEFAULT_DIVISIONS_FILE = Path(__file__).with_name("default_divisions.toml")


def default_divisions() -> list[str]:
    return tomllib.loads(DEFAULT_DIVISIONS_FILE.read_text(encoding="utf-8"))["divisions"]


@transaction.atomic
def agency_create(
    *,
    name: str,
    type: str = "",
    province: str = "",
    district: str = "",
    dla_code: str = "",
    divisions: list[str] | None = None,
    actor=None,
) -> Agency:
    agency = Agency.objects.create(
        name=name, type=type, province=province, district=district, dla_code=dla_code
    )
    names = default_divisions() if divisions is None else divisions
    Division.objects.bulk_create([Division(agency=agency, name=n, order=k) for k, n in enumerate(names)])
    audit_record(actor=actor, agency=agency, action="agency.create", target=agency, details={"name": name})
    return agency


@transaction.atomic
def staff_add(
    *,
    agency: Agency,
    username: str,
    role: str,
    password: str | None = None,
    division: Division | None = None,
    full_name: str = "",
    actor=None,
):
    """Create (or reuse) a staff account and give it a role in the agency."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    Membership(agency=agency, role=role, division=division).clean()  # ValidationError: another agency's
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    Membership.objects.update_or_create(
        user=user, agency=agency, defaults={"role": role, "division": division}
    )
    user.__dict__.pop("_prongsai_access", None)  # the per-request access cache (agencies.selectors)
    audit_record(
        actor=actor,
        agency=agency,
        action="staff.add",
        target=user,
        details={"username": username, "role": role},
    )
    return user


@transaction.atomic
def supervision_set(*, user, agencies, actor=None) -> None:
    """Replace the supervisor's chosen set of agencies."""
    wanted = {a.pk for a in agencies}
    Supervision.objects.filter(user=user).exclude(agency_id__in=wanted).delete()
    have = set(Supervision.objects.filter(user=user).values_list("agency_id", flat=True))
    Supervision.objects.bulk_create([Supervision(user=user, agency_id=pk) for pk in wanted - have])
    user.__dict__.pop("_prongsai_access", None)
    audit_record(
        actor=actor, agency=None, action="supervision.set", target=user, details={"agencies": sorted(wanted)}
    )
