"""Sign-in rules: attempts reserved per (username, address) before the password is checked, the
per-address flood rule (login_rules.toml), and the audit events of sign-ins."""

from __future__ import annotations

import functools
import math
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..audit.services import audit_record, client_ip
from .models import LoginThrottle

RULES_FILE = Path(__file__).with_name("login_rules.toml")


@functools.cache
def login_rules() -> dict:
    return tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class LoginDecision:
    """Whether the password may be checked; when not, the moment the pair may try again."""

    allowed: bool
    retry_at: datetime | None = None

    def minutes_left(self, *, now: datetime | None = None) -> int:
        seconds = (self.retry_at - (now or timezone.now())).total_seconds() if self.retry_at else 0
        return max(1, math.ceil(seconds / 60))


def _key(username: str, request) -> tuple[str, str]:
    return username.strip().lower()[:150], (client_ip(request) or "")[:45]


def _window() -> timedelta:
    return timedelta(minutes=login_rules()["window_minutes"])


def _locked(*, scope: str, username: str, address: str, now: datetime) -> LoginThrottle:
    """The row for this key, locked until the transaction ends (created at count 0 when missing)."""
    key = {"scope": scope, "username": username, "address": address}
    for _ in range(3):  # the old-row clean-up of another process may delete it between the two statements
        LoginThrottle.objects.bulk_create([LoginThrottle(**key, window_start=now)], ignore_conflicts=True)
        try:
            row = LoginThrottle.objects.select_for_update().get(**key)
        except LoginThrottle.DoesNotExist:
            continue
        if row.window_start + _window() <= now:  # the window is over: start counting again
            row.window_start, row.count = now, 0
        return row
    raise RuntimeError(f"login throttle row {key} vanished three times")


def login_attempt_reserve(*, username: str, request) -> LoginDecision:
    """Count one attempt for this username from the request's address, unless the pair is refused.
    Runs before the password is checked and holds the rows' locks while deciding, so processes
    checking passwords at the same moment never check more than the limit allows between them."""
    username, address = _key(username, request)
    rules, window, now = login_rules()["address"], _window(), timezone.now()
    pair_limit = settings.PRONGSAI_LOGIN_LIMIT
    with transaction.atomic():
        # Always the address row first, then the pair: the same order everywhere cannot deadlock.
        at_address = _locked(scope=LoginThrottle.Scope.ADDRESS, username="", address=address, now=now)
        pair = _locked(scope=LoginThrottle.Scope.PAIR, username=username, address=address, now=now)
        flooding = at_address.count >= rules["failures"]
        limit = min(pair_limit, rules["failures_per_username_while_flooding"]) if flooding else pair_limit
        if pair.count >= limit:
            retry_at = pair.window_start + window
            if (
                pair.count < pair_limit
            ):  # refused only because of the flood: it ends with the address's window
                retry_at = min(retry_at, at_address.window_start + window)
            return LoginDecision(allowed=False, retry_at=retry_at)
        for row in (at_address, pair):
            row.count += 1
            row.save(update_fields=["window_start", "count"])
    # Rows two windows old can no longer refuse anyone.
    LoginThrottle.objects.filter(window_start__lt=now - 2 * window).delete()
    return LoginDecision(allowed=True)


def login_attempt_succeeded(*, username: str, request) -> None:
    """The password was right: the pair's failures are forgiven and the address gets its attempt back
    (the address's own failures stay, or one valid account would let its owner reset the flood count)."""
    username, address = _key(username, request)
    LoginThrottle.objects.filter(scope=LoginThrottle.Scope.PAIR, username=username, address=address).delete()
    LoginThrottle.objects.filter(
        scope=LoginThrottle.Scope.ADDRESS, username="", address=address, count__gt=0
    ).update(count=F("count") - 1)


def login_failure_record(*, username: str, request) -> None:
    audit_record(
        actor=None,
        action="login.failed",
        summary=f"เข้าสู่ระบบไม่สำเร็จ: {username[:100]}",
        details={"username": username.lower()[:150]},
        request=request,
    )


def login_success_record(*, user, request) -> None:
    audit_record(actor=user, action="login.ok", summary="เข้าสู่ระบบ", request=request)
