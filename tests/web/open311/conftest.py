"""Fixtures for Open311 tests (shared with the cases tests)."""

from tests.web.cases.conftest import (  # noqa: F401
    _private_var_dir,
    catalogue,
    http_server,
    notices_delivered,
    other_catalogue,
    smtp,
)
