"""The schemathesis checks every JSON API fuzz test runs: no server error, and every answer is one the
OpenAPI document declares, with the declared content type and body schema (errors included)."""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from prongsai.web.wsgi import application

STRICT = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def fuzz_api(*, path_regex: str, user_client, operations: int, max_examples: int = 10) -> None:
    """Run the STRICT checks on every operation under `path_regex` as the signed-in user of
    `user_client`; `operations` is how many the OpenAPI document must list there (a new endpoint is seen)."""
    cookie = f"sessionid={user_client.cookies['sessionid'].value}"
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(path_regex=path_regex)
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) == operations, [o.label for o in found]
    for operation in found:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=max_examples,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.headers = {**(case.headers or {}), "Cookie": cookie}
            case.validate_response(case.call(), checks=STRICT)

        check()
