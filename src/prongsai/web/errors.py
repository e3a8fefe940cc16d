"""Error pages: Thai first (English when chosen) with the site header and a way back; machine formats
for machines. /api/ answers JSON ({"detail": …}, as django-ninja does) and /open311/ answers in the
GeoReport error format (JSON or XML by the path's extension), whatever failed.

Wired in urls.py (handler400/403/404/500), settings.CSRF_FAILURE_VIEW, and `TooManyRequestsMiddleware`
(raise `TooManyRequests` anywhere for a 429 page)."""

from __future__ import annotations

import re
import sys

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

_THAI = re.compile(r"[\u0E00-\u0E7F]")


class TooManyRequests(Exception):  # noqa: N818 (named after the HTTP status, as Http404)
    """Raise for a 429 page; the message (Thai) is shown to the user."""


def _machine(request, status: int, text_en: str) -> HttpResponse | None:
    path = request.path
    if path.startswith("/open311/"):
        from .open311.formats import error

        return error("xml" if path.endswith(".xml") else "json", status, text_en)
    if path.startswith("/api/"):
        return JsonResponse({"detail": text_en}, status=status)
    return None


def _detail(exception) -> str:
    """The exception's own message when it is written for people (Thai); Django's English ones are not."""
    text = str(exception.args[0]) if exception is not None and getattr(exception, "args", None) else ""
    return text if _THAI.search(text) else ""


def _page(request, status: int, title: str, explain: str, text_en: str, exception=None) -> HttpResponse:
    machine = _machine(request, status, text_en)
    if machine is not None:
        return machine
    context = {"status": status, "title": title, "explain": explain, "detail": _detail(exception)}
    return render(request, "errors/error.html", context, status=status)


def bad_request(request, exception=None):
    return _page(
        request,
        400,
        _("คำขอไม่ถูกต้อง"),
        _("ระบบอ่านคำขอนี้ไม่ได้ ลองกลับไปหน้าก่อนหน้าแล้วทำใหม่อีกครั้ง"),
        "Bad Request",
        exception,
    )


def permission_denied(request, exception=None):
    return _page(
        request,
        403,
        _("ไม่มีสิทธิ์เข้าถึงหน้านี้"),
        _("บัญชีของท่านไม่มีสิทธิ์ทำรายการนี้ หากคิดว่าควรมีสิทธิ์ โปรดติดต่อผู้ดูแลระบบของหน่วยงาน"),
        "Forbidden",
        exception,
    )


def page_not_found(request, exception=None):
    return _page(
        request,
        404,
        _("ไม่พบหน้าที่ต้องการ"),
        _("ลิงก์อาจผิดหรือหน้านี้ถูกย้ายไปแล้ว ตรวจที่อยู่อีกครั้ง หรือเริ่มจากหน้าแรก"),
        "Not Found",
        exception,
    )


def too_many_requests(request, exception=None):
    return _page(
        request,
        429,
        _("ส่งคำขอถี่เกินไป"),
        _("มีคำขอจากเครือข่ายนี้มากเกินไปในช่วงนี้ กรุณารอสักครู่แล้วลองใหม่"),
        "Too Many Requests",
        exception,
    )


def csrf_failure(request, reason: str = ""):
    return _page(
        request,
        403,
        _("แบบฟอร์มหมดอายุ"),
        _("หน้านี้เปิดค้างไว้นานเกินไปหรือคุกกี้ถูกปิด โหลดหน้าใหม่แล้วส่งแบบฟอร์มอีกครั้ง"),
        "CSRF verification failed",
    )


def server_error(request):
    """500: rendered without the request context (no database, no session), from a page that only
    needs the template engine, so the error page cannot fail the way the page did.

    When the failure is the database being unreachable (prongsai.web.outage), people get the 503 page
    with Retry-After instead: the outage is not a bug, and the page says when to try again."""
    from .outage import database_down, outage_answered, retry_after

    exc = sys.exc_info()[1]  # Django calls handler500 while handling the exception
    if exc is not None and database_down(exc):
        machine = _machine(request, 503, "Service Unavailable: the database is unavailable")
        page = loader.get_template("errors/500.html").render({"outage": True, "seconds": retry_after()})
        return outage_answered(request, exc, machine or HttpResponse(page, status=503))
    machine = _machine(request, 500, "Internal Server Error")
    if machine is not None:
        return machine
    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)


class TooManyRequestsMiddleware:
    """Turns `TooManyRequests` raised by a view into the 429 page (or the API's format)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, TooManyRequests):
            return too_many_requests(request, exception)
        return None
