"""Downloads of plans: the export's table is one of the known ones; no-store for staff pages and files."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from prongsai.web.plans.services import EvidenceInput, measure_publish, progress_add

from ..samples import pdf_bytes


@pytest.mark.parametrize("table", ['x.html"; x="', "activities\r\nX: 1", "activities\x00x", "../progress"])
@pytest.mark.parametrize("prefix", ["a", "p"])
def test_export_refuses_an_unknown_table(coordinator_client, agency, measure, table, prefix):
    measure_publish(measure=measure, published=True, actor=None)
    for fmt in ("csv", "xlsx"):
        response = coordinator_client.get(f"/{prefix}/{agency.pk}/plans/export.{fmt}", {"table": table})
        assert response.status_code == 404


@pytest.mark.parametrize("prefix", ["a", "p"])
def test_export_file_names_are_built_by_the_project(coordinator_client, agency, measure, prefix):
    measure_publish(measure=measure, published=True, actor=None)
    response = coordinator_client.get(
        f"/{prefix}/{agency.pk}/plans/export.csv", {"table": "progress", "year": 2569}
    )
    assert response["Content-Disposition"] == 'attachment; filename="measures-2569-04710107-progress.csv"'
    response = coordinator_client.get(f"/{prefix}/{agency.pk}/plans/export.xlsx", {"year": 2569})
    assert response["Content-Disposition"] == 'attachment; filename="measures-2569-04710107.xlsx"'


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_every_signed_in_page_is_no_store_and_public_pages_are_not(coordinator_client, agency, measure):
    for url in (
        f"/a/{agency.pk}/plans/",
        f"/plans/measure/{measure.pk}/",
        "/mine/",
        f"/a/{agency.pk}/cases/",
    ):
        response = coordinator_client.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url
    measure_publish(measure=measure, published=True, actor=None)
    public = Client().get(f"/p/{agency.pk}/plans/")
    assert public.status_code == 200 and not _no_store(public)


def test_file_downloads_are_no_store_even_without_an_account(coordinator, works_activity, measure):
    update = progress_add(
        activity=works_activity,
        actor=coordinator,
        date=dt.date(2025, 12, 1),
        status="in_progress",
        percent=10,
        evidence=[EvidenceInput("รายงาน", file=SimpleUploadedFile("r.pdf", pdf_bytes()))],
    )
    measure_publish(measure=measure, published=True, actor=None)
    response = Client().get(f"/plans/evidence/{update.evidence.get().pk}/")
    assert response.status_code == 200 and _no_store(response)
    export = Client().get(f"/p/{measure.agency_id}/plans/export.csv")
    assert export.status_code == 200 and _no_store(export)


def test_typed_text_is_never_a_formula_in_the_exports(coordinator_client, agency, measure, works_activity):
    import csv
    import io

    from openpyxl import load_workbook

    from prongsai.web.plans.services import measure_update

    measure_update(measure=measure, actor=None, title='=HYPERLINK("http://evil.example","x")')
    measure_publish(measure=measure, published=True, actor=None)
    xlsx = coordinator_client.get(f"/a/{agency.pk}/plans/export.xlsx", {"year": 2569}).content
    cells = [c for row in load_workbook(io.BytesIO(xlsx))["activities"].iter_rows() for c in row]
    typed = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert typed and all(c.data_type == "s" for c in typed)  # text, not a formula
    text = coordinator_client.get(f"/a/{agency.pk}/plans/export.csv", {"year": 2569}).content.decode(
        "utf-8-sig"
    )
    values = [v for row in csv.reader(io.StringIO(text)) for v in row if "HYPERLINK" in v]
    assert values and all(v.startswith("'=") for v in values)
