"""The page's CSRF token (web/csrf.py) is Django's: the same format, checked by Django's middleware."""

from __future__ import annotations

from collections import Counter

from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CsrfViewMiddleware, _unmask_cipher_token
from django.test import RequestFactory

from prongsai.web.csrf import page_token


def test_a_new_visitor_gets_a_secret_and_a_masked_token_of_it():
    request = RequestFactory().get("/")
    token = page_token(request)
    secret = request.META["CSRF_COOKIE"]
    assert len(token) == 64 and len(secret) == 32 and set(token + secret) <= set(CSRF_ALLOWED_CHARS)
    assert _unmask_cipher_token(token) == secret and request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    again = page_token(request)
    assert again != token and _unmask_cipher_token(again) == secret  # masked anew, same secret


def test_a_visitor_with_a_cookie_keeps_its_secret():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "a" * 32
    assert _unmask_cipher_token(page_token(request)) == "a" * 32


def test_djangos_middleware_accepts_the_token_and_refuses_a_changed_one():
    middleware = CsrfViewMiddleware(lambda request: HttpResponse("ok"))
    page = RequestFactory().get("/")
    token = page_token(page)
    cookie = middleware(page).cookies["csrftoken"].value  # the middleware sends the new secret
    for sent, accepted in ((token, True), (token[:-1] + ("A" if token[-1] != "A" else "B"), False)):
        post = RequestFactory().post("/", {"csrfmiddlewaretoken": sent})
        post.COOKIES["csrftoken"] = cookie
        refused = middleware.process_view(post, lambda r: HttpResponse("ok"), (), {})
        assert (refused is None) is accepted


def test_the_characters_are_spread_evenly():
    request = RequestFactory().get("/")
    counts = Counter("".join(page_token(request) for _ in range(2000)))
    # 128,000 characters over 62: about 2,065 each; a biased mapping (byte % 62) would give 4 of them 25 %
    # more. Bounds at about ±7 standard deviations.
    assert len(counts) == 62 and min(counts.values()) > 1750 and max(counts.values()) < 2400
