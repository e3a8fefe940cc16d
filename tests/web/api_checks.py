"""The schemathesis checks every JSON API fuzz test runs: no server error, and every answer is one the
OpenAPI document declares, with the declared content type and body schema (errors included)."""

from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

STRICT = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
