"""Reading the audit log, scoped to the agencies the user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from ..agencies.selectors import queryset_scope
from .models import AuditEvent


def audit_list(*, user, agency=None, limit: int = 200) -> QuerySet[AuditEvent]:
    qs = queryset_scope(user=user, queryset=AuditEvent.objects.select_related("agency"))
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs[:limit]
