"""The session engine and auth backend (plain-SQL reads) keep Django's rules: expiry, logout, inactive
users, password changes, and they load the same objects as the ORM."""

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
