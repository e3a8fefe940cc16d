"""ITA results: saving through the engine, per-field errors, versions, import all-or-nothing, the form."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.web.assessments.models import ItaResult
from prongsai.web.assessments.selectors import result_engine, result_list_current, result_record
from prongsai.web.assessments.services import ImportFailed, result_errors, result_save, results_import
from prongsai.web.audit.models import AuditEvent

SEED = {
    1: "99.78",
    2: "100",
    3: "100",
    4: "99.57",
    5: "100",
    6: "99.11",
    7: "99.16",
    8: "96.53",
    9: "100",
    10: "100",
}


def test_result_save_scores_with_the_engine(agency, coordinator):
    row = result_save(agency=agency, fiscal_year=2568, indicators=SEED, actor=coordinator)
    assert row.total == Decimal("99.44")
    assert row.level == "ผ่านดีเยี่ยม"
    assert (row.iit, row.eit, row.oit) == (Decimal("99.87"), Decimal("98.27"), Decimal("100.00"))
    assert "99.44" in row.level_reason
    assert result_engine(row=row).total == row.total
    event = AuditEvent.objects.get(action="result.save")
    assert event.agency == agency and event.actor == coordinator


def test_editing_keeps_old_versions(agency, coordinator):
    first = result_save(agency=agency, fiscal_year=2568, indicators=SEED, extra={"analysis": {"i1": "x"}})
    second = result_save(agency=agency, fiscal_year=2568, indicators={**SEED, 8: "80"}, actor=coordinator)
    first.refresh_from_db()
    assert first.superseded_at is not None and second.is_current
    assert list(result_list_current(agency=agency)) == [second]
    assert second.extra == {"analysis": {"i1": "x"}}  # the year's texts survive a score edit
    assert second.level != first.level


def test_result_errors_names_every_bad_field(agency):
    errors = result_errors(
        agency=agency, fiscal_year=2568, indicators={**SEED, 3: "abc", 7: "120"}, tools=None
    )
    assert set(errors) == {"i3", "i7"}
    assert "ตัวเลข" in errors["i3"] and "0 ถึง 100" in errors["i7"]
    missing = result_errors(
        agency=agency, fiscal_year=2568, indicators={k: v for k, v in SEED.items() if k != 5}, tools=None
    )
    assert set(missing) == {"i5"}
    assert result_errors(agency=agency, fiscal_year=2568, indicators=SEED, tools=None) == {}


def test_tools_only_result(agency):
    row = result_save(agency=agency, fiscal_year=2567, tools={"IIT": "90", "EIT": "80", "OIT": "95"})
    assert row.indicators is None and row.eit == Decimal("80.00")
    assert row.level == result_engine(row=row).level.label


def test_history_feeds_the_record(agency):
    result_save(agency=agency, fiscal_year=2567, tools={"IIT": "90", "EIT": "88", "OIT": "92"})
    row = result_save(agency=agency, fiscal_year=2568, indicators=SEED)
    record = result_record(row=row)
    assert [h.fiscal_year for h in record.history] == [2567]


CSV_GOOD = (
    "agency,fiscal_year,iit,eit,oit\nเทศบาลเมืองปากแพรก,2566,90,91,92\nเทศบาลเมืองปากแพรก,2567,93,94,95\n"
)
CSV_BAD = (
    "agency,fiscal_year,iit,eit,oit\nเทศบาลเมืองปากแพรก,2566,90,91,92\nเทศบาลเมืองปากแพรก,2567,93,9x4,95\n"
)


def test_import_csv_saves_every_row(agency, coordinator):
    rows = results_import(agency=agency, filename="r.csv", content=CSV_GOOD.encode(), actor=coordinator)
    assert sorted(r.fiscal_year for r in rows) == [2566, 2567]
    assert AuditEvent.objects.filter(action="result.import").count() == 2


def test_import_bad_file_saves_nothing_and_locates_the_error(agency):
    with pytest.raises(ImportFailed) as failed:
        results_import(agency=agency, filename="r.csv", content=CSV_BAD.encode())
    [error] = failed.value.errors
    assert error.line == 3 and error.column == "eit"
    assert ItaResult.objects.count() == 0


def test_import_refuses_rows_of_another_agency(agency):
    content = CSV_GOOD.replace("เทศบาลเมืองปากแพรก,2567", "เทศบาลอื่น,2567").encode()
    with pytest.raises(ImportFailed) as failed:
        results_import(agency=agency, filename="r.csv", content=content)
    assert failed.value.errors[0].line == 3
    assert ItaResult.objects.count() == 0


def test_import_seed_toml_keeps_measures(agency, settings):
    from prongsai.web.assessments.seed import SEED_FILE

    [row] = results_import(agency=agency, filename="seed.toml", content=SEED_FILE.read_bytes())
    assert row.total == Decimal("99.44")
    assert row.extra["measures"][0]["indicator"] == 8
    assert row.extra["measures"][0]["start"] == "2025-10-01"


def test_form_shows_error_beside_field_then_saves(coordinator_client, agency):
    url = reverse("assessments:new", args=[agency.pk])
    data = {"fiscal_year": "2568", "mode": "indicators", **{f"i{k}": v for k, v in SEED.items()}}
    response = coordinator_client.post(url, {**data, "i8": "965.3"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_i8-error"' in html and "0 ถึง 100" in html
    assert 'aria-invalid="true"' in html
    assert ItaResult.objects.count() == 0
    response = coordinator_client.post(url, {**data, "i8": "๙๖.๕๓"})  # Thai digits are fine
    assert response.status_code == 302
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "99.44" in page and "ผ่านดีเยี่ยม" in page


def test_executive_cannot_edit(agency, executive):
    from .conftest import client_for

    assert client_for(executive).get(reverse("assessments:new", args=[agency.pk])).status_code == 403
    assert client_for(executive).get(reverse("dashboards:agency", args=[agency.pk])).status_code == 200


def test_import_view_lists_errors_by_row_and_column(coordinator_client, agency):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("assessments:import", args=[agency.pk])
    response = coordinator_client.post(url, {"file": SimpleUploadedFile("r.csv", CSV_BAD.encode())})
    html = response.content.decode()
    assert response.status_code == 200 and "ไม่ได้บันทึกข้อมูลใด" in html
    assert '<td class="num">3</td><td>eit</td>' in html
    response = coordinator_client.post(url, {"file": SimpleUploadedFile("r.csv", CSV_GOOD.encode())})
    assert response.status_code == 302
    assert ItaResult.objects.filter(agency=agency).count() == 2


def test_each_missing_field_says_only_its_own_error(agency):
    given = {k: v for k, v in SEED.items() if k not in (3, 5, 9)}
    errors = result_errors(agency=agency, fiscal_year=2568, indicators=given, tools=None)
    assert set(errors) == {"i3", "i5", "i9"}
    for n in (3, 5, 9):
        assert errors[f"i{n}"].endswith(f"ที่ {n}"), errors[f"i{n}"]
    tools = result_errors(agency=agency, fiscal_year=2568, indicators=None, tools={"IIT": "90"})
    assert set(tools) == {"eit", "oit"}
    assert "OIT" not in tools["eit"] and "EIT" not in tools["oit"]


def test_result_form_shows_each_field_its_own_error(agency, coordinator_client):
    data = {"fiscal_year": "2568", "mode": "indicators", **{f"i{k}": v for k, v in SEED.items() if k < 3}}
    page = coordinator_client.post(reverse("assessments:new", args=[agency.pk]), data).content.decode()
    said = re.findall(r"ไม่มีคะแนนตัวชี้วัดที่ ([0-9, ]+)", page)
    assert sorted({s.strip() for s in said}, key=int) == [str(n) for n in range(3, 11)]


def test_import_reports_every_problem_at_once(agency, coordinator_client):
    content = (
        "agency,fiscal_year,iit,eit,oit\n"
        "เทศบาลเมืองปากแพรก,2565,90,9x1,92\n"  # a bad score
        "เทศบาลอื่น,2566,90,91,92\n"  # another agency
        "เทศบาลเมืองปากแพรก,2567,93,94,195\n"  # out of range
    ).encode()
    with pytest.raises(ImportFailed) as failed:
        results_import(agency=agency, filename="r.csv", content=content)
    assert [e.line for e in failed.value.errors] == [2, 3, 4]
    upload = SimpleUploadedFile("r.csv", content, content_type="text/csv")
    page = coordinator_client.post(reverse("assessments:import", args=[agency.pk]), {"file": upload})
    html = page.content.decode()
    assert "ไฟล์มีข้อผิดพลาด 3 จุด" in html and "เทศบาลอื่น" in html
    assert ItaResult.objects.count() == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_import_templates_have_thai_headers_and_import_once_filled(fmt, agency, coordinator_client):
    page = coordinator_client.get(reverse("assessments:import", args=[agency.pk])).content.decode()
    assert "prongsai score" not in page and "รูปแบบไฟล์" in page
    url = reverse("assessments:import_template", args=[agency.pk, fmt])
    assert f'href="{url}?year=' in page
    response = coordinator_client.get(url + "?year=2568")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["หน่วยงาน", "รหัสหน่วยงาน", "ปีงบประมาณ"] and rows[0][3] == "ตัวชี้วัดที่ 1"
    assert rows[1][0] == agency.name and rows[1][2] == "2568"
    rows[1][3:] = [SEED[n] for n in range(1, len(rows[0]) - 2)]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    [row] = results_import(agency=agency, filename="filled.csv", content=out.getvalue().encode())
    assert row.total == Decimal("99.44")
    assert (
        coordinator_client.get(reverse("assessments:import_template", args=[agency.pk, "pdf"])).status_code
        == 404
    )
