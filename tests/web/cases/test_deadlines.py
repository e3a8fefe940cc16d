"""Deadline arithmetic in working days: weekends, holidays, long holiday runs, and the holiday file itself."""

from __future__ import annotations

import datetime as dt

import pytest

from prongsai.web.cases.deadlines import add_working_days, is_working_day, working_days_between
from prongsai.web.cases.rules import Holidays, holidays, holidays_read

D = dt.date
NO_HOLIDAYS = Holidays(days={}, years={})
SONGKRAN = Holidays(days={D(2026, 4, 13): "", D(2026, 4, 14): "", D(2026, 4, 15): ""}, years={2026: "test"})


def test_same_week_without_weekend():
    # Monday 2 March 2026 + 3 working days = Thursday.
    assert add_working_days(D(2026, 3, 2), 3, table=NO_HOLIDAYS) == D(2026, 3, 5)


def test_friday_plus_one_is_monday():
    assert add_working_days(D(2026, 3, 6), 1, table=NO_HOLIDAYS) == D(2026, 3, 9)


def test_sent_on_saturday_counts_from_monday():
    assert add_working_days(D(2026, 3, 7), 1, table=NO_HOLIDAYS) == D(2026, 3, 9)
    assert add_working_days(D(2026, 3, 8), 5, table=NO_HOLIDAYS) == D(2026, 3, 13)


def test_fifteen_working_days_spans_three_weekends():
    # Monday 2 March + 15 working days: 3 full weeks later, Monday 23 March.
    assert add_working_days(D(2026, 3, 2), 15, table=NO_HOLIDAYS) == D(2026, 3, 23)


def test_holidays_are_skipped():
    # Friday 10 April 2026; Mon 13 – Wed 15 are Songkran: the first working day is Thursday 16.
    assert add_working_days(D(2026, 4, 10), 1, table=SONGKRAN) == D(2026, 4, 16)
    assert add_working_days(D(2026, 4, 10), 3, table=SONGKRAN) == D(2026, 4, 20)


def test_holiday_on_a_weekend_counts_once():
    table = Holidays(days={D(2026, 3, 7): "Saturday holiday"}, years={2026: "test"})
    assert add_working_days(D(2026, 3, 6), 1, table=table) == D(2026, 3, 9)


def test_zero_days_is_the_same_day_and_negative_is_refused():
    assert add_working_days(D(2026, 3, 4), 0, table=NO_HOLIDAYS) == D(2026, 3, 4)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 3, 4), -1, table=NO_HOLIDAYS)


def test_between_is_the_inverse_of_add():
    for start in (D(2026, 4, 9), D(2026, 4, 11), D(2026, 12, 31)):
        for n in range(0, 25):
            assert (
                working_days_between(start, add_working_days(start, n, table=SONGKRAN), table=SONGKRAN) == n
            )


def test_the_shipped_table_is_used_by_default():
    table = holidays()
    assert D(2026, 4, 13) in table.days and table.covers(2026)
    assert not is_working_day(D(2026, 4, 14))
    assert is_working_day(D(2026, 4, 16))
    # Friday 10 April 2026 + 15 working days with Songkran (13–15) in between.
    # 16,17,20–24,27–30 April = 11; 1 May (not a government holiday in the table) = 12; 4 May (coronation
    # day) skipped; 5, 6, 7 May = 13, 14, 15.
    assert add_working_days(D(2026, 4, 10), 15) == D(2026, 5, 7)


def test_the_package_gives_every_year_less_the_days_offices_stay_open():
    table = holidays()
    # 2027 (พ.ศ. 2570) is not in holidays.toml, yet its lunar and substitution days are known.
    assert D(2027, 2, 22) in table.days  # ชดเชยวันมาฆบูชา (Makha Bucha falls on a Sunday)
    assert D(2027, 7, 20) in table.days  # ชดเชยวันอาสาฬหบูชา
    assert add_working_days(D(2027, 2, 19), 1) == D(2027, 2, 23)
    # Labour Day and its in-lieu day are the private sector's; government offices are open.
    assert D(2026, 5, 1) not in table.days and D(2027, 5, 3) not in table.days
    # วันพืชมงคล is a day off for government offices (the package's "government" category).
    assert D(2026, 5, 13) in table.days
    assert "วันสงกรานต์" in table.days.year(2030).values()


def test_extra_days_of_a_year_are_added_to_the_calendar(tmp_path):
    path = tmp_path / "holidays.toml"
    path.write_text(
        '[calendar]\ncountry = "TH"\ncategories = ["public"]\nexclude = []\n'
        '[years.2027]\ndays = [{ date = 2027-03-01, name = "วันหยุดพิเศษ" }]\n'
    )
    table = holidays_read(path)
    assert table.covers(2027) and not table.covers(2028)
    assert table.days[D(2027, 3, 1)] == "วันหยุดพิเศษ"
    assert D(2027, 5, 3) in table.days  # nothing excluded here: ชดเชยวันแรงงานแห่งชาติ stays


def test_an_unknown_calendar_is_refused_with_its_section(tmp_path):
    path = tmp_path / "holidays.toml"
    path.write_text('[calendar]\ncountry = "XX"\n')
    with pytest.raises(ValueError, match=r"\[calendar\]"):
        holidays_read(path)


def test_bad_holiday_file_names_the_year_and_entry(tmp_path):
    path = tmp_path / "holidays.toml"
    path.write_text(
        '[years.2026]\ndays = [{ date = 2026-01-01, name = "a" }, { date = 2025-12-31, name = "b" }]\n'
    )
    with pytest.raises(ValueError, match=r"years.2026 days #2"):
        holidays_read(path)


def test_a_deadline_beyond_the_holiday_table_is_reported(caplog):
    from prongsai.web.cases import checks, deadlines

    assert checks.holiday_years_missing(today=D(2026, 6, 1)) == []
    # In December deadlines fall in January: the next year must be in the table too.
    assert checks.holiday_years_missing(today=D(2026, 12, 2)) == [2027]
    assert checks.holiday_years_missing(today=D(2030, 1, 5)) == [2030]
    deadlines._warn_uncovered.cache_clear()
    with caplog.at_level("WARNING", logger="prongsai.web.cases.deadlines"):
        # 31 Dec and 1 Jan are regular holidays from the package, counted although 2027 is not entered.
        assert add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 4)  # Thu; 25, 28, 29, 30 Dec, 4 Jan
    assert "no year 2027" in caplog.text


def test_the_system_check_names_the_missing_year(monkeypatch):
    from django.core import checks as django_checks

    from prongsai.web.cases import checks

    monkeypatch.setattr(checks, "holiday_years_missing", lambda: [2027])
    [warning] = [m for m in django_checks.run_checks() if m.id == "cases.W001"]
    assert "2027" in warning.msg and "2570" in warning.msg and "holidays.toml" in warning.hint
