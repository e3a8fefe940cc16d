"""Writing audit events (every app calls `audit_record` after a staff action succeeds), and the client
address helpers the audit log and the public forms share (`client_ip`, `client_hash`)."""

from __future__ import annotations

import functools
import hashlib
import ipaddress

from django.conf import settings
from django.db import models

from .models import AuditEvent

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_ip(request) -> str | None:
    """The client address. X-Forwarded-For counts only when the connection comes from a trusted proxy
    (TRUSTED_PROXIES): then the client is the right-most entry that is not itself a trusted proxy (each
    proxy appends the address it saw; entries further left were written by the client and can be forged).
    From anyone else the header is ignored and the address is the connection's own (REMOTE_ADDR)."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    trusted = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not remote or not trusted or not _is_in(_parse_ip(remote), trusted):
        return remote
    hops = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [entry for entry in hops if entry]
    for entry in reversed(hops):
        address = _parse_ip(entry)
        if address is None:  # not an address: no proxy of ours wrote it, so nothing left of it counts
            return remote
        if not _is_in(address, trusted):
            return str(address)
    # Every hop is a trusted proxy (a request sent from a proxy's own machine): the first is the origin.
    return str(_parse_ip(hops[0])) if hops else remote


@functools.lru_cache(maxsize=8)
def _networks(values: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            continue  # reported at start-up by the system check audit.E001
    return tuple(networks)


def _parse_ip(value: str) -> IPAddress | None:
    """An address as proxies write it: bare, `[v6]` or `[v6]:port`, or `v4:port`."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    return None if getattr(address, "scope_id", None) else address  # `fe80::1%eth0` fits no ip column


def _is_in(address: IPAddress | None, networks: tuple[IPNetwork, ...]) -> bool:
    if address is None:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address.version == network.version and address in network for network in networks)


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
