"""Pages: the public front page, the user's agencies, the agency dashboard, the supervisor comparison."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..agencies.selectors import agency_get_visible, user_actions
from ..assessments.selectors import result_list_current
from .selectors import agency_list_mine_with_latest, agency_list_public_with_latest


def home(request):
    return render(request, "dashboards/home.html", {"agencies": agency_list_public_with_latest()[:200]})


@login_required
def mine(request):
    return render(
        request, "dashboards/mine.html", {"agencies": agency_list_mine_with_latest(user=request.user)}
    )


@login_required
def agency(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    context = {
        "agency": agency,
        "results": result_list_current(agency=agency),
        "actions": user_actions(user=request.user, agency=agency),
    }
    return render(request, "dashboards/agency.html", context)
