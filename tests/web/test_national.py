"""The national view: levels nationally and per province, indicator means, movers since last year; checked
against the standard library on a small set; for supervisors and superusers only; exported as shown."""

from __future__ import annotations

import csv
import io
import statistics
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from prongsai.web.agencies.services import agency_create
from prongsai.web.assessments.services import result_save
from prongsai.web.dashboards.national import national_summary

from .conftest import client_for

pytestmark = pytest.mark.django_db

PROFILES = {  # agency → (province, FY2567 scores of every indicator, FY2568 scores)
    "ก": ("จังหวัดหนึ่ง", 90, 96),
    "ข": ("จังหวัดหนึ่ง", 95, 80),
    "ค": ("จังหวัดสอง", 70, 72),
    "ง": ("จังหวัดสอง", None, 88),
}


@pytest.fixture
def agencies(db):
    out = {}
    for k, (name, (province, before, now)) in enumerate(PROFILES.items()):
        a = agency_create(
            name=f"เทศบาลตำบล{name}", type="เทศบาลตำบล", province=province, dla_code=f"0999{k:04d}"
        )
        for year, score in ((2567, before), (2568, now)):
            if score is not None:
                result_save(
                    agency=a, fiscal_year=year, indicators={n: str(score) for n in range(1, 11)}, actor=None
                )
        out[name] = a
    return out


def _r(v) -> Decimal:
    return Decimal(str(v)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_figures_match_the_standard_library(agencies):
    s = national_summary(year=2568)
    totals = [Decimal(96), Decimal(80), Decimal(72), Decimal(88)]
    assert s["agencies"] == 4
    assert s["mean"] == _r(statistics.mean(totals)) and s["median"] == _r(statistics.median(totals))
    levels = {lv: n for lv, n, _share in s["levels"]}
    assert levels["ผ่านดีเยี่ยม"] == 1 and sum(levels.values()) == 4
    one = next(p for p in s["provinces"] if p["province"] == "จังหวัดหนึ่ง")
    assert (
        one["agencies"] == 2
        and one["mean"] == _r(statistics.mean([96, 80]))
        and one["passing"] == Decimal("50.0")
    )
    assert one["indicators"][8] == _r(statistics.mean([96, 80]))
    assert dict((n, m) for n, _name, _tool, m in s["indicators"])[1] == _r(statistics.mean(totals))
    # Movers: only agencies with both years; ก +6, ค +2 rise; ข −15 falls; ง has no FY2567.
    assert [(m.name, m.change) for m in s["rises"]] == [
        ("เทศบาลตำบลก", Decimal(6)),
        ("เทศบาลตำบลค", Decimal(2)),
    ]
    assert [(m.name, m.change) for m in s["falls"]] == [("เทศบาลตำบลข", Decimal(-15))]


def test_a_saved_result_shows_at_once(agencies):
    assert national_summary(year=2568)["mean"] == _r(statistics.mean([96, 80, 72, 88]))
    result_save(
        agency=agencies["ค"], fiscal_year=2568, indicators={n: "100" for n in range(1, 11)}, actor=None
    )
    assert national_summary(year=2568)["mean"] == _r(statistics.mean([96, 80, 100, 88]))


def test_the_page_for_supervisors_and_superusers_only(agencies, superuser, supervisor, coordinator):
    page = client_for(superuser).get(reverse("dashboards:national"), {"year": 2568, "province": "จังหวัดสอง"})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="nat-mean">84.00<' in html and "เทศบาลตำบลข" in html
    assert "ทั้งประเทศเทียบกับจังหวัดสอง" in html and "<svg" in html
    assert client_for(supervisor).get(reverse("dashboards:national")).status_code == 200
    assert client_for(coordinator).get(reverse("dashboards:national")).status_code == 403
    assert client_for(coordinator).get(reverse("dashboards:national_export", args=["csv"])).status_code == 403


def test_the_export_is_the_province_table(agencies, superuser):
    response = client_for(superuser).get(reverse("dashboards:national_export", args=["csv"]), {"year": 2568})
    assert response.status_code == 200 and "national-2568.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["จังหวัด", "จำนวนหน่วยงาน", "คะแนนรวมเฉลี่ย"]
    assert [r[0] for r in rows[1:]] == ["จังหวัดสอง", "จังหวัดหนึ่ง"] and rows[2][1] == "2"
    xlsx = client_for(superuser).get(reverse("dashboards:national_export", args=["xlsx"]), {"year": 2568})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_an_empty_site_says_so(db, superuser):
    page = client_for(superuser).get(reverse("dashboards:national")).content.decode()
    assert "ยังไม่มีผลการประเมิน" in page
