"""The officer types target scores and sees the total, the tools and the level that would follow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prongsai.web.assessments.services import result_save

from .conftest import client_for

SCORES = {1: "95", 2: "96", 3: "94", 4: "97", 5: "95", 6: "80", 7: "82", 8: "78", 9: "100", 10: "98"}


@pytest.fixture
def result(agency, coordinator):
    return result_save(agency=agency, fiscal_year=2568, indicators=SCORES, actor=coordinator)


def _url(agency):
    return reverse("assessments:whatif", args=[agency.pk, 2568])


def test_typed_targets_give_the_new_total_level_and_reason(agency, coordinator, result):
    page = client_for(coordinator).get(_url(agency), {"t6": "95", "t7": "๙๕", "t8": "95.00"}).content.decode()
    assert 'id="projected-total">96.72<' in page and 'id="projected-level">ผ่านดีเยี่ยม<' in page
    assert "ทุกเครื่องมือได้ไม่ต่ำกว่า 95 คะแนน" in page  # the level's reason in words
    assert 'id="projected-change">+4.50<' in page and "ระดับเปลี่ยนจากผ่านเป็นผ่านดีเยี่ยม" in page
    assert 'value="๙๕"' in page  # the typed text is kept as typed


def test_without_targets_the_form_only(agency, coordinator, result):
    page = client_for(coordinator).get(_url(agency)).content.decode()
    assert 'name="t8"' in page and "ตอนนี้ 78.00" in page and 'id="projected"' not in page


def test_each_wrong_box_says_its_own_error_at_the_top_and_beside_it(agency, coordinator, result):
    page = client_for(coordinator).get(_url(agency), {"t6": "95,5", "t7": "120", "t8": "90"}).content.decode()
    assert 'id="projected"' not in page and "data-error-summary" in page
    assert page.count("ใช้จุดทศนิยม เช่น 85.5") == 2  # summary and beside the box
    assert page.count("คะแนนต้องไม่เกิน 100") == 2
    assert 'href="#id_t6"' in page and 'href="#id_t7"' in page and 'href="#id_t8"' not in page


def test_other_agencies_staff_get_404(agency, result, other_client):
    assert other_client.get(_url(agency), {"t8": "90"}).status_code == 404


def test_the_dashboard_and_the_results_list_link_to_it(agency, coordinator, result):
    client = client_for(coordinator)
    assert _url(agency) in client.get(reverse("dashboards:agency", args=[agency.pk])).content.decode()
    assert _url(agency) in client.get(reverse("assessments:list", args=[agency.pk])).content.decode()
