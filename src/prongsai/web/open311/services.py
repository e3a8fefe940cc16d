"""Open311 API keys: issue (the plain key is shown once), revoke, and look up by the key a client sends."""

from __future__ import annotations

import hashlib
import secrets

from django.db import connection
from django.utils import timezone

from ..agencies.models import Agency
from ..audit.services import audit_record
from .models import ApiKey, ApiKeyUsage


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


def apikey_throttle(*, key: ApiKey, limit: int) -> bool:
    """Count one submission for this key in the current minute; True when the key is over its limit."""
    minute = timezone.now().replace(second=0, microsecond=0)
    table = ApiKeyUsage._meta.db_table
    # One statement on both SQLite and PostgreSQL: no read-then-write race between processes.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (api_key_id, minute, count) VALUES (%s, %s, 1) "
            f"ON CONFLICT (api_key_id, minute) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [key.pk, minute],
        )
        (count,) = cursor.fetchone()
    return count > limit
