"""While the database is unreachable the machine interfaces (Open311, the JSON API) answer 503 with a
Retry-After header, each in its own error format, instead of Django's HTML 500 page.

Only a lost or refused connection counts: OperationalError and InterfaceError, or another DatabaseError
after which the connection no longer answers. A query the database refuses on a healthy connection
(a constraint, a bad value) is a bug and stays a server error.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse

logger = logging.getLogger("prongsai.outage")


def database_down(exc: BaseException) -> bool:
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    if not isinstance(exc, DatabaseError):
        return False
    try:
        return connection.connection is None or not connection.is_usable()
    except DatabaseError:
        return True


def retry_after() -> int:
    return settings.OUTAGE_RETRY_AFTER


def outage_description() -> str:
    seconds = retry_after()
    return (
        f"ฐานข้อมูลขัดข้องชั่วคราว โปรดลองใหม่ใน {seconds} วินาที"
        f" (the database is unavailable; retry after {seconds} seconds)"
    )


def outage_answered(request, exc: BaseException, response: HttpResponse) -> HttpResponse:
    """The 503 `response` with its Retry-After header; the outage is logged (one line, no traceback)."""
    logger.warning("database unavailable: %s %s: %s", request.method, request.path, str(exc).strip()[:300])
    response["Retry-After"] = str(retry_after())
    return response
