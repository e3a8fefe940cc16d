"""The CSRF token of a page, as Django's `get_token` gives it, with its random strings drawn in one call.

Django draws each of a token's 64 random characters with its own `secrets.choice` (a system call each);
on a kept agency page (web/pagecache.py) that was a twentieth of the answer's time. Here the same
characters come from one `secrets.token_bytes` call, mapped without bias (bytes below 248 = 4 × 62 are
taken, the rest drawn again). The token is Django's format (a mask, then the secret shifted by it), so
Django's CsrfViewMiddleware checks it as its own (tests/web/test_csrf_token.py)."""

from __future__ import annotations

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_N = len(CSRF_ALLOWED_CHARS)
_LIMIT = 256 - 256 % _N  # 248: the bytes that map evenly onto the characters
_INDEX = {c: k for k, c in enumerate(CSRF_ALLOWED_CHARS)}


def _random_indexes(count: int) -> list[int]:
    out: list[int] = []
    while len(out) < count:
        out += [b % _N for b in secrets.token_bytes(count) if b < _LIMIT]
    return out[:count]


def page_token(request) -> str:
    """`django.middleware.csrf.get_token(request)`: the masked token, setting the cookie's secret when the
    request has none (the middleware then sends the cookie)."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = "".join(CSRF_ALLOWED_CHARS[k] for k in _random_indexes(CSRF_SECRET_LENGTH))
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_indexes(CSRF_SECRET_LENGTH)
    cipher = "".join(CSRF_ALLOWED_CHARS[(_INDEX[c] + m) % _N] for c, m in zip(secret, mask, strict=True))
    return "".join(CSRF_ALLOWED_CHARS[m] for m in mask) + cipher
