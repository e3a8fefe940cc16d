"""Fixtures for service-catalogue tests (shared with the cases tests)."""

from tests.web.cases.conftest import catalogue, other_catalogue  # noqa: F401
