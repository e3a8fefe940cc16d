"""The front page (latest total to two decimals, each agency's public pages) and the agency page's links."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.seed import seed_load

from .conftest import client_for

PUBLIC_PAGES = [
    "dashboards:public_home",
    "services:catalogue",
    "cases:contact",
    "cases:qa",
    "cases:stats",
    "plans:public",
    "participation:public_list",
]


def test_front_page_shows_the_latest_total_with_two_decimals_and_its_level(db):
    seed_load()
    html = Client().get(reverse("dashboards:home")).content.decode()
    assert re.search(r">99\.44<", html), "the seed's total, exactly two decimals"
    assert not re.search(r"99\.44\d", html)  # SQLite used to give 99.4400000000000
    assert '<span class="level">ผ่านดีเยี่ยม</span>' in html
    assert "ปีงบประมาณ 2568" in html


def test_my_agencies_shows_the_latest_total_with_two_decimals(superuser):
    seed_load()
    html = client_for(superuser).get(reverse("dashboards:mine")).content.decode()
    assert "<strong>99.44</strong>" in html and not re.search(r"99\.44\d", html)


def test_front_page_says_when_an_agency_has_no_result(agency):
    html = Client().get(reverse("dashboards:home")).content.decode()
    assert agency.name in html and "ยังไม่มีผลการประเมิน" in html


def test_front_page_links_every_public_page_and_each_opens(agency):
    client = Client()
    html = client.get(reverse("dashboards:home")).content.decode()
    for name in PUBLIC_PAGES:
        url = reverse(name, args=[agency.pk])
        assert f'href="{url}"' in html, name
        assert client.get(url).status_code == 200, name


def test_front_page_leaves_out_agencies_that_are_not_public(agency, other_agency):
    Agency.objects.filter(pk=other_agency.pk).update(is_public=False)
    html = Client().get(reverse("dashboards:home")).content.decode()
    assert other_agency.name not in html
    for name in PUBLIC_PAGES:
        assert f'href="{reverse(name, args=[other_agency.pk])}"' not in html
        assert f'href="{reverse(name, args=[agency.pk])}"' in html


def test_front_page_links_the_agency_page_for_staff_only(coordinator, agency):
    dashboard = f'href="{reverse("dashboards:agency", args=[agency.pk])}"'
    assert dashboard not in Client().get(reverse("dashboards:home")).content.decode()
    assert dashboard in client_for(coordinator).get(reverse("dashboards:home")).content.decode()


@pytest.mark.parametrize(
    "role", ["administrator", "coordinator", "division_officer", "executive", "supervisor", "superuser"]
)
def test_agency_page_links_the_cases_queue_to_whoever_may_open_it(role, request, agency):
    client = client_for(request.getfixturevalue(role))
    queue = reverse("cases:queue", args=[agency.pk])
    html = client.get(reverse("dashboards:agency", args=[agency.pk])).content.decode()
    assert f'href="{queue}"' in html
    assert client.get(queue).status_code == 200


def test_agency_page_and_queue_link_are_not_shown_to_others(agency, other_client):
    queue_link = f'href="{reverse("cases:queue", args=[agency.pk])}"'
    anonymous = Client().get(reverse("dashboards:agency", args=[agency.pk]))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    assert queue_link not in anonymous.content.decode()
    stranger = other_client.get(reverse("dashboards:agency", args=[agency.pk]))
    assert stranger.status_code == 404 and queue_link not in stranger.content.decode()


def test_front_page_pages_searches_and_filters_many_agencies(db):
    from prongsai.web.agencies.services import agency_create

    for k in range(60):
        agency_create(
            name=f"เทศบาลตำบลทดสอบ{k:02d}",
            type="เทศบาลตำบล",
            province="จังหวัดกาญจนบุรี" if k < 40 else "จังหวัดราชบุรี",
            dla_code=f"0470{k:04d}",
        )
    client = Client()
    first = client.get(reverse("dashboards:home")).content.decode()
    assert first.count("เทศบาลตำบลทดสอบ") == 50 and "1–50 จาก 60" in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get(reverse("dashboards:home") + "?page=2").content.decode()
    assert second.count("เทศบาลตำบลทดสอบ") == 10 and "เทศบาลตำบลทดสอบ59" in second
    found = client.get(reverse("dashboards:home") + "?q=ทดสอบ07").content.decode()
    assert found.count("เทศบาลตำบลทดสอบ") == 1 and "เทศบาลตำบลทดสอบ07" in found
    by_code = client.get(reverse("dashboards:home") + "?q=04700041").content.decode()
    assert "เทศบาลตำบลทดสอบ41" in by_code and by_code.count("เทศบาลตำบลทดสอบ") == 1
    ratchaburi = client.get(reverse("dashboards:home") + "?province=จังหวัดราชบุรี").content.decode()
    assert ratchaburi.count("เทศบาลตำบลทดสอบ") == 20 and "เทศบาลตำบลทดสอบ00" not in ratchaburi
    none = client.get(reverse("dashboards:home") + "?q=ไม่มีชื่อนี้").content.decode()
    assert "ไม่พบหน่วยงานที่ค้นหา" in none


def test_a_single_agency_front_page_has_no_search_form(db):
    seed_load()
    html = Client().get(reverse("dashboards:home")).content.decode()
    assert 'role="search"' not in html and "หน้า 1 จาก" not in html
