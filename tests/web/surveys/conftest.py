"""Fixtures for the surveys tests: an open internal (IIT) and an open external (EIT) survey."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from prongsai.web.surveys.services import survey_create


def open_survey(agency, actor, kind="internal", fiscal_year=2564, **extra):
    today = timezone.localdate()
    return survey_create(
        agency=agency,
        actor=actor,
        fiscal_year=fiscal_year,
        kind=kind,
        title="แบบสำรวจทดสอบ",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=30),
        **extra,
    )


@pytest.fixture
def internal_survey(agency, coordinator):
    return open_survey(agency, coordinator)


@pytest.fixture
def external_survey(agency, coordinator):
    return open_survey(agency, coordinator, kind="external", fiscal_year=2569)
