"""Reads for participation: public projects (never drafts), public suggestions, outcomes, staff lists."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from ..agencies.models import Agency
from ..agencies.selectors import object_get_scoped, user_can
from .models import Outcome, Project, ProjectStatus, Registration, Suggestion

RULES_FILE = Path(__file__).with_name("rules.toml")


@cache
def participation_rules() -> dict:
    return tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))


def project_list(*, agency: Agency) -> QuerySet[Project]:
    return Project.objects.filter(agency=agency).annotate(
        registration_count=Count("registrations", distinct=True),
        open_suggestions=Count("suggestions", filter=Q(suggestions__answer=""), distinct=True),
    )


def project_list_public(*, agency: Agency) -> QuerySet[Project]:
    return Project.objects.filter(agency=agency).exclude(status=ProjectStatus.DRAFT).select_related("measure")


def project_get_public(*, agency_id: int, project_id: int) -> Project:
    try:
        return project_list_public(agency=Agency.objects.get(pk=agency_id, is_public=True)).get(pk=project_id)
    except (Agency.DoesNotExist, Project.DoesNotExist):
        raise Http404("ไม่พบโครงการ") from None


def project_get_scoped(*, user, project_id: int) -> Project:
    return object_get_scoped(user=user, queryset=Project.objects.select_related("agency"), pk=project_id)


def personal_data_visible(*, user, agency: Agency) -> bool:
    """Registrants' and writers' names and contacts: only for staff who run the projects (edit_plans).
    Others who may see the agency (executives, division officers, supervisors from outside) see counts:
    the PDPA notice promises the data serve only to contact people about the project."""
    return user_can(user=user, agency=agency, action="edit_plans")


def registration_list_for(*, user, project: Project) -> QuerySet[Registration]:
    if not personal_data_visible(user=user, agency=project.agency):
        return Registration.objects.none()
    return project.registrations.all()


def suggestion_get_scoped(*, user, suggestion_id: int) -> Suggestion:
    return object_get_scoped(
        user=user,
        queryset=Suggestion.objects.select_related("project__agency"),
        pk=suggestion_id,
        agency_field="project__agency",
    )


def registration_get_scoped(*, user, registration_id: int) -> Registration:
    return object_get_scoped(
        user=user,
        queryset=Registration.objects.select_related("project__agency"),
        pk=registration_id,
        agency_field="project__agency",
    )


def suggestion_list_public(*, project: Project) -> QuerySet[Suggestion]:
    """Answered, not hidden; callers show only kind, text, answer and dates."""
    return project.suggestions.exclude(answer="").filter(is_hidden=False)


def outcome_get_public(*, project: Project) -> Outcome | None:
    return (
        Outcome.objects.filter(project=project, is_published=True).select_related("adopted_measure").first()
    )


def outcome_list_public(*, agency: Agency) -> QuerySet[Outcome]:
    return (
        Outcome.objects.filter(project__agency=agency, is_published=True)
        .exclude(project__status=ProjectStatus.DRAFT)
        .select_related("project", "adopted_measure")
        .order_by("-project__starts_on")
    )
