"""Fixtures for plans tests: evidence files go to a temporary var/ directory; a measure with activities."""

from __future__ import annotations

import datetime as dt

import pytest

from prongsai.web.agencies.models import Division
from prongsai.web.plans.services import ActivityInput, activity_create, measure_create


@pytest.fixture(autouse=True)
def _private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def measure(agency, coordinator):
    m = measure_create(
        agency=agency,
        fiscal_year=2569,
        title="เปิดโอกาสให้มีส่วนร่วม",
        indicators=[8],
        analysis="ตัวชี้วัดที่ 8 พัฒนาได้อีก",
        actor=coordinator,
    )
    return m


@pytest.fixture
def works_activity(measure, coordinator):
    """An activity of กองช่าง (the division_officer fixture's division)."""
    return activity_create(
        measure=measure,
        actor=coordinator,
        data=ActivityInput(
            name="ซ่อมถนนตามที่ประชาชนเสนอ",
            methods=("สำรวจ", "ซ่อม"),
            start=dt.date(2025, 10, 1),
            end=dt.date(2026, 9, 30),
            divisions=(Division.objects.get(agency=measure.agency, name="กองช่าง"),),
            budget=None,
            no_budget=True,
            kpi="ถนนที่ซ่อม",
            target="10",
            unit="สาย",
        ),
    )


@pytest.fixture
def finance_activity(measure, coordinator):
    """An activity of กองคลัง only (not the division officer's)."""
    return activity_create(
        measure=measure,
        actor=coordinator,
        data=ActivityInput(
            name="เผยแพร่งบประมาณ",
            start=dt.date(2025, 10, 1),
            end=dt.date(2026, 3, 31),
            divisions=(Division.objects.get(agency=measure.agency, name="กองคลัง"),),
        ),
    )
