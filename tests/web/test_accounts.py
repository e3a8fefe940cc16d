"""Signing in and out, and failed logins being rate-limited through the audit log."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from prongsai.web.audit.models import AuditEvent

from .conftest import PASSWORD


def test_login_and_logout(coordinator):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "coord_a", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboards:mine")).status_code == 200
    assert AuditEvent.objects.filter(action="login.ok", actor=coordinator).count() == 1
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("dashboards:mine")).status_code == 302


def test_failed_logins_are_limited(settings, coordinator):
    settings.PRONGSAI_LOGIN_LIMIT = 3
    client = Client()
    url = reverse("accounts:login")
    for _ in range(3):
        response = client.post(url, {"username": "coord_a", "password": "wrong"})
        assert response.status_code == 200
        assert "ไม่ถูกต้อง" in response.content.decode()
    # Now even the right password is refused for a while.
    response = client.post(url, {"username": "coord_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "หลายครั้งเกินไป" in response.content.decode()
    assert AuditEvent.objects.filter(action="login.failed").count() == 3


def test_login_page_is_thai_with_csp(db):
    response = Client().get(reverse("accounts:login"))
    assert response.status_code == 200
    assert '<html lang="th">' in response.content.decode()
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_client_address_behind_the_proxy(settings, rf):
    from prongsai.web.audit.services import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="127.0.0.1")
    settings.BEHIND_HTTPS_PROXY = False
    assert client_ip(request) == "127.0.0.1"
    settings.BEHIND_HTTPS_PROXY = True
    assert client_ip(request) == "203.0.113.9"  # the entry nginx appended, not the forged first one
