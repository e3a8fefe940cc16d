"""Fixtures for database tests: two agencies and one staff account per role (passwords are known)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from prongsai.web.agencies.models import Division, Role
from prongsai.web.agencies.services import agency_create, staff_add, supervision_set

PASSWORD = "test-Password-4827"


@pytest.fixture(autouse=True)
def _plain_http_cookies(settings):
    # The test client speaks plain HTTP; secure cookies are checked separately in test_security.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _empty_cache():
    # Test databases roll back and reuse ids; the per-process cache must not outlive a test.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency(db):
    return agency_create(
        name="เทศบาลเมืองปากแพรก",
        type="เทศบาลเมือง",
        province="จังหวัดกาญจนบุรี",
        district="อำเภอเมืองกาญจนบุรี",
        dla_code="04710107",
    )


@pytest.fixture
def other_agency(db):
    return agency_create(
        name="องค์การบริหารส่วนตำบลทดสอบ", type="องค์การบริหารส่วนตำบล", province="จังหวัดราชบุรี", dla_code="06700199"
    )


def _staff(agency, username, role, division=None):
    return staff_add(agency=agency, username=username, role=role, password=PASSWORD, division=division)


@pytest.fixture
def administrator(agency):
    return _staff(agency, "admin_a", Role.ADMINISTRATOR)


@pytest.fixture
def coordinator(agency):
    return _staff(agency, "coord_a", Role.ITA_COORDINATOR)


@pytest.fixture
def division_officer(agency):
    return _staff(
        agency, "officer_a", Role.DIVISION_OFFICER, Division.objects.get(agency=agency, name="กองช่าง")
    )


@pytest.fixture
def executive(agency):
    return _staff(agency, "exec_a", Role.EXECUTIVE)


@pytest.fixture
def other_coordinator(other_agency):
    return _staff(other_agency, "coord_b", Role.ITA_COORDINATOR)


@pytest.fixture
def supervisor(db, agency):
    user = get_user_model().objects.create_user("supervisor", password=PASSWORD)
    supervision_set(user=user, agencies=[agency])
    return user


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", password=PASSWORD)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator_client(coordinator):
    return client_for(coordinator)


@pytest.fixture
def other_client(other_coordinator):
    return client_for(other_coordinator)


@pytest.fixture
def notices_sent(django_capture_on_commit_callbacks):
    """`with notices_sent():` — run what the block queued after commit, then every task it queued with
    the background worker's own code (django-tasks' `Worker.run_task`, as `prongsai worker` does), inside
    the test's transaction, so the notices are really sent before the block ends."""
    from contextlib import contextmanager

    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )

    @contextmanager
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        for result in DBTaskResult.objects.ready():
            result.claim(worker.worker_id)
            worker.run_task(result)

    return run
