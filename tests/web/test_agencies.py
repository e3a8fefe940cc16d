"""Agencies: creation with divisions, roles and what each may do, and the scoping rule."""

from __future__ import annotations

import pytest
from django.http import Http404

from prongsai.web.agencies.models import Agency
from prongsai.web.agencies.selectors import (
    agency_get_visible,
    agency_list_visible,
    queryset_scope,
    user_can,
)
from prongsai.web.agencies.services import default_divisions


def test_agency_gets_default_divisions_from_data(agency):
    names = list(agency.divisions.values_list("name", flat=True))
    assert names == default_divisions()
    assert "กองคลัง" in names


def test_staff_see_only_their_agency(coordinator, agency, other_agency):
    assert list(agency_list_visible(user=coordinator)) == [agency]
    assert agency_get_visible(user=coordinator, agency_id=agency.pk) == agency
    with pytest.raises(Http404):
        agency_get_visible(user=coordinator, agency_id=other_agency.pk)
    with pytest.raises(Http404):
        agency_get_visible(user=coordinator, agency_id=999999)


def test_queryset_scope_filters_by_agency_lookup(coordinator, agency, other_agency):
    scoped = queryset_scope(user=coordinator, queryset=Agency.objects.all(), agency_field="pk")
    assert list(scoped) == [agency]


def test_superuser_sees_every_agency(superuser, agency, other_agency):
    assert set(agency_list_visible(user=superuser)) == {agency, other_agency}


@pytest.mark.parametrize(
    ("fixture", "can_edit", "can_view"),
    [
        ("administrator", True, True),
        ("coordinator", True, True),
        ("division_officer", False, True),
        ("executive", False, True),
        ("supervisor", False, True),
    ],
)
def test_role_actions(request, agency, fixture, can_edit, can_view):
    user = request.getfixturevalue(fixture)
    assert user_can(user=user, agency=agency, action="edit_results") is can_edit
    assert user_can(user=user, agency=agency, action="view") is can_view


def test_no_rights_in_other_agency(coordinator, other_agency):
    assert not user_can(user=coordinator, agency=other_agency, action="view")


def test_supervisor_sees_chosen_agencies_only(supervisor, agency, other_agency):
    assert list(agency_list_visible(user=supervisor)) == [agency]
