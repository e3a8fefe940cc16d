"""The agency's public home page /p/<id>/: contacts, channels, public parts, Open Graph; 404 when not public."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from prongsai.web.agencies.models import Agency
from prongsai.web.agencies.profile import agency_profile_update
from prongsai.web.assessments.selectors import result_list_current
from prongsai.web.assessments.services import result_save
from prongsai.web.cases.services import case_submit
from prongsai.web.services.models import Service
from prongsai.web.services.services import catalogue_load

from .test_profile import FORM, png

PUBLIC_PARTS = [
    "services:catalogue",
    "cases:contact",
    "cases:stats",
    "plans:public",
    "participation:public_list",
]


def _meta(html: str, prop: str) -> str | None:
    found = re.search(rf'<meta property="{prop}" content="([^"]*)"', html)
    return found.group(1) if found else None


def _home(agency):
    return reverse("dashboards:public_home", args=[agency.pk])


def test_home_page_shows_contacts_channels_and_every_public_part(agency, administrator, settings):
    settings.PRONGSAI_PUBLIC_URL = "https://ita.example.go.th"
    agency_profile_update(
        agency=agency, data={**FORM, "line_oa": "@pakphraek"}, logo=png(), actor=administrator
    )
    catalogue_load(agency=agency)
    result_save(agency=agency, fiscal_year=2568, tools={"IIT": "90", "EIT": "80", "OIT": "95"})
    response = Client().get(_home(agency))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "เทศบาลเมืองปากแพรก",
        "034 511 000",
        "saraban@pakphraek.example.go.th",
        "จันทร์–ศุกร์ 08.30–16.30 น.",
    ):
        assert text in html, text
    assert 'href="tel:034511000"' in html
    assert 'href="https://line.me/R/ti/p/%40pakphraek"' in html
    assert 'href="https://www.facebook.com/pakphraek.example"' in html
    for kind in ("question", "opinion", "complaint", "corruption"):
        assert f'href="{reverse("cases:send", args=[agency.pk, kind])}"' in html, kind
    for name in ("cases:qa", *PUBLIC_PARTS):
        assert f'href="{reverse(name, args=[agency.pk])}"' in html, name
    assert f'href="{reverse("cases:track_lookup")}"' in html
    assert Service.objects.filter(agency=agency).first().name_th in html
    row = result_list_current(agency=agency).get()
    assert f'<th scope="row">2568</th><td class="num">{row.total:.2f}</td><td>{row.level}</td>' in html

    assert _meta(html, "og:title") == "เทศบาลเมืองปากแพรก"
    assert _meta(html, "og:url") == f"https://ita.example.go.th/p/{agency.pk}/"
    image = _meta(html, "og:image")
    assert image.startswith(f"https://ita.example.go.th/p/{agency.pk}/logo/?v=")
    assert "เทศบาลเมือง" in _meta(html, "og:description")
    logo = Client().get(image.removeprefix("https://ita.example.go.th"))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"


def test_home_page_without_logo_has_no_og_image(agency):
    html = Client().get(_home(agency)).content.decode()
    assert _meta(html, "og:title") == agency.name and _meta(html, "og:image") is None
    assert "ยังไม่มีบริการออนไลน์" in html and "ยังไม่มีผลการประเมิน" in html


def test_an_agency_that_is_not_public_has_no_home_page_nor_logo(agency, administrator):
    agency_profile_update(agency=agency, data={}, logo=png(), actor=administrator)
    Agency.objects.filter(pk=agency.pk).update(is_public=False)
    assert Client().get(_home(agency)).status_code == 404
    assert Client().get(reverse("profile:logo", args=[agency.pk])).status_code == 404
    assert Client().get("/p/999999/").status_code == 404


def test_public_pages_and_tracking_link_the_home_page(agency):
    catalogue_load(agency=agency)
    home = f'href="{_home(agency)}"'
    client = Client()
    for name in (*PUBLIC_PARTS, "cases:qa"):
        html = client.get(reverse(name, args=[agency.pk])).content.decode()
        assert home in html, name
    case, _ = case_submit(agency=agency, kind="question", subject="ถาม", description="ถามเรื่องน้ำประปา")
    html = client.get(reverse("cases:track", args=[case.tracking_no, case.secret])).content.decode()
    assert home in html
