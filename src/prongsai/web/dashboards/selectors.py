"""Reads for the dashboards: agencies with their latest current result, for lists and comparisons."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from ..agencies.models import Agency
from ..agencies.selectors import agency_list_public, agency_list_visible
from ..assessments.models import ItaResult


def _with_latest(qs: QuerySet[Agency]) -> QuerySet[Agency]:
    latest = ItaResult.objects.filter(agency=OuterRef("pk"), superseded_at__isnull=True).order_by(
        "-fiscal_year"
    )
    return qs.annotate(
        latest_year=Subquery(latest.values("fiscal_year")[:1]),
        latest_total=Subquery(latest.values("total")[:1]),
        latest_level=Subquery(latest.values("level")[:1]),
    )


def agency_list_public_with_latest() -> QuerySet[Agency]:
    return _with_latest(agency_list_public()).order_by("province", "name")


def agency_list_mine_with_latest(*, user) -> QuerySet[Agency]:
    return _with_latest(agency_list_visible(user=user)).order_by("province", "name")
