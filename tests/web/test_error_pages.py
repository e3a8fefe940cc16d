"""Error pages: Thai (English when chosen) with the site header, a way back, lang and viewport, for 400,
403, 404, 429, 500 and CSRF failures; /api/ and /open311/ keep their machine formats. DEBUG is off."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings as django_settings
from django.test import Client

from .conftest import client_for

PAGES = [
    ("/test/bad/", 400, "คำขอไม่ถูกต้อง", "Bad request"),
    ("/test/refused/", 403, "ไม่มีสิทธิ์เข้าถึงหน้านี้", "You may not open this page"),
    ("/no-such-page/", 404, "ไม่พบหน้าที่ต้องการ", "Page not found"),
    ("/test/busy/", 429, "ส่งคำขอถี่เกินไป", "Too many requests"),
    ("/test/boom/", 500, "ระบบขัดข้องชั่วคราว", "Something went wrong"),
]


@pytest.fixture(autouse=True)
def _failing_views(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.web.error_urls"


def _client(lang: str = "") -> Client:
    client = Client(raise_request_exception=False)
    if lang:
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = lang
    return client


def _check_page(html: str, lang: str) -> None:
    assert f'<html lang="{lang}">' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<header class="site">' in html  # the site header
    assert 'href="/"' in html  # a way back


@pytest.mark.parametrize(("path", "status", "thai", "english"), PAGES)
def test_error_pages_in_thai_and_in_english(db, path, status, thai, english):
    response = _client().get(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert thai in html and "กลับหน้าแรก" in html
    _check_page(html, "th")

    english_page = _client("en").get(path).content.decode()
    assert english in english_page and "Back to the front page" in english_page
    _check_page(english_page, "en")


def test_a_refusal_shows_its_thai_reason_and_django_english_404_texts_are_not_shown(db):
    html = _client().get("/test/refused/").content.decode()
    assert "เฉพาะผู้ดูแลระบบของหน่วยงาน" in html
    response = _client().get("/p/999999/")  # Http404("ไม่พบหน่วยงาน") from the selector
    assert response.status_code == 404 and "ไม่พบหน่วยงาน" in response.content.decode()


def test_a_staff_page_refused_for_a_role_is_the_403_page(coordinator, agency):
    response = client_for(coordinator).get(f"/a/{agency.pk}/settings/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "ไม่มีสิทธิ์เข้าถึงหน้านี้" in html and "เฉพาะผู้ดูแลระบบของหน่วยงาน" in html
    _check_page(html, "th")


def test_csrf_failure_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "แบบฟอร์มหมดอายุ" in html and "CSRF" not in html.split("<main", 1)[1]
    _check_page(html, "th")


@pytest.mark.parametrize(
    ("path", "status"), [("/api/no-such-endpoint", 404), ("/api/test/boom/", 500), ("/api/test/bad/", 400)]
)
def test_api_errors_stay_json(db, path, status):
    response = _client().get(path)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert "detail" in json.loads(response.content)


def test_open311_errors_stay_in_the_georeport_format(db):
    as_json = _client().get("/open311/v2/test/boom.json")
    assert as_json.status_code == 500
    assert json.loads(as_json.content) == [{"code": 500, "description": "Internal Server Error"}]
    as_xml = _client().get("/open311/v2/no-such-thing.xml")
    assert as_xml.status_code == 404
    root = ET.fromstring(as_xml.content)
    assert root.tag == "errors" and root.find("error/code").text == "404"


def test_an_unreachable_database_gives_people_the_503_page_with_retry_after(db, settings):
    settings.OUTAGE_RETRY_AFTER = 12
    response = _client().get("/test/database-gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "12"
    html = response.content.decode()
    assert "ฐานข้อมูลขัดข้องชั่วคราว" in html and "12 วินาที" in html and "ข้อผิดพลาด 503" in html
    _check_page(html, "th")
    english = _client("en").get("/test/database-gone/").content.decode()
    assert "The database is temporarily unavailable" in english
    _check_page(english, "en")
    api = _client().get("/api/test/database-gone/")
    assert api.status_code == 503 and api["Retry-After"] == "12"
    assert "database is unavailable" in api.json()["detail"]


def test_a_refused_row_on_a_healthy_connection_stays_a_500(db):
    response = _client().get("/test/refused-row/")
    assert response.status_code == 500 and "Retry-After" not in response
    assert "ระบบขัดข้องชั่วคราว" in response.content.decode()
