"""The hot paths' reads (benchmarks/web_load.py): the same answers as the ORM reads they replace, in fewer
round trips — prefetched statements, the user read with their access, the comparison in one statement,
history scored when read, and the PostgreSQL health check skipped on a connection that just answered."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prongsai.ita.analysis import analyse
from prongsai.ita.records import HistoryPoint
from prongsai.web import hotpath
from prongsai.web.agencies.models import Agency, Membership, Role
from prongsai.web.agencies.selectors import _access, user_get_with_access
from prongsai.web.agencies.services import agency_create, staff_add, supervision_set
from prongsai.web.assessments.models import ItaResult
from prongsai.web.assessments.selectors import result_current_full, result_engine, result_history_points
from prongsai.web.assessments.services import result_save
from prongsai.web.dashboards.selectors import _FIELDS as FIELDS
from prongsai.web.dashboards.selectors import comparison

pg_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's pipeline and backend")


def _years(agency, years=(2566, 2567, 2568), base=80):
    for k, year in enumerate(years):
        result_save(
            agency=agency,
            fiscal_year=year,
            indicators={n: str(base + k + n % 5) for n in range(1, 11)},
        )


# --- prefetch -----------------------------------------------------------------------------------------


@pg_only
def test_prefetched_reads_are_one_round_trip_and_each_is_taken_once(agency):
    _years(agency)
    statements = [
        hotpath.get_full_statement(Agency, agency.pk),
        hotpath.select_statement(
            ItaResult, ("id", "fiscal_year"), order_by=("fiscal_year",), agency=agency.pk
        ),
    ]
    with CaptureQueriesContext(connection) as sent:
        hotpath.prefetch(*statements)
    assert len(sent) == 2 and all("(prefetched" in q["sql"] for q in sent)
    with CaptureQueriesContext(connection) as later:
        found = hotpath.get_full(Agency, agency.pk)
        rows = hotpath.select(ItaResult, ("id", "fiscal_year"), order_by=("fiscal_year",), agency=agency.pk)
    assert len(later) == 0
    assert found.name == agency.name and [r.fiscal_year for r in rows] == [2566, 2567, 2568]
    with CaptureQueriesContext(connection) as again:  # taken once: a second read asks the database
        hotpath.get_full(Agency, agency.pk)
    assert len(again) == 1


@pg_only
def test_prefetched_values_are_bound_as_values_not_sql(agency):
    # The reads go as one multi-statement query with client-side binding: quotes, semicolons, percent
    # signs and backslashes in a value stay that value.
    tricky = "x'); DELETE FROM agencies_agency; -- 100% \\ ;"
    Agency.objects.filter(pk=agency.pk).update(name=tricky)
    statements = [
        hotpath.select_statement(Agency, ("id", "name"), name=tricky),
        hotpath.select_statement(Agency, ("id",), name="no such name'; SELECT 1"),
        hotpath.get_full_statement(Agency, agency.pk),
    ]
    hotpath.prefetch(*statements)
    assert [(a.pk, a.name) for a in hotpath.select(Agency, ("id", "name"), name=tricky)] == [
        (agency.pk, tricky)
    ]
    assert hotpath.select(Agency, ("id",), name="no such name'; SELECT 1") == []
    assert hotpath.get_full(Agency, agency.pk).name == tricky
    assert Agency.objects.filter(pk=agency.pk).exists()


@pg_only
def test_prefetched_rows_never_outlive_the_request(agency, coordinator_client):
    hotpath.prefetch(hotpath.get_full_statement(Agency, agency.pk), hotpath.select_statement(Agency, ("id",)))
    Agency.objects.filter(pk=agency.pk).update(name="ชื่อใหม่")
    coordinator_client.get(reverse("dashboards:home"))  # a request ends: what it did not take is dropped
    assert hotpath.get_full(Agency, agency.pk).name == "ชื่อใหม่"
    hotpath.prefetch(hotpath.get_full_statement(Agency, agency.pk), hotpath.select_statement(Agency, ("id",)))
    Agency.objects.filter(pk=agency.pk).update(name="ชื่อที่สาม")
    hotpath.prefetch(hotpath.select_statement(Agency, ("id",)), hotpath.select_statement(Agency, ("name",)))
    assert hotpath.get_full(Agency, agency.pk).name == "ชื่อที่สาม"  # a new prefetch drops the older one


def test_prefetch_does_nothing_on_sqlite_and_reads_still_work(agency):
    if connection.vendor == "postgresql":
        pytest.skip("SQLite's case")
    with CaptureQueriesContext(connection) as sent:
        hotpath.prefetch(
            hotpath.get_full_statement(Agency, agency.pk), hotpath.select_statement(Agency, ("id",))
        )
    assert len(sent) == 0
    assert hotpath.get_full(Agency, agency.pk).name == agency.name


def test_the_agency_page_reads_in_few_round_trips(coordinator_client, agency):
    _years(agency)
    url = reverse("dashboards:agency", args=[agency.pk])
    coordinator_client.get(url)  # the analysis part is rendered and kept
    with CaptureQueriesContext(connection) as sent:
        html = coordinator_client.get(url).content.decode()
    assert "ผลการประเมิน ปีงบประมาณ 2568" in html
    # the session with its user, the agency, results, OIT item lists and evidence, documents: one trip
    trips = {q["sql"].rsplit("trip ", 1)[1] for q in sent if "(prefetched" in q["sql"]}
    singles = [q for q in sent if "(prefetched" not in q["sql"]]
    assert len(singles) + len(trips) <= (1 if connection.vendor == "postgresql" else 7), sent.captured_queries
    if connection.vendor == "postgresql":
        (trip,) = trips
        same = [q["sql"] for q in sent if q["sql"].endswith(f"trip {trip}")]
        assert any("django_session" in q for q in same) and any("agencies_agency" in q for q in same)


def test_a_first_view_sends_the_analysis_read_with_the_pages_first_reads(coordinator_client, agency):
    from prongsai.web.dashboards import views

    _years(agency)
    views._DRAWN.clear()
    url = reverse("dashboards:agency", args=[agency.pk]) + "?year=2567"
    coordinator_client.get(reverse("dashboards:mine"))  # the process knows the session: one trip below
    with CaptureQueriesContext(connection) as sent:
        html = coordinator_client.get(url).content.decode()
    assert "ผลการประเมิน ปีงบประมาณ 2567" in html
    trips = {q["sql"].rsplit("trip ", 1)[1] for q in sent if "(prefetched" in q["sql"]}
    singles = [q for q in sent if "(prefetched" not in q["sql"]]
    if connection.vendor == "postgresql":
        assert len(trips) == 1 and singles == [], sent.captured_queries  # session to analysis: one trip
    assert (agency.pk, 2567) in views._DRAWN
    cache.clear()  # the analysis must be drawn again, but this view is no longer a likely first one
    with CaptureQueriesContext(connection) as again:
        assert "ผลการประเมิน ปีงบประมาณ 2567" in coordinator_client.get(url).content.decode()
    full_reads = [q for q in again if "level_reason" in q["sql"] and "ORDER BY" in q["sql"]]
    assert len(full_reads) == 1 and "(prefetched" not in full_reads[0]["sql"]


# --- the user and their access ------------------------------------------------------------------------


def test_the_user_is_read_with_the_same_access_as_the_separate_read(agency, other_agency):
    user = staff_add(agency=agency, username="both", role=Role.ITA_COORDINATOR)
    supervision_set(user=user, agencies=[other_agency, agency])
    loaded = user_get_with_access(get_user_model(), user.pk)
    assert loaded.username == "both" and loaded.pk == user.pk
    separate = get_user_model().objects.get(pk=user.pk)
    assert loaded._prongsai_access == _access(separate)
    assert loaded._prongsai_access == (
        {agency.pk: Role.ITA_COORDINATOR},
        frozenset({other_agency.pk, agency.pk}),
    )
    nobody = get_user_model().objects.create_user("nobody")
    assert user_get_with_access(get_user_model(), nobody.pk)._prongsai_access == ({}, frozenset())
    assert user_get_with_access(get_user_model(), 10**9) is None


def test_a_supervision_given_in_the_request_is_seen_after_the_cached_access_is_dropped(agency):
    user = get_user_model().objects.create_user("late")
    loaded = user_get_with_access(get_user_model(), user.pk)
    assert _access(loaded) == ({}, frozenset())
    supervision_set(user=loaded, agencies=[agency])  # drops the per-request access (services)
    assert _access(loaded) == ({}, frozenset({agency.pk}))


# --- the comparison -----------------------------------------------------------------------------------


def _orm_reference(user, fiscal_year):
    qs = ItaResult.objects.filter(superseded_at__isnull=True)
    if not user.is_superuser:
        ids = set(Membership.objects.filter(user=user).values_list("agency_id", flat=True))
        ids |= set(user.supervisions.values_list("agency_id", flat=True))
        qs = qs.filter(Q(agency_id__in=ids))
    years = sorted(set(qs.values_list("fiscal_year", flat=True)), reverse=True)
    year = fiscal_year if fiscal_year in years else (years[0] if years else None)
    rows = sorted(qs.filter(fiscal_year=year).values_list(*FIELDS))
    return years, year, rows


@pytest.mark.parametrize("asked", [2567, 2568, None, 2550])
def test_the_comparison_reads_what_the_orm_reads(
    asked, supervisor, superuser, coordinator, agency, other_agency
):
    third = agency_create(name="เทศบาลตำบลที่สาม", type="เทศบาลตำบล", province="จังหวัดทดสอบ", divisions=[])
    _years(agency, (2567, 2568))
    _years(other_agency, (2566, 2567), base=60)
    _years(third, (2568,), base=90)
    result_save(
        agency=agency, fiscal_year=2568, tools={"IIT": "91.5", "EIT": "86.25", "OIT": "96"}
    )  # supersedes
    supervision_set(user=supervisor, agencies=[agency, third])
    for user in (supervisor, superuser, coordinator):
        years, year, rows = _orm_reference(user, asked)
        data = comparison(user=user, fiscal_year=asked, sort="name")
        assert data["years"] == years and data["fiscal_year"] == year
        got = sorted(tuple(r[k] for k in FIELDS) for r in data["rows"])
        assert got == rows
        assert all(isinstance(r["total"], Decimal) for r in data["rows"])


# --- history scored when read -------------------------------------------------------------------------


def test_lazy_history_gives_the_analysis_the_eager_history_gives(agency):
    _years(agency, (2565, 2566, 2567, 2568))
    result_save(agency=agency, fiscal_year=2567, tools={"IIT": "90", "EIT": "80", "OIT": "95"})  # tools only
    rows = list(ItaResult.objects.filter(agency=agency, superseded_at__isnull=True).order_by("fiscal_year"))
    eager = [HistoryPoint(r.fiscal_year, r.total, r.level, result_engine(row=r)) for r in rows]
    full = result_current_full(agency_id=agency.pk)
    assert [(r.pk, r.indicators, r.extra) for r in full] == [(r.pk, r.indicators, r.extra) for r in rows]
    lazy = result_history_points(agency=agency, rows=full, until=2568)
    assert [(p.fiscal_year, p.total, p.level) for p in lazy] == [
        (p.fiscal_year, p.total, p.level) for p in eager
    ]
    current = result_engine(row=rows[-1])
    from_lazy, from_eager = analyse(current, lazy), analyse(current, eager)
    assert replace(from_lazy, history=()) == replace(from_eager, history=())
    # Scored: 2567 (the year before: tools only) and 2566 (the newest with indicator scores); not 2565.
    assert [p._result is not None for p in lazy] == [False, True, True, False]
    assert [(p.fiscal_year, p.total, p.level, p.result) for p in from_lazy.history] == [
        (p.fiscal_year, p.total, p.level, p.result) for p in from_eager.history
    ]


# --- the health check ---------------------------------------------------------------------------------


@pytest.fixture
def own_connection(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's backend")
    wrapper = connections.create_connection("default")  # outside the test's transaction
    yield wrapper
    wrapper.close()


def _request(wrapper, sql="SELECT 1"):
    """What Django does around a request: check at the start, a query, check at the end."""
    wrapper.close_if_unusable_or_obsolete()
    with wrapper.cursor() as cursor:
        cursor.execute(sql)
        cursor.fetchall()
    wrapper.close_if_unusable_or_obsolete()


def test_a_connection_that_just_answered_is_not_checked_again(own_connection, monkeypatch):
    from prongsai.web.pgbackend import base

    assert isinstance(own_connection, base.DatabaseWrapper)
    checks = []
    real = own_connection.is_usable
    monkeypatch.setattr(own_connection, "is_usable", lambda: checks.append(1) or real())
    _request(own_connection)  # connects: a new connection is not checked
    _request(own_connection)
    _request(own_connection)
    assert checks == []
    monkeypatch.setattr(base, "HEALTH_CHECK_IDLE", 0.0)  # idle longer than the window: checked as Django does
    _request(own_connection)
    assert checks == [1]


def test_a_dropped_connection_is_replaced(own_connection, monkeypatch):
    from prongsai.web.pgbackend import base

    _request(own_connection)
    pid = own_connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    monkeypatch.setattr(base, "HEALTH_CHECK_IDLE", 0.0)  # idle: the check finds it dead and reconnects
    _request(own_connection)
    assert own_connection.connection.info.backend_pid != pid


def test_a_connection_dropped_inside_the_window_fails_one_request_and_is_replaced(own_connection):
    from django.db import Error

    _request(own_connection)
    pid = own_connection.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    with pytest.raises(Error):
        _request(own_connection)
    own_connection.close_if_unusable_or_obsolete()  # the end of the failed request: closed
    _request(own_connection)
    assert own_connection.connection.info.backend_pid != pid


@pytest.mark.parametrize("year", [None, 2566, 2568, 2550])
def test_the_pages_documents_are_those_of_the_result_it_shows(year, coordinator, agency):
    from prongsai.web.dashboards.selectors import agency_dashboard_rows
    from prongsai.web.documents.models import Document
    from prongsai.web.documents.selectors import document_list_for_shown_result

    _years(agency, (2566, 2567, 2568))
    result_save(agency=agency, fiscal_year=2566, tools={"IIT": "90", "EIT": "80", "OIT": "95"})  # supersedes
    for r in ItaResult.objects.filter(agency=agency):  # two documents of every version, old ones too
        Document.objects.create(agency=agency, result=r, formats=["pdf"], status="done")
        Document.objects.create(agency=agency, result=r, formats=["docx"], status="queued")
    row, _rows = agency_dashboard_rows(agency=agency, year=year)
    expected = list(
        Document.objects.filter(result=row).order_by("-created_at", "-id").values_list("pk", flat=True)
    )
    shown = document_list_for_shown_result(user=coordinator, agency_id=agency.pk, year=year)
    assert [d.pk for d in shown] == expected and len(expected) == 2
    assert (
        document_list_for_shown_result(
            user=get_user_model().objects.create_user("x"), agency_id=agency.pk, year=year
        )
        == []
    )


# --- the session and its user in one round trip ---------------------------------------------------------


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_known_session_reads_its_user_in_the_same_round_trip(coordinator, agency):
    client = _signed_in(coordinator)
    url = reverse("dashboards:mine")
    client.get(url)  # this process has now seen the session
    with CaptureQueriesContext(connection) as sent:
        assert client.get(url).status_code == 200
    if connection.vendor == "postgresql":
        first_trip = [q for q in sent if "(prefetched" in q["sql"]][:2]
        assert "django_session" in first_trip[0]["sql"] and "auth_user" in first_trip[1]["sql"]
        assert not any("auth_user" in q["sql"] and "(prefetched" not in q["sql"] for q in sent)


def test_a_wrong_guess_still_reads_the_sessions_own_user(coordinator, other_coordinator):
    from prongsai.web.accounts import sessions

    client = _signed_in(coordinator)
    client.get(reverse("dashboards:mine"))
    sessions._USER_OF[client.cookies["sessionid"].value] = other_coordinator.pk
    page = client.get(reverse("dashboards:mine")).content.decode()
    assert coordinator.username in page and other_coordinator.username not in page


def test_a_deactivated_user_or_a_closed_session_is_signed_out_on_the_next_request(coordinator):
    client = _signed_in(coordinator)
    url = reverse("dashboards:mine")
    assert client.get(url).status_code == 200
    get_user_model().objects.filter(pk=coordinator.pk).update(is_active=False)
    assert client.get(url).status_code == 302  # to the sign-in page
    get_user_model().objects.filter(pk=coordinator.pk).update(is_active=True)
    assert client.get(url).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(url).status_code == 302
