"""Django's PostgreSQL backend, checking a kept connection only when it has been idle.

With CONN_HEALTH_CHECKS Django sends `SELECT 1` before the first query of every request, to find a
connection the server has dropped. That was one round trip in every nine on the agency page under load
(benchmarks/web_load.py). A connection that answered a query less than `HEALTH_CHECK_IDLE` seconds ago is
taken as alive; an older one is checked as before. If the server went away inside that window, the
request's query fails, Django marks the connection (`errors_occurred`) and closes it at the end of the
request, and the next request connects anew: the same outcome as a server lost in the middle of a
request, which Open311 and the API already answer with 503 (prongsai.web.outage).
"""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

HEALTH_CHECK_IDLE = 1.0  # seconds


class DatabaseWrapper(base.DatabaseWrapper):
    answered_at = 0.0  # monotonic time of the last request that used the connection without an error

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and not self.health_check_done
            and time.monotonic() - self.answered_at < HEALTH_CHECK_IDLE
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def close_if_unusable_or_obsolete(self):
        # Run at the start and the end of every request. At the end, `health_check_done` says the
        # connection was used (or checked) in this request; with no error it answered.
        if self.connection is not None and self.health_check_done and not self.errors_occurred:
            self.answered_at = time.monotonic()
        super().close_if_unusable_or_obsolete()
        if self.connection is None:
            self.answered_at = 0.0
