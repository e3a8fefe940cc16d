"""Fixtures for Open311 tests (shared with the cases tests)."""

from tests.web.cases.conftest import _private_var_dir, catalogue, fake_notifiers, other_catalogue  # noqa: F401
