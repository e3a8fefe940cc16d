"""Round items (monthly procurement summaries, yearly reports) whose newest evidence is past its round or
near its end: listed on the agency dashboard with a link to the item, by the same rule as the status."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from prongsai.thai import fiscal_year_of
from prongsai.web.oit.models import Evidence
from prongsai.web.oit.selectors import due_list, readiness_get

pytestmark = pytest.mark.django_db


def evidence(agency, code, published_on, fiscal_year=2569):
    return Evidence.objects.create(
        agency=agency,
        fiscal_year=fiscal_year,
        code=code,
        title=f"หลักฐาน {code}",
        link="https://example.go.th/x",
        published_on=published_on,
    )


def test_overdue_and_soon_due_follow_the_rounds_and_the_status(agency, other_agency):
    on = dt.date(2026, 6, 30)
    evidence(agency, "O11", dt.date(2026, 5, 1))  # monthly (45 days): covered until 15 June → overdue
    evidence(agency, "O11", dt.date(2026, 4, 1))  # an older one does not count
    evidence(agency, "O12", dt.date(2025, 7, 20))  # yearly (380 days): until 4 August 2026 → not yet soon
    evidence(agency, "O14", dt.date(2025, 6, 25))  # yearly: until 10 July 2026 → soon (14 days)
    evidence(agency, "O15", dt.date(2025, 1, 1))  # no round: never due
    evidence(other_agency, "O22", dt.date(2025, 1, 1))  # another agency's
    got = due_list(agency=agency, fiscal_year=2569, today=on)
    assert [(d.item.code, d.state, d.round_end) for d in got] == [
        ("O11", "overdue", dt.date(2026, 6, 15)),
        ("O14", "soon", dt.date(2026, 7, 10)),
    ]
    statuses = {r.item.code: r.status for r in readiness_get(agency=agency, fiscal_year=2569, today=on).rows}
    assert statuses["O11"] == "due" and statuses["O14"] == "published"
    # The day after the round ends the soon item is overdue, as its status says.
    later = dt.date(2026, 7, 11)
    assert [d.state for d in due_list(agency=agency, fiscal_year=2569, today=later)] == ["overdue", "overdue"]
    assert {r.item.code: r.status for r in readiness_get(agency=agency, fiscal_year=2569, today=later).rows}[
        "O14"
    ] == "due"


def test_evidence_dated_after_the_day_asked_does_not_count(agency):
    evidence(agency, "O11", dt.date(2026, 8, 1))
    assert due_list(agency=agency, fiscal_year=2569, today=dt.date(2026, 6, 30)) == []


def test_the_list_is_one_narrow_read(agency, django_assert_max_num_queries):
    evidence(agency, "O11", dt.date(2026, 1, 1))
    with django_assert_max_num_queries(2):  # the corrected item lists, the evidence dates
        assert due_list(agency=agency, fiscal_year=2569, today=dt.date(2026, 6, 30))


def test_the_dashboard_lists_the_current_years_due_items_with_links(agency, coordinator_client, other_agency):
    today = timezone.localdate()
    year = fiscal_year_of(today)
    evidence(agency, "O11", today - dt.timedelta(days=60), fiscal_year=year)  # monthly: overdue
    evidence(agency, "O12", today - dt.timedelta(days=370), fiscal_year=year)  # yearly: soon
    evidence(agency, "O14", today - dt.timedelta(days=370), fiscal_year=year - 1)  # last year's: not shown
    evidence(other_agency, "O22", today - dt.timedelta(days=500), fiscal_year=year)
    page = coordinator_client.get(reverse("dashboards:agency", args=[agency.pk])).content.decode()
    staff = reverse("oit:staff", args=[agency.pk, year])
    assert f'href="{staff}#item-O11"' in page and f'href="{staff}#item-O12"' in page
    assert "#item-O14" not in page and "#item-O22" not in page
    assert page.index("#item-O11") < page.index("#item-O12")  # overdue first
    assert "เลยรอบการเผยแพร่" in page and "ใกล้ถึงรอบการเผยแพร่" in page


def test_the_dashboard_says_nothing_when_no_round_is_due(agency, coordinator_client):
    page = coordinator_client.get(reverse("dashboards:agency", args=[agency.pk])).content.decode()
    assert 'id="oit-due"' not in page
