"""Language choice: Thai unless the user picked English (the browser's Accept-Language is ignored)."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware:
    """Sets the Content-Security-Policy header from settings.CONTENT_SECURITY_POLICY.

    The platform's policy never varies — no nonces, no per-view changes — so it is built once, with
    django-csp's own builder, instead of on every response (which cost more than the URL routing).
    """

    def __init__(self, get_response) -> None:
        from csp.utils import build_policy

        self.get_response = get_response
        self.policy = build_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response
