"""Every staff URL of the surveys app that takes an id is a 404 to another agency's staff, by the agency
id and by the survey id; roles that may only view cannot open, edit or issue codes."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver, reverse

from prongsai.web.surveys.models import IssuedCode, Survey

from ..conftest import client_for
from .conftest import open_survey


def _staff_urls():
    for p in get_resolver().url_patterns:
        if getattr(p, "namespace", None) == "surveys":
            for q in p.url_patterns:
                if isinstance(q, URLPattern) and str(q.pattern).startswith("a/"):
                    yield f"surveys:{q.name}", tuple(q.pattern.converters)


STAFF_URLS = sorted(set(_staff_urls()))


def test_every_staff_url_is_listed():
    assert {n for n, _ in STAFF_URLS} == {
        "surveys:home",
        "surveys:detail",
        "surveys:definition",
        "surveys:definition_json",
        "surveys:codes",
        "surveys:poster",
        "surveys:results",
        "surveys:export",
    }


def _args(converters, agency_id, survey_id):
    return [agency_id if c == "agency_id" else survey_id for c in converters]


@pytest.mark.parametrize("name, converters", STAFF_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_agencys_staff_get_404(
    name, converters, method, internal_survey, other_client, other_agency, other_coordinator
):
    url = reverse(name, args=_args(converters, internal_survey.agency_id, internal_survey.pk))
    assert getattr(other_client, method)(url).status_code == 404, url
    if "survey_id" in converters:  # their own agency id with our survey id
        url = reverse(name, args=_args(converters, other_agency.pk, internal_survey.pk))
        assert getattr(other_client, method)(url).status_code == 404, url
    assert not IssuedCode.objects.exists()
    assert Survey.objects.get(pk=internal_survey.pk).title == internal_survey.title


def test_a_viewer_sees_but_cannot_manage(agency, executive, internal_survey):
    client = client_for(executive)
    assert client.get(reverse("surveys:results", args=[agency.pk, internal_survey.pk])).status_code == 200
    assert (
        client.post(reverse("surveys:codes", args=[agency.pk, internal_survey.pk]), {"count": 3}).status_code
        == 403
    )
    assert client.post(reverse("surveys:home", args=[agency.pk]), {"title": "x"}).status_code == 403
    assert not IssuedCode.objects.exists()


def test_staff_open_a_survey_and_print_codes(agency, coordinator_client):
    page = coordinator_client.post(
        reverse("surveys:home", args=[agency.pk]),
        {
            "title": "สำรวจบุคลากร มี.ค. 2569",
            "fiscal_year": "2569",
            "kind": "internal",
            "opens_on": "01/03/2569",
            "closes_on": "31/03/2569",
        },
    )
    assert page.status_code == 302
    survey = Survey.objects.get(agency=agency)
    assert survey.opens_on.isoformat() == "2026-03-01" and not survey.verified
    detail = coordinator_client.get(page["Location"]).content.decode()
    assert survey.token in detail and "data:image/svg+xml;base64," in detail and "line.me" in detail
    poster = coordinator_client.get(reverse("surveys:poster", args=[agency.pk, survey.pk])).content.decode()
    assert "data:image/svg+xml;base64," in poster and 'id="unverified"' in poster
    exported = coordinator_client.get(reverse("surveys:definition_json", args=[agency.pk, survey.pk]))
    assert exported.json() == survey.definition
    codes = coordinator_client.post(reverse("surveys:codes", args=[agency.pk, survey.pk]), {"count": 5})
    body = codes.content.decode()
    assert codes.status_code == 200 and body.count('class="code"') == 5
    assert IssuedCode.objects.filter(survey=survey).count() == 5
    assert not any(
        c in "".join(IssuedCode.objects.values_list("code_hash", flat=True))
        for c in body.split()
        if len(c) == 9 and "-" in c
    )


def test_closing_before_opening_is_refused(agency, coordinator_client):
    page = coordinator_client.post(
        reverse("surveys:home", args=[agency.pk]),
        {
            "title": "x",
            "fiscal_year": "2569",
            "kind": "external",
            "opens_on": "31/03/2569",
            "closes_on": "01/03/2569",
        },
    )
    assert page.status_code == 400 and "วันปิดรับคำตอบต้องไม่ก่อนวันเปิด" in page.content.decode()


def test_another_agencys_survey_is_not_listed(
    agency, other_agency, coordinator, other_coordinator, coordinator_client
):
    open_survey(other_agency, other_coordinator)
    page = coordinator_client.get(reverse("surveys:home", args=[agency.pk]))
    assert "แบบสำรวจทดสอบ" not in page.content.decode()
