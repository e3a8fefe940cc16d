"""Open311 API keys: issue (the plain key is shown once), revoke, and look up by the key a client sends."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.utils import timezone

from ..agencies.models import Agency
from ..audit.services import audit_record
from ..hotpath import instance
from ..services.models import Service
from .models import ApiKey

# What a submission reads of its key, agency and service (the manual's long texts stay in the database).
TARGET_FIELDS = {
    ApiKey: ("id", "agency_id", "name", "revoked_at"),
    Agency: ("id", "name", "dla_code", "is_public"),
    Service: (
        "id",
        "agency_id",
        "code",
        "name_th",
        "division_id",
        "answer_days",
        "attributes",
        "needs_location",
        "is_active",
    ),
}


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def apikey_issue(*, agency: Agency, name: str, actor, request=None) -> tuple[ApiKey, str]:
    prefix = secrets.token_hex(4)
    plain = f"ps_{prefix}_{secrets.token_urlsafe(24)}"
    row = ApiKey.objects.create(
        agency=agency,
        name=(name.strip() or "Open311")[:120],
        prefix=prefix,
        key_hash=_hash(plain),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="open311_key.issue",
        agency=agency,
        target=row,
        summary=f"ออกกุญแจ Open311: {row.name}",
        request=request,
    )
    return row, plain


def apikey_revoke(*, key: ApiKey, actor, request=None) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="open311_key.revoke",
            agency=key.agency,
            target=key,
            summary=f"ยกเลิกกุญแจ Open311: {key.name}",
            request=request,
        )
    return key


def apikey_lookup(*, plain: str) -> ApiKey | None:
    """The active key for this plain text, or None."""
    if not plain or len(plain) > 200:
        return None
    return (
        ApiKey.objects.select_related("agency").filter(key_hash=_hash(plain), revoked_at__isnull=True).first()
    )


@dataclass(frozen=True)
class SubmissionTarget:
    key: ApiKey | None  # None: no active key with this text
    agency: Agency | None  # None: the key is not valid for the jurisdiction asked for
    service: Service | None  # None: the agency has no active service with this code


@cache
def _target_sql() -> str:
    q = connection.ops.quote_name

    def col(model, name: str) -> str:
        return q(model._meta.get_field(name).column)

    def cols(model, alias: str) -> list[str]:
        return [f"{alias}.{col(model, n)}" for n in TARGET_FIELDS[model]]

    key_t, agency_t, service_t = (q(m._meta.db_table) for m in (ApiKey, Agency, Service))
    return (
        f"SELECT {', '.join(cols(ApiKey, 'k') + cols(Agency, 'a') + cols(Service, 's'))} "
        f"FROM {key_t} k JOIN {agency_t} a ON a.{col(Agency, 'id')} = k.{col(ApiKey, 'agency')} "
        f"LEFT JOIN {service_t} s ON s.{col(Service, 'agency')} = a.{col(Agency, 'id')} "
        f"AND s.{col(Service, 'code')} = %s AND s.{col(Service, 'is_active')} = %s "
        f"WHERE k.{col(ApiKey, 'key_hash')} = %s AND k.{col(ApiKey, 'revoked_at')} IS NULL"
    )


def submission_target(*, plain: str, jurisdiction: str, code: str) -> SubmissionTarget:
    """For an Open311 POST, in one statement: the active key, its agency when `jurisdiction` (its DLA code
    or id; empty means the key's own) names it and it is public, and that agency's active service `code`."""
    if not plain or len(plain) > 200:
        return SubmissionTarget(None, None, None)
    with connection.cursor() as cursor:
        cursor.execute(_target_sql(), [code, True, _hash(plain)])
        row = cursor.fetchone()
    if row is None:
        return SubmissionTarget(None, None, None)
    parts, start = {}, 0
    for model, names in TARGET_FIELDS.items():
        parts[model] = dict(zip(names, row[start : start + len(names)], strict=True))
        start += len(names)
    key, agency = instance(ApiKey, parts[ApiKey]), instance(Agency, parts[Agency])
    key.agency = agency
    if jurisdiction and not (agency.is_public and jurisdiction in (agency.dla_code, str(agency.pk))):
        return SubmissionTarget(key, None, None)
    service = instance(Service, parts[Service]) if parts[Service]["id"] is not None else None
    if service is not None:
        service.agency = agency
    return SubmissionTarget(key, agency, service)
