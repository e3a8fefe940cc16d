"""JSON API for agencies: the ones the signed-in user may see."""

from __future__ import annotations

from ninja import Router, Schema

from .selectors import agency_get_visible, agency_list_visible

router = Router()


class AgencyOut(Schema):
    id: int
    name: str
    type: str
    province: str
    district: str
    dla_code: str


@router.get("/", response=list[AgencyOut])
def agency_list(request):
    return list(agency_list_visible(user=request.user).order_by("province", "name"))


@router.get("/{agency_id}", response=AgencyOut)
def agency_detail(request, agency_id: int):
    return agency_get_visible(user=request.user, agency_id=agency_id)
