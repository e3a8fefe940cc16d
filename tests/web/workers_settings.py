"""Settings for test_login_workers.py: the project's own, with a backend that logs each password check."""

from prongsai.web.settings import *  # noqa: F403

AUTHENTICATION_BACKENDS = ["tests.web.workers_backend.FileCountingBackend"]
