"""JSON API for ITA results of the agencies the signed-in user may see."""

from __future__ import annotations

from decimal import Decimal

from ninja import Router, Schema

from prongsai.ita.export import result_to_dict

from ..agencies.selectors import agency_get_visible
from .selectors import result_engine, result_get_current, result_list_current

router = Router()


class ResultSummary(Schema):
    id: int
    fiscal_year: int
    total: Decimal
    level: str
    iit: Decimal
    eit: Decimal
    oit: Decimal


@router.get("/{agency_id}", response=list[ResultSummary])
def result_list(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    return list(result_list_current(agency=agency))


@router.get("/{agency_id}/{fiscal_year}")
def result_detail(request, agency_id: int, fiscal_year: int) -> dict:
    """The engine's full result, in the same JSON as `prongsai score --format json`."""
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    return result_to_dict(result_engine(row=result_get_current(agency=agency, fiscal_year=fiscal_year)))
