"""Thai dates match pythainlp's `thai_strftime` (the reference the month names were taken from)."""

import datetime as dt

import pytest

from prongsai.thai import fiscal_year_period, thai_date

thai_strftime = pytest.importorskip("pythainlp.util").thai_strftime


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("full_month", [False, True])
def test_thai_date_matches_pythainlp(month, full_month):
    for day in (dt.date(2025, month, 1), dt.date(2026, month, 28), dt.date(1999, month, 9)):
        want = thai_strftime(day, "%-d %B %Y" if full_month else "%-d %b %Y")
        assert thai_date(day, "arabic", full_month=full_month) == want
        assert thai_date(day, "thai", full_month=full_month) == thai_strftime(
            day, "%-d %B %Y" if full_month else "%-d %b %Y", thaidigit=True
        )


def test_fiscal_year_period():
    assert fiscal_year_period(2569) == "๑ ต.ค. ๒๕๖๘ – ๓๐ ก.ย. ๒๕๖๙"
    assert fiscal_year_period(2569, "arabic") == "1 ต.ค. 2568 – 30 ก.ย. 2569"
