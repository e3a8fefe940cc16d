"""The project's authentication backend, appending a line to a file for every password it checks, so
that a test can count the checks that several gunicorn worker processes made between them."""

from __future__ import annotations

import os

from prongsai.web.accounts.backends import ModelBackend


class FileCountingBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        with open(os.environ["PRONGSAI_TEST_CHECKS_FILE"], "a") as log:  # one short O_APPEND write
            log.write(f"{os.getpid()}\n")
        return super().authenticate(request, username=username, password=password, **kwargs)
