"""The results page's import takes a FY2566 result with the EIT in two parts (docs/ita-method.md §9)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_web_import_takes_the_eit_in_two_parts(agency, coordinator):
    """A FY2566 result published with the EIT in two parts, imported on the results page's import."""
    from decimal import Decimal

    from prongsai.web.assessments.selectors import result_engine
    from prongsai.web.assessments.services import results_import

    csv_text = (
        f"หน่วยงาน,ปีงบประมาณ,iit,EIT ส่วนที่ 1,EIT ส่วนที่ 2,oit\n{agency.name},2566,97.10,96.00,98.50,95.00\n"
    )
    [row] = results_import(agency=agency, filename="2566.csv", content=csv_text.encode(), actor=coordinator)
    assert row.eit == Decimal("97.25") and row.total == Decimal("96.31")
    assert result_engine(row=row).tool("EIT").score == Decimal("97.25")
