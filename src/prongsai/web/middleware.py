"""Project middleware: Thai-first language choice, the CSP header, request-body limits and no-store."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers


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


class BodyLimitAndNoStoreMiddleware:
    """Two rules no view has to remember (placed before the text-cleaning middleware, so it runs before
    anything parses the body, and sees every response the views make):

    - a request body larger than settings.PRONGSAI_MAX_REQUEST_BYTES (forms with files) or
      DATA_UPLOAD_MAX_MEMORY_SIZE (anything else) is refused with 413 and a Thai message, unread;
    - a response to a signed-in user, and every file download (a Content-Disposition), is marked
      `Cache-Control: no-store`, so a shared computer's browser keeps no copy of staff pages or files.
      Public pages stay cacheable.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        refused = self._too_large(request)
        if refused is not None:
            return refused
        response = self.get_response(request)
        if response.has_header("Content-Disposition") or self._signed_in(request):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _signed_in(request) -> bool:
        user = getattr(request, "user", None)
        try:
            return user is not None and user.is_authenticated
        except DatabaseError:
            # The session could not be read (the database is down): the view has answered already, most
            # likely with a 503; do not turn that into a 500 here, and let no browser keep the answer.
            return True

    def _too_large(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.META.get("CONTENT_TYPE", "").startswith("multipart/")
        limit = settings.PRONGSAI_MAX_REQUEST_BYTES if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is None or length <= limit:
            return None
        from .files.check import size_text

        message = (
            f"ข้อมูลที่ส่งมีขนาด {size_text(length)} เกินกว่าที่ระบบรับได้ ({size_text(limit)}) "
            "กรุณาลดขนาดไฟล์หรือแบ่งส่งทีละไฟล์ แล้วลองใหม่ "
            f"(the request body of {size_text(length)} is larger than the {size_text(limit)} allowed)"
        )
        if request.path.startswith("/api/") or "json" in request.META.get("HTTP_ACCEPT", ""):
            response = JsonResponse({"detail": message}, status=413)
        else:
            response = render(request, "413.html", {"message": message}, status=413)
        self._discard(request, length)
        return response

    @staticmethod
    def _discard(request, length: int) -> None:
        """Read the body into nothing (never into a parser), so the browser, still sending, gets the page
        instead of a reset connection; a body past DISCARD_MAX_BYTES is left for the server to cut off."""
        if length > settings.PRONGSAI_DISCARD_MAX_BYTES:
            return
        while request.read(64 * 1024):
            pass
