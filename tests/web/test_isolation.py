"""Isolation: for every URL of these apps that takes an id, staff of agency A get 404 for agency B's objects."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from prongsai.web.assessments.services import result_save
from prongsai.web.documents.models import Document, DocumentFile

NAMESPACES = ("dashboards", "assessments", "documents", "audit", "profile")


def _public(pattern: URLPattern) -> bool:
    """Public pages (p/<agency_id>/…) are open to anyone: their own tests check is_public."""
    return str(pattern.pattern).startswith("p/")


def _patterns(resolver=None, namespace=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, p.namespace or namespace)
        elif isinstance(p, URLPattern) and namespace in NAMESPACES and p.name and not _public(p):
            yield f"{namespace}:{p.name}", set(p.pattern.converters)


ID_URLS = sorted((name, frozenset(kw)) for name, kw in _patterns() if kw)


def test_every_id_url_is_covered():
    known = {"agency_id", "fiscal_year", "document_id", "fmt"}
    assert ID_URLS, "URL enumeration found nothing"
    assert all(kw <= known for _, kw in ID_URLS), ID_URLS


@pytest.fixture
def b_objects(other_agency, coordinator):
    row = result_save(agency=other_agency, fiscal_year=2568, tools={"IIT": "90", "EIT": "80", "OIT": "95"})
    doc = Document.objects.create(result=row, agency=other_agency, formats=["html"], status="done")
    DocumentFile.objects.create(
        document=doc,
        format="html",
        filename="b.html",
        content_type="text/html",
        content=b"<p>secret</p>",
        size=13,
    )
    return {"agency_id": other_agency.pk, "fiscal_year": 2568, "document_id": doc.pk, "fmt": "html"}


@pytest.mark.parametrize(("name", "kwargs"), ID_URLS)
def test_other_agency_is_404(coordinator_client, b_objects, name, kwargs):
    url = reverse(name, kwargs={k: b_objects[k] for k in kwargs})
    assert coordinator_client.get(url).status_code == 404, url
    assert coordinator_client.post(url, {"formats": ["html"], "fiscal_year": "2568"}).status_code == 404, url
    assert Document.objects.count() == 1  # nothing was created for B


@pytest.mark.parametrize(
    "path",
    ["/api/agencies/{agency_id}", "/api/results/{agency_id}", "/api/results/{agency_id}/{fiscal_year}"],
)
def test_api_other_agency_is_404(coordinator_client, b_objects, path):
    assert coordinator_client.get(path.format(**b_objects)).status_code == 404


def test_own_agency_urls_work(coordinator_client, agency):
    result_save(agency=agency, fiscal_year=2568, tools={"IIT": "90", "EIT": "80", "OIT": "95"})
    for name in ("dashboards:agency", "assessments:list", "documents:list", "audit:list"):
        assert coordinator_client.get(reverse(name, args=[agency.pk])).status_code == 200, name
    assert coordinator_client.get(f"/api/results/{agency.pk}/2568").json()["total"]
