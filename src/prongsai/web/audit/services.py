"""Writing audit events (every app calls `audit_record` after a staff action succeeds), and the client
address helpers the audit log and the public forms share (`client_ip`, `client_hash`)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from .models import AuditEvent


def client_ip(request) -> str | None:
    """The client address. Behind our reverse proxy (BEHIND_HTTPS_PROXY) it is the last X-Forwarded-For
    entry, the one the proxy itself appended; earlier entries come from the client and can be forged."""
    if request is None:
        return None
    if getattr(settings, "BEHIND_HTTPS_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded[:45]
    return request.META.get("REMOTE_ADDR") or None


def client_hash(ip: str | None) -> str:
    """A keyed hash of the client address: what public forms keep to count submissions per address."""
    if not ip:
        return ""
    return hashlib.sha256(f"{settings.SECRET_KEY[:16]}|{ip}".encode()).hexdigest()[:32]


def audit_record(
    *,
    actor,
    action: str,
    agency=None,
    target: models.Model | None = None,
    summary: str = "",
    details: dict | None = None,
    request=None,
    confidential: bool | None = None,
) -> AuditEvent:
    """Record one action. `details` must be JSON-serialisable (use strings for Decimals).

    An event about a target that is itself confidential (a `confidential` attribute that is true: a
    corruption complaint) is confidential unless the caller says otherwise; `audit_visible` then shows it
    only to the agency's named confidential officers."""
    if confidential is None:
        confidential = target is not None and getattr(target, "confidential", False) is True
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_name=actor.get_username() if authenticated else "",
        agency=agency,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
        details=details or {},
        ip=client_ip(request),
        confidential=confidential,
    )
