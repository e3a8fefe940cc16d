"""Sign-in limits: counted per (username, address), reserved before the password is checked, and the
client address taken from X-Forwarded-For only when a trusted proxy sent the request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.web.accounts.backends import ModelBackend
from prongsai.web.accounts.models import LoginThrottle
from prongsai.web.accounts.services import login_rules
from prongsai.web.audit.models import AuditEvent

from .conftest import PASSWORD, client_for

URL = reverse("accounts:login")


def _post(username: str, password: str, *, address: str = "127.0.0.1", forwarded: str | None = None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return Client(REMOTE_ADDR=address).post(URL, {"username": username, "password": password}, **extra)


class CountingBackend(ModelBackend):
    """The project's backend, counting the passwords it checks (threads share the count)."""

    checks = 0
    lock = threading.Lock()

    def authenticate(self, request, username=None, password=None, **kwargs):
        with CountingBackend.lock:
            CountingBackend.checks += 1
        return super().authenticate(request, username=username, password=password, **kwargs)


@pytest.fixture
def counting_backend(settings):
    settings.AUTHENTICATION_BACKENDS = [f"{__name__}.CountingBackend"]
    CountingBackend.checks = 0
    return CountingBackend


@pytest.fixture(autouse=True)
def _quick_hasher(request, settings):
    # Dozens of sign-ins per test: a fast real hasher; the concurrency test keeps the slow default,
    # the wider window between reserving and recording in which the lost updates used to happen.
    if "counting_backend" not in request.fixturenames:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def no_proxy(settings):
    settings.BEHIND_HTTPS_PROXY = False
    settings.TRUSTED_PROXIES = []


def test_failures_lock_only_that_username_from_that_address(settings, no_proxy, coordinator):
    limit = settings.PRONGSAI_LOGIN_LIMIT
    for _ in range(limit):
        assert _post("coord_a", "wrong", address="198.51.100.1").status_code == 200
    # Now refused from that address, even with the right password ...
    assert _post("coord_a", PASSWORD, address="198.51.100.1").status_code == 429
    # ... but the staff member signs in from anywhere else.
    assert _post("coord_a", PASSWORD, address="198.51.100.2").status_code == 302
    assert AuditEvent.objects.filter(action="login.failed").count() == limit


def test_a_success_forgives_the_pairs_failures(settings, no_proxy, coordinator):
    limit = settings.PRONGSAI_LOGIN_LIMIT
    for _ in range(limit - 1):
        _post("coord_a", "wrong")
    assert _post("coord_a", PASSWORD).status_code == 302
    for _ in range(limit):
        assert _post("coord_a", "wrong").status_code == 200
    assert _post("coord_a", "wrong").status_code == 429


def test_a_flood_of_usernames_from_one_address_does_not_lock_out_real_users(
    no_proxy, coordinator, administrator, executive
):
    # Every request seems to come from 127.0.0.1 (no proxy configured), as in the finding.
    rules = login_rules()["address"]
    for i in range(rules["failures"] + 10):
        assert _post(f"nobody{i}", "wrong").status_code == 200
    # Users with no failures of their own from there sign in with the right password.
    assert _post("coord_a", PASSWORD).status_code == 302
    assert _post("admin_a", PASSWORD).status_code == 302
    # While the address floods, a username from it gets fewer tries, and one mistake is still forgiven.
    allowed = rules["failures_per_username_while_flooding"]
    for _ in range(allowed):
        assert _post("exec_a", "wrong").status_code == 200
    assert _post("exec_a", PASSWORD).status_code == 429
    assert _post("exec_a", PASSWORD, address="198.51.100.3").status_code == 302


def test_one_mistake_during_a_flood_is_forgiven(no_proxy, coordinator):
    rules = login_rules()["address"]
    assert rules["failures_per_username_while_flooding"] >= 2  # a typo must not lock anyone out
    for i in range(rules["failures"]):
        _post(f"nobody{i}", "wrong")
    assert _post("coord_a", "wrong").status_code == 200
    assert _post("coord_a", PASSWORD).status_code == 302


def test_the_refusal_says_in_thai_when_to_try_again(settings, no_proxy, coordinator):
    for _ in range(settings.PRONGSAI_LOGIN_LIMIT):
        _post("coord_a", "wrong")
    response = _post("coord_a", PASSWORD)
    assert response.status_code == 429
    row = LoginThrottle.objects.get(scope="pair", username="coord_a", address="127.0.0.1")
    until = timezone.localtime(row.window_start + timedelta(minutes=login_rules()["window_minutes"]))
    page = response.content.decode()
    assert f"กรุณาลองใหม่ได้ตั้งแต่เวลา {until:%H:%M} น." in page
    assert 'role="alert"' in page
    assert 0 < int(response.headers["Retry-After"]) <= login_rules()["window_minutes"] * 60


