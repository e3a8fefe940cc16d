"""Public JSON of the OIT items of an agency's year (the ITA page is public anyway): no unpublished
drafts, no staff names — the same rows as /p/<id>/ita/<year>/."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Schema

from ..plans.selectors import public_agency_get
from .selectors import readiness_get

router = Router()


class ItemOut(Schema):
    code: str
    title_th: str
    indicator: int | None
    status: str  # published, partial, missing
    urls: list[str]
    source: str  # prongsai (the platform provides it), upload (a file), link (the agency's URL) or ""
    explanation: str
    confidence: str
    due: str


class YearOut(Schema):
    agency_id: int
    fiscal_year: int
    list_year: int  # earlier than fiscal_year when the year has no item list yet (then unverified)
    confidence: str
    items: list[ItemOut]


@router.get("/{agency_id}/{fiscal_year}", response=YearOut, auth=None)
def oit_year(request, agency_id: int, fiscal_year: int):
    agency = public_agency_get(agency_id=agency_id)
    readiness = readiness_get(agency=agency, fiscal_year=fiscal_year)
    if readiness is None:
        raise Http404(f"ยังไม่มีรายการข้อ OIT ของปี {fiscal_year}")
    return {
        "agency_id": agency.pk,
        "fiscal_year": fiscal_year,
        "list_year": readiness.items.list_year,
        "confidence": readiness.items.confidence,
        "items": [
            {
                "code": r.item.code,
                "title_th": r.item.name_th,
                "indicator": r.item.indicator,
                "status": r.status,
                "urls": [request.build_absolute_uri(link.url) for link in r.links],
                "source": r.source,
                "explanation": r.explanation,
                "confidence": r.item.rule.confidence if not readiness.items.borrowed else "unverified",
                "due": r.item.due,
            }
            for r in readiness.rows
        ],
    }
