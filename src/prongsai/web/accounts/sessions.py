"""The session engine: Django's database sessions, read with one plain-SQL statement per request, sent
together with the read of the session's user."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from .. import hotpath
from ..agencies.selectors import user_with_access_statement

_FIELDS = ("session_key", "session_data", "expire_date")

# Session key → the user id its data held when last read, per process. A key belongs to one user for
# its whole life (Django gives a new key at sign-in and drops it at sign-out), so this is a good guess of
# whose row the request will read next; the guess only decides what is sent with the session read.
_USER_OF: dict[str, int] = {}
_KEEP = 20_000  # guesses kept; past that they are forgotten at once (a guess costs only its absence)

# Session data as stored → the same data re-serialized, per process: checking the signature of the same
# string again gives the same answer (the keys are the process's settings), so it is checked once. The
# value is the serializer's own text, loaded anew on each read so no request shares another's objects.
_VERIFIED: dict[str, bytes] = {}


class SessionStore(DatabaseSessionStore):
    """Every signed-in page reads its session first, then its user: two round trips one after the other.
    The session is still read and checked on every request (expiry, sign-out) and so is the user
    (deactivation, password change), but when this process has seen the session before, the user's read
    goes in the same round trip (`hotpath.prefetch`). The user read is taken only if the session's data
    names the same user; otherwise it is dropped and the user is read as before. Writes, expiry and keys
    are Django's; the reads are plain SQL (the ORM compiled them anew each time)."""

    def _get_session_from_db(self):
        statement = hotpath.get_one_statement(self.model, _FIELDS, session_key=self.session_key)
        guess = _USER_OF.get(self.session_key)
        if guess is not None:
            hotpath.prefetch(statement, user_with_access_statement(get_user_model(), guess))
        session = hotpath.get_one(self.model, _FIELDS, session_key=self.session_key)
        if session is None or session.expire_date <= timezone.now():
            _USER_OF.pop(self.session_key, None)
            self._session_key = None  # as Django's: an unknown or expired key starts a new session
            return None
        return session

    def decode(self, session_data):
        kept = _VERIFIED.get(session_data)
        if kept is not None:
            return self.serializer().loads(kept)
        data = super().decode(session_data)
        if data:  # Django gives {} for data it could not verify: never kept
            if len(_VERIFIED) >= _KEEP:
                _VERIFIED.clear()
            _VERIFIED[session_data] = self.serializer().dumps(data)
        return data

    def load(self):
        data = super().load()
        user_id = data.get(SESSION_KEY)
        if user_id is not None and self.session_key:
            try:
                guess = get_user_model()._meta.pk.to_python(user_id)
            except Exception:  # noqa: BLE001 - a malformed id is Django's to refuse; no guess then
                return data
            if len(_USER_OF) >= _KEEP:
                _USER_OF.clear()
            _USER_OF[self.session_key] = guess
        return data
