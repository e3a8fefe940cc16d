"""The plain-SQL reads of every signed-in page: the session engine and auth backend keep Django's rules
(expiry, logout, inactive users, password changes), and hotpath reads give what the ORM gives."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.web import hotpath
from prongsai.web.accounts.backends import ModelBackend
from prongsai.web.accounts.sessions import SessionStore
from prongsai.web.agencies.models import Agency

from .conftest import PASSWORD


def _signed_in(user) -> Client:
    client = Client()
    assert (
        client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD}).status_code
        == 302
    )
    assert client.get(reverse("dashboards:mine")).status_code == 200
    return client


def test_the_engine_reads_what_django_wrote(coordinator):
    store = SessionStore()
    store["answer"] = 42
    store.create()
    assert SessionStore(store.session_key).load() == {"answer": 42}
    assert SessionStore("no-such-key-000000000000000000000").load() == {}


def test_a_session_read_again_is_a_fresh_copy_and_tampered_data_is_refused(coordinator):
    store = SessionStore()
    store["cart"] = ["a"]
    store.create()
    first = SessionStore(store.session_key).load()
    first["cart"].append("changed in one request, not saved")
    assert SessionStore(store.session_key).load() == {"cart": ["a"]}  # the kept check gave no shared list
    data = Session.objects.get(session_key=store.session_key).session_data
    assert SessionStore().decode(data[:-3] + "AAA") == {}  # a bad signature is never taken as checked


def test_an_expired_session_signs_out(coordinator):
    client = _signed_in(coordinator)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("dashboards:mine")).status_code == 302


def test_logout_ends_the_session_in_the_database(coordinator):
    client = _signed_in(coordinator)
    key = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    stolen = Client()
    stolen.cookies["sessionid"] = key
    assert stolen.get(reverse("dashboards:mine")).status_code == 302


def test_a_deactivated_user_is_signed_out(coordinator):
    client = _signed_in(coordinator)
    get_user_model().objects.filter(pk=coordinator.pk).update(is_active=False)
    assert client.get(reverse("dashboards:mine")).status_code == 302
    assert ModelBackend().get_user(coordinator.pk) is None


def test_a_password_change_elsewhere_signs_out(coordinator):
    client = _signed_in(coordinator)
    coordinator.set_password("another-Password-9153")
    coordinator.save()
    assert client.get(reverse("dashboards:mine")).status_code == 302


def test_full_reads_match_the_orm(coordinator, agency):
    User = get_user_model()
    for model, pk in ((User, coordinator.pk), (Agency, agency.pk)):
        plain, orm = hotpath.get_full(model, pk), model.objects.get(pk=pk)
        names = hotpath.field_names(model)
        assert {n: getattr(plain, n) for n in names} == {n: getattr(orm, n) for n in names}
        assert plain.get_deferred_fields() == set()
    assert hotpath.get_full(Agency, 10**9) is None


def test_select_matches_the_orm(agency):
    from decimal import Decimal

    from prongsai.web.assessments.models import ItaResult
    from prongsai.web.assessments.services import result_save

    scores = {k: Decimal("90") for k in range(1, 11)}
    for year in (2566, 2568, 2567):
        result_save(agency=agency, fiscal_year=year, indicators=scores, tools=None, actor=None)
    result_save(agency=agency, fiscal_year=2567, indicators=scores, tools=None, actor=None)  # supersedes
    fields = ("id", "agency", "fiscal_year", "created_at")
    plain = hotpath.select(
        ItaResult, fields, order_by=("-fiscal_year",), agency=agency.pk, superseded_at=None
    )
    orm = ItaResult.objects.filter(agency=agency, superseded_at__isnull=True).order_by("-fiscal_year")
    assert [(r.pk, r.fiscal_year, r.created_at, r.agency_id) for r in plain] == [
        (r.pk, r.fiscal_year, r.created_at, r.agency_id) for r in orm
    ]
    assert [r.fiscal_year for r in plain] == [2568, 2567, 2566]
    assert len(hotpath.select(ItaResult, fields, limit=1, agency=agency.pk, superseded_at=None)) == 1
