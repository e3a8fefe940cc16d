"""Isolation: every staff URL of the OIT app (a/<agency_id>/…) is 404 to another agency's staff, GET and
POST, and writes nothing; every public one (p/<agency_id>/…) is 404 for an agency that is not public."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from prongsai.web.oit.models import Answer, Evidence

pytestmark = pytest.mark.django_db
VALUES = {"agency_id": None, "fiscal_year": 2569, "fmt": "csv", "evidence_id": None}


def _oit_urls():
    for p in get_resolver().url_patterns:
        if getattr(p, "namespace", None) == "oit":
            for q in p.url_patterns:
                if isinstance(q, URLPattern) and "agency_id" in q.pattern.converters:
                    yield f"oit:{q.name}", str(q.pattern), frozenset(q.pattern.converters)


URLS = sorted(_oit_urls())


@pytest.fixture
def a_evidence(agency, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.VAR_DIR = tmp_path
    e = Evidence(agency=agency, fiscal_year=2569, code="O1", title="โครงสร้าง", published_on="2026-01-01")
    e.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=False)
    e.filename = "a.pdf"
    e.save()
    return e


def _url(name, kwargs, agency, evidence):
    ids = {"agency_id": agency.pk, "evidence_id": evidence.pk}
    return reverse(name, kwargs={k: ids.get(k, VALUES[k]) for k in kwargs})


def test_every_id_url_is_enumerated():
    names = {name for name, _, _ in URLS}
    assert {
        "oit:staff",
        "oit:export",
        "oit:public",
        "oit:complaint_rules",
        "oit:evidence",
        "oit:evidence_delete",
    } <= names
    assert all(kw <= set(VALUES) for _, _, kw in URLS)


@pytest.mark.parametrize(("name", "pattern", "kwargs"), [u for u in URLS if u[1].startswith("a/")])
def test_staff_urls_are_404_to_another_agencys_staff(agency, a_evidence, other_client, name, pattern, kwargs):
    url = _url(name, kwargs, agency, a_evidence)
    assert other_client.get(url).status_code in (404, 405), url  # 405: POST-only, before any lookup
    posted = other_client.post(url, {"code": "O1", "url": "https://x.org", "explanation": "x"})
    assert posted.status_code == 404, url
    assert not Answer.objects.exists() and Evidence.objects.count() == 1


@pytest.mark.parametrize(("name", "pattern", "kwargs"), [u for u in URLS if u[1].startswith("p/")])
def test_public_urls_are_404_for_an_agency_that_is_not_public(agency, a_evidence, name, pattern, kwargs):
    url = _url(name, kwargs, agency, a_evidence)
    assert Client().get(url, follow=True).status_code == 200, url
    agency.is_public = False
    agency.save()
    assert Client().get(url, follow=True).status_code == 404, url
