"""schemathesis against the plans part of the OpenAPI document: no input gives a server error, and every
answer (errors included) is one the document declares, with its declared body."""

from __future__ import annotations

import pytest

from ..api_checks import fuzz_api
from ..conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_schemathesis_finds_no_server_error_in_the_plans_api(agency, coordinator, measure, works_activity):
    measure.is_published = True
    measure.save()
    fuzz_api(path_regex="^/api/plans", user_client=client_for(coordinator), operations=10, max_examples=10)
