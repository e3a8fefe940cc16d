"""The site shell: front page, local assets (htmx, Sarabun), security headers, API scoping."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from .conftest import client_for


def test_front_page_lists_public_agencies_without_login(agency):
    response = Client().get(reverse("dashboards:home"))
    assert response.status_code == 200
    assert agency.name in response.content.decode()


def test_no_asset_comes_from_another_origin(agency):
    html = Client().get(reverse("dashboards:home")).content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the page links its stylesheet and scripts"
    assert not [u for u in urls if u.startswith(("http:", "https:", "//"))]


def test_htmx_and_font_are_served_locally(db):
    client = Client()
    htmx = client.get("/static/prongsai/htmx.min.js")
    assert htmx.status_code == 200
    assert b"htmx" in b"".join(htmx.streaming_content)
    css = b"".join(client.get("/static/prongsai/app.css").streaming_content).decode()
    font_urls = re.findall(r'url\("\.\./(fonts/[^"]+)"\)', css)
    assert font_urls
    for font in font_urls:
        assert client.get(f"/static/{font}").status_code == 200
    icon = client.get("/favicon.ico", follow=True)
    assert icon.status_code == 200 and b"<svg" in b"".join(icon.streaming_content)


def test_security_headers(db):
    response = Client().get(reverse("dashboards:home"))
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_every_response_carries_the_whole_policy(db, settings):
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for path in (reverse("dashboards:home"), "/open311/v2/discovery.json", "/track/NO-SUCH/CODE/"):
        header = Client().get(path).headers["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in header.split(";"))
        assert directives == {name: " ".join(values) for name, values in policy.items()}, path


def test_secure_cookies_by_default():
    from prongsai.web import settings as project_settings

    assert project_settings.SESSION_COOKIE_SECURE and project_settings.CSRF_COOKIE_SECURE


def test_english_is_available(db):
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/").content.decode()


def test_api_lists_only_visible_agencies(coordinator, agency, other_agency):
    data = client_for(coordinator).get("/api/agencies/").json()
    assert [a["id"] for a in data] == [agency.pk]
    assert client_for(coordinator).get(f"/api/agencies/{other_agency.pk}").status_code == 404
    assert Client().get("/api/agencies/").status_code == 401


def test_english_catalogue_translates_the_dashboard(coordinator, agency):
    from prongsai.web.assessments.services import result_save

    result_save(agency=agency, fiscal_year=2568, tools={"IIT": "90", "EIT": "80", "OIT": "95"})
    client = client_for(coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("dashboards:agency", args=[agency.pk])).content.decode()
    assert "Scores by tool" in html and "Sign out" in html
    assert "ออกจากระบบ" not in html and ">คะแนนรายเครื่องมือ<" not in html


def test_thai_is_default_whatever_the_browser_says(db):
    html = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in html


def test_openapi_document_lists_the_routers(db):
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert "/api/agencies/" in paths and "/api/results/{agency_id}/{fiscal_year}" in paths
