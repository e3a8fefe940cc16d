"""Sign-in rules: refuse after too many failed logins for a username or from an address (15 minutes)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ..audit.selectors import failed_logins_count
from ..audit.services import audit_record, client_ip

WINDOW = timedelta(minutes=15)


def login_is_blocked(*, username: str, request) -> bool:
    """True when this username, or this address, has failed too often within the window."""
    since = timezone.now() - WINDOW
    limit = settings.PRONGSAI_LOGIN_LIMIT
    if username and failed_logins_count(username=username, since=since) >= limit:
        return True
    ip = client_ip(request)
    return bool(ip) and failed_logins_count(ip=ip, since=since) >= 4 * limit


def login_failure_record(*, username: str, request) -> None:
    # Stored in the audit log so that every app-server process sees the same count.
    audit_record(
        actor=None,
        action="login.failed",
        summary=f"เข้าสู่ระบบไม่สำเร็จ: {username[:100]}",
        details={"username": username.lower()[:150]},
        request=request,
    )


def login_success_record(*, user, request) -> None:
    audit_record(actor=user, action="login.ok", summary="เข้าสู่ระบบ", request=request)
