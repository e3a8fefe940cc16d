"""schemathesis against the plans part of the OpenAPI document: no input gives a server error, and every
answer (errors included) is one the document declares, with its declared body."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from prongsai.web.wsgi import application

from ..api_checks import STRICT
from ..conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_schemathesis_finds_no_server_error_in_the_plans_api(agency, coordinator, measure, works_activity):
    measure.is_published = True
    measure.save()
    cookie = f"sessionid={client_for(coordinator).cookies['sessionid'].value}"
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(
        path_regex="^/api/plans"
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 10  # 7 reads and progress, plus measure create, change and remove
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=10,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.headers = {**(case.headers or {}), "Cookie": cookie}
            case.validate_response(case.call(), checks=STRICT)

        check()
