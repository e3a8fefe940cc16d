"""Reading the audit log, scoped to the agencies the user may see; confidential events to named officers only."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ..agencies.selectors import queryset_scope
from ..cases.selectors import confidential_agency_ids
from .models import AuditEvent


def audit_visible(*, user, queryset: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    """The events of `queryset` this user may read about the confidential channel: ordinary events, and
    confidential ones only of the agencies where the user is a named confidential officer (no role, not
    even a superuser's, reaches them otherwise). Every list of audit events goes through this."""
    return queryset.filter(Q(confidential=False) | Q(agency_id__in=confidential_agency_ids(user=user)))


def audit_list(*, user, agency=None, limit: int = 200) -> QuerySet[AuditEvent]:
    qs = queryset_scope(user=user, queryset=AuditEvent.objects.select_related("agency"))
    if agency is not None:
        qs = qs.filter(agency=agency)
    return audit_visible(user=user, queryset=qs)[:limit]
