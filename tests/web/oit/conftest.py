"""OIT tests: uploaded evidence goes to a temporary var/ directory."""

import pytest


@pytest.fixture(autouse=True)
def _private_var(settings, tmp_path):
    settings.VAR_DIR = tmp_path
