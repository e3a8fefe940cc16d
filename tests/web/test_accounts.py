"""Signing in and out, failed logins refused, and the client address behind trusted proxies."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from prongsai.web.agencies.services import supervision_set
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
    settings.TRUSTED_PROXIES = []
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    assert client_ip(request) == "203.0.113.9"  # the entry nginx appended, not the forged first one


def test_forwarded_for_counts_only_from_a_trusted_proxy(settings, rf):
    from prongsai.web.audit.services import client_ip

    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]

    def ip(remote, forwarded=None):
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
        return client_ip(rf.get("/", REMOTE_ADDR=remote, **extra))

    assert ip("198.51.100.9", "10.1.2.3") == "198.51.100.9"  # sent straight to gunicorn: header ignored
    # Two proxies (a load balancer at 10.0.0.5 in front of nginx): the right-most untrusted entry.
    assert ip("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.5") == "203.0.113.9"
    assert ip("127.0.0.1", "[2001:db8::1]:5123") == "2001:db8::1"
    assert ip("127.0.0.1", "203.0.113.9:4431") == "203.0.113.9"
    assert ip("127.0.0.1", "6.6.6.6, not-an-address") == "127.0.0.1"  # no proxy of ours wrote that
    assert ip("127.0.0.1", "fe80::1%eth0") == "127.0.0.1"
    assert ip("127.0.0.1", "10.0.0.7, 10.0.0.5") == "10.0.0.7"  # from a proxy's own machine
    assert ip("127.0.0.1") == "127.0.0.1"
    assert ip("::ffff:127.0.0.1", "203.0.113.9") == "203.0.113.9"


def test_a_bad_trusted_proxy_is_reported_at_start_up(settings):
    from prongsai.web.audit.checks import trusted_proxies_check

    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert trusted_proxies_check() == []
    settings.TRUSTED_PROXIES = ["127.0.0.1", "nginx.local"]
    errors = trusted_proxies_check()
    assert [e.id for e in errors] == ["audit.E001"] and "nginx.local" in errors[0].msg


def test_staff_land_on_their_agency_or_the_next_page(coordinator, agency, other_agency, supervisor):
    url = reverse("accounts:login")
    one = Client().post(url, {"username": "coord_a", "password": PASSWORD})
    assert one["Location"] == reverse("dashboards:agency", args=[agency.pk])
    supervision_set(user=supervisor, agencies=[agency, other_agency])
    two = Client().post(url, {"username": "supervisor", "password": PASSWORD})
    assert two["Location"] == reverse("dashboards:mine")
    wanted = reverse("assessments:list", args=[agency.pk])
    nxt = Client().post(f"{url}?next={wanted}", {"username": "coord_a", "password": PASSWORD})
    assert nxt["Location"] == wanted
    elsewhere = Client().post(
        url, {"username": "coord_a", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert elsewhere["Location"] == reverse("dashboards:agency", args=[agency.pk])


def test_empty_login_names_the_missing_fields(db):
    response = Client().post(reverse("accounts:login"), {"username": "", "password": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in page and 'href="#id_username"' in page and 'href="#id_password"' in page
    assert page.count('aria-invalid="true"') == 2
    assert 'id="id_username-error"' in page and 'id="id_password-error"' in page
    assert AuditEvent.objects.filter(action="login.failed").count() == 0  # nothing to count
