"""The submission hot path (hotpath.py, store.py) writes and reads exactly what the ORM would."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from prongsai.web import hotpath
from prongsai.web.cases.models import Case, CaseEvent
from prongsai.web.cases.services import RateLimited, case_submit
from prongsai.web.open311.services import apikey_issue, submission_target
from prongsai.web.services.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(agency):
    return apikey_issue(agency=agency, name="partner", actor=None)


def _submit(agency, catalogue, api_key, **extra):
    return case_submit(
        agency=agency,
        kind="request",
        service=catalogue["road-repair"],
        description="ถนนเป็นหลุม หน้าวัด",
        attributes={"problem": "pothole"},
        name="สมชาย ใจดี",
        email="somchai@example.org",
        lat="14.015012",
        long="99.531034",
        channel="open311",
        api_key=api_key,
        idempotency_key=extra.pop("idempotency_key", ""),
        **extra,
    )


@pytest.mark.parametrize("with_key", [True, False], ids=["api-key path", "plain path"])
def test_a_stored_case_reads_back_field_for_field(agency, catalogue, key, with_key):
    row, _plain = key
    case, created = _submit(agency, catalogue, row if with_key else None)
    assert created and case.pk is not None and not case._state.adding
    stored = Case.objects.get(pk=case.pk)
    for field in Case._meta.concrete_fields:
        assert getattr(stored, field.attname) == getattr(case, field.attname), field.name
    assert stored.attributes == {"problem": "pothole"}
    assert stored.lat == Decimal("14.015012") and stored.long == Decimal("99.531034")
    assert stored.division_id == catalogue["road-repair"].division_id
    assert stored.api_key_id == (row.pk if with_key else None)
    (event,) = CaseEvent.objects.filter(case=stored)
    assert (event.kind, event.public, event.status) == ("created", True, "received")
    assert event.at is not None


def test_over_the_key_limit_nothing_is_stored(agency, catalogue, key, monkeypatch):
    from prongsai.web.cases import rules as case_rules

    monkeypatch.setitem(
        case_rules.rules(), "rate_limits", dict(case_rules.rules()["rate_limits"], api_key_per_minute=1)
    )
    row, _plain = key
    _submit(agency, catalogue, row)
    with pytest.raises(RateLimited):
        _submit(agency, catalogue, row)
    assert Case.objects.count() == 1 and CaseEvent.objects.count() == 1


def test_a_retried_idempotency_key_returns_the_first_case_inside_a_transaction(agency, catalogue, key):
    # The test itself runs inside a transaction: the failing insert must not break it (a savepoint).
    row, _plain = key
    first, created = _submit(agency, catalogue, row, idempotency_key="k-1")
    again, created_again = _submit(agency, catalogue, row, idempotency_key="k-1")
    assert created and not created_again and again.pk == first.pk
    assert Case.objects.count() == 1
    assert Case.objects.filter(pk=first.pk).exists()  # the connection is still usable


def test_submission_target_converts_values_like_the_orm(agency, catalogue, key):
    row, plain = key
    target = submission_target(plain=plain, jurisdiction=agency.dla_code, code="road-repair")
    orm = Service.objects.get(pk=catalogue["road-repair"].pk)
    assert target.key.pk == row.pk and target.agency.pk == agency.pk
    for name in ("id", "code", "name_th", "division_id", "answer_days", "attributes", "needs_location"):
        assert getattr(target.service, name) == getattr(orm, name), name
    assert isinstance(target.service.needs_location, bool)
    assert isinstance(target.service.attributes, list) and target.service.attributes
    assert submission_target(plain=plain, jurisdiction="no-such-agency", code="road-repair").agency is None
    assert submission_target(plain=plain, jurisdiction="", code="no-such-service").service is None
    assert submission_target(plain="ps_wrong", jurisdiction="", code="road-repair").key is None


def test_insert_sql_names_every_column_but_the_key():
    columns = hotpath._insert_sql(Case).split(" VALUES ")[0]
    for field in Case._meta.concrete_fields:
        assert (connection.ops.quote_name(field.column) in columns) != field.primary_key, field.name


def test_the_tracking_read_matches_the_orm(agency, catalogue, key):
    from prongsai.web.cases.selectors import TRACKING_FIELDS, case_get_by_tracking

    row, _plain = key
    case, _ = _submit(agency, catalogue, row)
    fast = case_get_by_tracking(tracking_no=case.tracking_no.lower(), secret=case.secret.lower())
    orm = Case.objects.select_related("agency", "service").get(pk=case.pk)
    for name in TRACKING_FIELDS:
        assert getattr(fast, name) == getattr(orm, name), name
    assert fast.agency.name == orm.agency.name and fast.service.name_th == orm.service.name_th
    assert fast.address == orm.address  # a field not read up front still loads when asked for
    question, _ = case_submit(agency=agency, kind="question", description="ถาม")
    assert case_get_by_tracking(tracking_no=question.tracking_no, secret=question.secret).service is None
    assert hotpath.get_one(Case, ("id",), tracking_no="NO-SUCH") is None
