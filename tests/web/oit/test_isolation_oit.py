"""Isolation: every staff URL of the OIT app (a/<agency_id>/…) is 404 to another agency's staff, GET and
POST, and writes nothing; every public one (p/<agency_id>/…) is 404 for an agency that is not public."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from prongsai.web.oit.models import Answer

pytestmark = pytest.mark.django_db
VALUES = {"agency_id": None, "fiscal_year": 2569, "fmt": "csv"}


def _oit_urls():
    for p in get_resolver().url_patterns:
        if getattr(p, "namespace", None) == "oit":
            for q in p.url_patterns:
                if isinstance(q, URLPattern) and "agency_id" in q.pattern.converters:
                    yield f"oit:{q.name}", str(q.pattern), frozenset(q.pattern.converters)


URLS = sorted(_oit_urls())


def _url(name, kwargs, agency):
    return reverse(name, kwargs={k: agency.pk if k == "agency_id" else VALUES[k] for k in kwargs})


def test_every_id_url_is_enumerated():
    names = {name for name, _, _ in URLS}
    assert {"oit:staff", "oit:export", "oit:public", "oit:complaint_rules"} <= names
    assert all(kw <= set(VALUES) for _, _, kw in URLS)


@pytest.mark.parametrize(("name", "pattern", "kwargs"), [u for u in URLS if u[1].startswith("a/")])
def test_staff_urls_are_404_to_another_agencys_staff(agency, other_client, name, pattern, kwargs):
    url = _url(name, kwargs, agency)
    r = other_client.get(url, follow=True)
    assert r.status_code == 404, url
    assert other_client.post(url, {"code": "O1", "url": "https://x.org", "explanation": "x"}).status_code in (
        404,
        302,
    )
    assert not Answer.objects.exists()


@pytest.mark.parametrize(("name", "pattern", "kwargs"), [u for u in URLS if u[1].startswith("p/")])
def test_public_urls_are_404_for_an_agency_that_is_not_public(agency, name, pattern, kwargs):
    url = _url(name, kwargs, agency)
    assert Client().get(url, follow=True).status_code == 200, url
    agency.is_public = False
    agency.save()
    assert Client().get(url, follow=True).status_code == 404, url
