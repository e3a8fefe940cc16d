"""The supervisors' comparison page shows, on request, each agency's OIT readiness of the current fiscal
year (share ready, items missing, from the oit app's statuses), sortable and filtered to those missing."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.services import agency_create, supervision_set
from prongsai.web.assessments.services import result_save
from prongsai.web.dashboards.selectors import comparison
from prongsai.web.oit.items import year_items
from prongsai.web.oit.models import Answer
from prongsai.web.oit.selectors import readiness_get

from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(supervisor):
    agencies = [
        agency_create(name=f"อบต.พร้อม {k}", type="องค์การบริหารส่วนตำบล", province="จังหวัดทดสอบ", divisions=[])
        for k in range(3)
    ]
    for a in agencies:
        result_save(agency=a, fiscal_year=2568, tools={"IIT": "96", "EIT": "90", "OIT": "97"})
    supervision_set(user=supervisor, agencies=agencies)
    year = fiscal_year_of(timezone.localdate())
    items = year_items(fiscal_year=year).oit.items
    codes = [i.code for i in items]
    for code in codes:  # the first agency has answered every item with its own link
        Answer.objects.create(
            agency=agencies[0], fiscal_year=year, code=code, url=f"https://a.example/{code}"
        )
    for code in [i.code for i in items if not i.feature][:3]:  # the second three of its own items
        Answer.objects.create(
            agency=agencies[1], fiscal_year=year, code=code, url=f"https://b.example/{code}"
        )
    return agencies, year


def test_each_row_carries_the_readiness_the_oit_app_computes(supervisor, province):
    agencies, year = province
    rows = comparison(user=supervisor, fiscal_year=2568, oit_year=year, sort="oit_share", descending=True)[
        "rows"
    ]
    assert [r["agency_id"] for r in rows] == [a.pk for a in agencies]  # 100 %, three items, none
    for r, a in zip(rows, agencies, strict=True):
        readiness = readiness_get(agency=a, fiscal_year=year)
        assert (r["oit_ready"], r["oit_missing"], r["oit_items"]) == (
            readiness.ready,
            readiness.missing,
            len(readiness.rows),
        )
    assert rows[0]["oit_share"] == Decimal("100.00") and rows[0]["oit_missing"] == 0
    assert rows[1]["oit_ready"] == rows[2]["oit_ready"] + 3 and rows[2]["oit_missing"] > 0
    missing = comparison(user=supervisor, fiscal_year=2568, oit_year=year, oit_missing_only=True)["rows"]
    assert {r["agency_id"] for r in missing} == {agencies[1].pk, agencies[2].pk}
    assert "oit_share" not in comparison(user=supervisor, fiscal_year=2568)["rows"][0]  # not asked: not read


def test_the_page_shows_the_columns_and_the_filter_on_request(supervisor, province):
    agencies, year = province
    client = client_for(supervisor)
    url = reverse("dashboards:compare") + "?year=2568"
    plain = client.get(url).content.decode()
    assert "ร้อยละข้อ OIT ที่พร้อม" not in plain and 'name="oit"' in plain
    page = client.get(url + "&oit_missing=1").content.decode()
    assert "ร้อยละข้อ OIT ที่พร้อม" in page and "ข้อ OIT ที่ยังขาด" in page
    assert "อบต.พร้อม 0" not in page and "อบต.พร้อม 1" in page and "อบต.พร้อม 2" in page
    staff = reverse("oit:staff", args=[agencies[1].pk, year])
    readiness = readiness_get(agency=agencies[1], fiscal_year=year)
    assert f'<a href="{staff}">{readiness.missing}</a> / {len(readiness.rows)}' in page
    assert "sort=oit_missing" in page and "oit_missing=1" in page  # sort links keep the filter


def test_the_comparison_export_carries_the_readiness_when_asked(supervisor, province):
    import csv
    import io

    agencies, year = province
    client = client_for(supervisor)
    url = reverse("dashboards:compare_export", args=["csv"]) + "?year=2568&oit_missing=1&sort=name"
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    assert rows[0][-2:] == [f"ความพร้อม OIT {year} (ร้อยละของข้อที่เผยแพร่)", f"ข้อ OIT ที่ยังไม่มี ({year})"]
    by_name = {r[0]: r for r in rows[1:]}
    assert set(by_name) == {"อบต.พร้อม 1", "อบต.พร้อม 2"}  # the filter holds in the file too
    expected = readiness_get(agency=agencies[2], fiscal_year=year)
    assert int(by_name["อบต.พร้อม 2"][-1]) == expected.missing
    plain = list(csv.reader(io.StringIO(client.get(url.split("&oit")[0]).content.decode("utf-8-sig"))))
    assert len(plain[0]) == 10  # not asked: no readiness columns
