"""Whole rendered pages, kept per process under a digest of everything they show.

The agency page and the comparison are read far more often than their data changes, and rendering was a
third of a warm agency page's time (benchmarks/web_profile.py). A view still makes every read it needs,
then asks `cached_page` with the values the page shows — the data read in this request, the user's name
and rights, the language, the path — so any change to any of them is a different key and the page is
drawn anew: an entry can be unused, never stale. The one per-request value inside a page, the CSRF token,
is stored as a placeholder and filled in on every answer. A page is kept with its digits already in the
site's style (web/digits.py: the style is the language's, which is in the key), so an answer from the
cache skips that pass. A request carrying messages (shown once, then dropped) is always drawn anew.
"""

from __future__ import annotations

import hashlib

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from .csrf import page_token
from .digits import page_digits, site_digit_style

KEEP_SECONDS = 600  # unused entries make room; LocMem's MAX_ENTRIES bounds the rest
_TOKEN = b"PRONGSAI-CSRF-TOKEN-PLACEHOLDER"  # no digits: the digit-style middleware never touches it


def page_key(request, name: str, shows) -> str | None:
    """The cache key of page `name` for this request showing `shows` (a repr-able value of everything the
    view put in the page), or None when the page must be drawn anew (messages waiting)."""
    if len(get_messages(request)):
        return None
    user = request.user
    who = (user.pk, user.get_username(), user.get_full_name(), user.is_superuser, user.is_active)
    digest = hashlib.sha256(repr((name, who, get_language(), request.get_full_path(), shows)).encode())
    return f"prongsai:page:{name}:{digest.hexdigest()}"


def cached_page(request, key: str | None) -> HttpResponse | None:
    kept = cache.get(key) if key else None  # the page's bytes: nothing to encode on the way out
    if kept is None:
        return None
    response = HttpResponse(kept.replace(_TOKEN, page_token(request).encode()))
    response.digits_as_written = True  # already in the site's style (keep_page)
    response.kept = True  # an answer from the cache (tests tell a kept page from a drawn one by it)
    return response


def keep_page(key: str | None, response: HttpResponse, token: str) -> HttpResponse:
    """Keep the drawn page under `key` (its CSRF token replaced by the placeholder) and return it."""
    if key and response.status_code == 200:
        content = page_digits(response.content.decode(), site_digit_style()).encode()
        response.content = content
        response.digits_as_written = True  # converted just above: the middleware leaves it
        cache.set(key, content.replace(token.encode(), _TOKEN), KEEP_SECONDS)
    return response