def test_forged_forwarded_for_from_an_untrusted_address_is_ignored(settings, coordinator):
    settings.BEHIND_HTTPS_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    # gunicorn reached directly, not through the proxy, with a new X-Forwarded-For every time.
    codes = [
        _post("coord_a", "wrong", address="198.51.100.9", forwarded=f"10.1.{i}.1").status_code
        for i in range(30)
    ]
    limit = settings.PRONGSAI_LOGIN_LIMIT
    assert codes == [200] * limit + [429] * (30 - limit)
    assert set(AuditEvent.objects.filter(action="login.failed").values_list("ip", flat=True)) == {
        "198.51.100.9"
    }


def test_through_the_proxy_each_client_counts_apart(settings, coordinator):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    limit = settings.PRONGSAI_LOGIN_LIMIT
    for _ in range(limit):
        _post("coord_a", "wrong", forwarded="203.0.113.7")
    assert _post("coord_a", PASSWORD, forwarded="203.0.113.7").status_code == 429
    assert _post("coord_a", PASSWORD, forwarded="203.0.113.8").status_code == 302


def _concurrent_wrong_logins(n: int, username: str) -> list[int]:
    start = threading.Barrier(n)
    codes: list[int] = []

    def attempt():
        try:
            client = Client(REMOTE_ADDR="203.0.113.50")
            start.wait()
            codes.append(client.post(URL, {"username": username, "password": "wrong"}).status_code)
        finally:
            connection.close()  # each thread has its own connection: close it before the test ends

    threads = [threading.Thread(target=attempt) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_passwords_check_at_most_the_limit(settings, no_proxy, counting_backend):
    if connection.vendor == "sqlite":
        # The in-memory test database reports a lock instead of waiting for it; the file database of a
        # real installation is tested with gunicorn workers in test_login_workers.py.
        pytest.skip("threads need a database that waits for locks (PostgreSQL here)")
    get_user_model().objects.create_user("coord_c", password=PASSWORD)
    codes = _concurrent_wrong_logins(40, "coord_c")
    limit = settings.PRONGSAI_LOGIN_LIMIT
    assert counting_backend.checks == limit
    assert sorted(codes) == [200] * limit + [429] * (40 - limit)
    assert AuditEvent.objects.filter(action="login.failed").count() == limit


def test_old_counts_are_forgotten(settings, no_proxy, coordinator):
    for _ in range(settings.PRONGSAI_LOGIN_LIMIT):
        _post("coord_a", "wrong")
    window = timedelta(minutes=login_rules()["window_minutes"])
    LoginThrottle.objects.update(window_start=timezone.now() - window)
    assert _post("coord_a", PASSWORD).status_code == 302
    # The next attempt clears rows two windows old.
    LoginThrottle.objects.create(
        scope="pair", username="x", address="1.2.3.4", window_start=timezone.now() - 3 * window
    )
    _post("coord_a", "wrong")
    assert not LoginThrottle.objects.filter(username="x").exists()


def _trusted_proxies_from(tmp_path, **env) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("BEHIND_HTTPS_PROXY", "TRUSTED_PROXIES")}
    clean.update(PRONGSAI_VAR_DIR=str(tmp_path), SECRET_KEY="test-secret-key-not-used", **env)
    script = "import json, prongsai.web.settings as s; print(json.dumps(s.TRUSTED_PROXIES))"
    done = subprocess.run(
        [sys.executable, "-c", script], env=clean, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_trusted_proxies_come_from_the_environment(tmp_path):
    assert _trusted_proxies_from(tmp_path) == []  # no proxy: X-Forwarded-For is never believed
    assert _trusted_proxies_from(tmp_path, BEHIND_HTTPS_PROXY="1") == ["127.0.0.1", "::1"]
    got = _trusted_proxies_from(tmp_path, BEHIND_HTTPS_PROXY="1", TRUSTED_PROXIES="10.0.0.5, 10.1.0.0/16,")
    assert got == ["10.0.0.5", "10.1.0.0/16"]


def test_an_administrator_lets_a_refused_pair_in_again(settings, no_proxy, coordinator, superuser):
    for _ in range(settings.PRONGSAI_LOGIN_LIMIT):
        _post("coord_a", "wrong")
    assert _post("coord_a", PASSWORD).status_code == 429
    admin = client_for(superuser)
    listing = admin.get(reverse("admin:accounts_loginthrottle_changelist"), {"q": "coord_a"})
    assert listing.status_code == 200 and "coord_a" in listing.content.decode()
    row = LoginThrottle.objects.get(scope="pair", username="coord_a")
    admin.post(reverse("admin:accounts_loginthrottle_delete", args=[row.pk]), {"post": "yes"})
    assert _post("coord_a", PASSWORD).status_code == 302
