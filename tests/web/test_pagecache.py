"""Whole pages kept per process (web/pagecache.py): a second view is the same page with its own CSRF
token, and anything the page shows that changes draws it anew."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.messages import constants, get_messages
from django.test import Client
from django.urls import reverse

from prongsai.web.agencies.models import Agency, Membership, Role
from prongsai.web.assessments.services import result_save
from prongsai.web.documents.models import Document
from prongsai.web.pagecache import page_key

from .conftest import client_for

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _drawn(response) -> bool:
    return not getattr(response, "kept", False)  # pagecache.cached_page marks what it answers


def _without_tokens(html: str) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", html)


def test_a_second_view_is_the_kept_page_with_a_working_token_of_its_own(coordinator, agency):
    result_save(agency=agency, fiscal_year=2568, tools={"IIT": "91", "EIT": "86", "OIT": "96"})
    url = reverse("dashboards:agency", args=[agency.pk])
    first_client, second_client = client_for(coordinator), Client(enforce_csrf_checks=True)
    second_client.force_login(coordinator)
    first = first_client.get(url)
    second = second_client.get(url)
    assert _drawn(first) and not _drawn(second)
    assert _without_tokens(first.content.decode()) == _without_tokens(second.content.decode())
    token = TOKEN.search(second.content.decode()).group(1)
    assert "PLACEHOLDER" not in second.content.decode() and len(token) == 64
    answer = second_client.post(
        reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302  # the token the kept page carries is accepted


def test_a_kept_page_is_in_the_sites_digit_style_like_a_drawn_one(coordinator, agency, settings):
    settings.PRONGSAI_DIGITS = "thai"
    result_save(agency=agency, fiscal_year=2568, tools={"IIT": "91", "EIT": "86", "OIT": "96"})
    url = reverse("dashboards:agency", args=[agency.pk])
    client = client_for(coordinator)
    first, second = client.get(url), client.get(url)
    assert _drawn(first) and not _drawn(second)
    assert "๒๕๖๘" in second.content.decode() and ">2568<" not in second.content.decode()
    assert _without_tokens(first.content.decode()) == _without_tokens(second.content.decode())


def test_what_the_agency_page_shows_changing_draws_it_anew(coordinator, agency, other_agency):
    row = result_save(agency=agency, fiscal_year=2568, tools={"IIT": "91", "EIT": "86", "OIT": "96"})
    url = reverse("dashboards:agency", args=[agency.pk])
    client = client_for(coordinator)
    client.get(url)
    assert not _drawn(client.get(url))

    Agency.objects.filter(pk=agency.pk).update(name="เทศบาลเมืองชื่อใหม่")
    page = client.get(url)
    assert _drawn(page) and "เทศบาลเมืองชื่อใหม่" in page.content.decode()

    Document.objects.create(agency=agency, result=row, formats=["pdf"], status="done")
    page = client.get(url)
    assert _drawn(page) and "PDF" in page.content.decode()

    Membership.objects.filter(user=coordinator, agency=agency).update(role=Role.EXECUTIVE)
    page = client.get(url)
    assert _drawn(page) and "กรอกผล" not in page.content.decode()

    get_user_model().objects.filter(pk=coordinator.pk).update(first_name="สมหญิง", last_name="ใจดี")
    page = client.get(url)
    assert _drawn(page) and "สมหญิง ใจดี" in page.content.decode()

    result_save(agency=agency, fiscal_year=2568, tools={"IIT": "99", "EIT": "99", "OIT": "99"})
    page = client.get(url)
    assert _drawn(page) and "99.00" in page.content.decode()

    assert _drawn(client.get(url + "?year=2568"))  # another address is another page
    client.post(reverse("set_language"), {"language": "en", "next": url})
    page = client.get(url)
    assert _drawn(page) and "Scores by tool" in page.content.decode()


def test_a_request_with_messages_is_drawn_and_its_messages_shown_once(coordinator, agency, rf):
    request = rf.get("/")
    request.user = coordinator
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    assert page_key(request, "agency", ()) is not None
    request._messages.add(constants.SUCCESS, "บันทึกแล้ว")
    assert page_key(request, "agency", ()) is None
    assert [str(m) for m in get_messages(request)] == ["บันทึกแล้ว"]


def test_the_comparison_shows_a_new_result_at_once(supervisor, agency):
    result_save(agency=agency, fiscal_year=2568, tools={"IIT": "91", "EIT": "86", "OIT": "96"})
    url = reverse("dashboards:compare") + "?year=2568"
    client = client_for(supervisor)
    client.get(url)
    assert not _drawn(client.get(url))
    result_save(agency=agency, fiscal_year=2568, tools={"IIT": "97.5", "EIT": "97.5", "OIT": "97.5"})
    page = client.get(url)
    assert _drawn(page) and "97.50" in page.content.decode()
