"""A URLconf for the error-page tests: the platform's URLs and handlers plus views that fail on purpose."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import IntegrityError, OperationalError
from django.urls import path

from prongsai.web.errors import TooManyRequests
from prongsai.web.urls import handler400, handler403, handler404, handler500  # noqa: F401
from prongsai.web.urls import urlpatterns as platform


def boom(request, **kwargs):
    raise RuntimeError("a bug")


def database_gone(request, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def refused_row(request):
    raise IntegrityError("duplicate key value violates unique constraint")


def busy(request):
    raise TooManyRequests("ส่งคำขอจากเครือข่ายนี้มากเกินไป")


def suspicious(request):
    raise SuspiciousOperation("bad input")


def refused(request):
    raise PermissionDenied("เฉพาะผู้ดูแลระบบของหน่วยงาน")


urlpatterns = [
    path("test/boom/", boom),
    path("test/busy/", busy),
    path("test/database-gone/", database_gone),
    path("test/refused-row/", refused_row),
    path("api/test/database-gone/", database_gone),
    path("test/bad/", suspicious),
    path("test/refused/", refused),
    path("api/test/boom/", boom),
    path("api/test/bad/", suspicious),
    path("open311/v2/test/boom.<str:fmt>", boom),
    *platform,
]
