"""The session engine: Django's database sessions, read with one plain-SQL statement per request."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from .. import hotpath


class SessionStore(DatabaseSessionStore):
    """Every signed-in page reads its session first; the ORM compiled that SELECT anew each time, which
    cost more than the database did (benchmarks/web_load.py). Writes, expiry and keys are Django's."""

    def _get_session_from_db(self):
        session = hotpath.get_one(
            self.model, ("session_key", "session_data", "expire_date"), session_key=self.session_key
        )
        if session is None or session.expire_date <= timezone.now():
            self._session_key = None  # as Django's: an unknown or expired key starts a new session
            return None
        return session
