"""Reads for plans: permissions, measures with roll-ups, latest progress, flags, public views, reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..agencies.models import Agency, Division
from ..agencies.selectors import division_choices as agencies_division_choices
from ..agencies.selectors import membership_get, object_get_scoped, user_actions, user_can
from .models import Activity, Evidence, ImplementationReport, Measure, ProgressUpdate
from .rollup import ActivityState, Flags, activity_flags, measure_progress, rounded
from .rules import rules


def measure_can_edit(*, user, agency: Agency) -> bool:
    return user_can(user=user, agency=agency, action="edit_plans")


def activity_can_update(*, user, activity: Activity) -> bool:
    """Coordinators and administrators update any activity; a division officer only their division's."""
    agency = activity.measure.agency
    actions = user_actions(user=user, agency=agency)
    if "edit_plans" in actions:
        return True
    if "edit_own_division" not in actions:
        return False
    membership = membership_get(user=user, agency=agency)
    if membership is None or membership.division_id is None:
        return False
    return activity.divisions.filter(pk=membership.division_id).exists()


def today() -> dt.date:
    return timezone.localdate()


@dataclass
class ActivityView:
    activity: Activity
    latest: ProgressUpdate | None
    updates: list[ProgressUpdate]
    flags: Flags
    division_names: list[str]

    @property
    def percent(self) -> Decimal:
        return self.latest.percent if self.latest else rules().no_update_percent

    @property
    def status(self) -> str | None:
        return self.latest.status if self.latest else None

    @property
    def status_th(self) -> str:
        return rules().status(self.status).th if self.status else rules().status("not_started").th


@dataclass
class MeasureView:
    measure: Measure
    activities: list[ActivityView] = field(default_factory=list)

    @property
    def progress(self) -> Decimal | None:
        states = [
            ActivityState(a.activity.weight, a.status, a.latest.percent if a.latest else None)
            for a in self.activities
        ]
        return measure_progress(states)

    @property
    def progress_shown(self) -> Decimal | None:
        return rounded(self.progress)

    @property
    def flagged(self) -> list[ActivityView]:
        return [a for a in self.activities if a.flags.any]


def _updates_prefetch(public: bool) -> Prefetch:
    evidence = Evidence.objects.filter(is_public=True) if public else Evidence.objects.all()
    return Prefetch(
        "activities__updates",
        queryset=ProgressUpdate.objects.order_by("-date", "-id").prefetch_related(
            Prefetch("evidence", queryset=evidence)
        ),
    )


def measure_views(
    *,
    measures: QuerySet[Measure],
    on: dt.date | None = None,
    public: bool = False,
    as_of: dt.date | None = None,
) -> list[MeasureView]:
    """Measures with their activities, each activity's updates (newest first), latest update and flags.
    `as_of` ignores updates dated after that day (for a report of a past period)."""
    on = on or today()
    qs = measures.prefetch_related(
        Prefetch("activities", queryset=Activity.objects.prefetch_related("divisions")),
        _updates_prefetch(public),
    )
    out = []
    for m in qs:
        mv = MeasureView(m)
        for a in m.activities.all():
            updates = [u for u in a.updates.all() if as_of is None or u.date <= as_of]
            latest = updates[0] if updates else None
            flags = activity_flags(
                start=a.start,
                end=a.end,
                status=latest.status if latest else None,
                last_update=latest.date if latest else None,
                today=as_of or on,
            )
            mv.activities.append(ActivityView(a, latest, updates, flags, [d.name for d in a.divisions.all()]))
        out.append(mv)
    return out


def measure_list(*, agency: Agency, fiscal_year: int | None = None) -> QuerySet[Measure]:
    qs = Measure.objects.filter(agency=agency)
    return qs.filter(fiscal_year=fiscal_year) if fiscal_year else qs


def measure_list_public(*, agency: Agency, fiscal_year: int | None = None) -> QuerySet[Measure]:
    """Only published measures; drafts never leave the agency."""
    return measure_list(agency=agency, fiscal_year=fiscal_year).filter(is_published=True)


def measure_years(*, agency: Agency, public: bool = False) -> list[int]:
    qs = measure_list_public(agency=agency) if public else measure_list(agency=agency)
    return sorted(set(qs.values_list("fiscal_year", flat=True)), reverse=True)


def measure_get_scoped(*, user, measure_id: int) -> Measure:
    return object_get_scoped(user=user, queryset=Measure.objects.select_related("agency"), pk=measure_id)


def activity_get_scoped(*, user, activity_id: int) -> Activity:
    return object_get_scoped(
        user=user,
        queryset=Activity.objects.select_related("measure__agency"),
        pk=activity_id,
        agency_field="measure__agency",
    )


def public_agency_get(*, agency_id: int) -> Agency:
    try:
        return Agency.objects.get(pk=agency_id, is_public=True)
    except Agency.DoesNotExist:
        raise Http404("ไม่พบหน่วยงาน") from None


def measure_get_public(*, agency: Agency, measure_id: int) -> Measure:
    try:
        return measure_list_public(agency=agency).get(pk=measure_id)
    except Measure.DoesNotExist:
        raise Http404("ไม่พบมาตรการ") from None


def evidence_get_for_user(*, user, evidence_id: int) -> Evidence:
    """Staff who can see the agency get any evidence; others only public evidence of published measures."""
    row = Evidence.objects.select_related("update__activity__measure__agency").filter(pk=evidence_id).first()
    if row is None or not row.file:
        raise Http404("ไม่พบหลักฐาน")
    measure = row.update.activity.measure
    if user_can(user=user, agency=measure.agency, action="view"):
        return row
    if row.is_public and measure.is_published and measure.agency.is_public:
        return row
    raise Http404("ไม่พบหลักฐาน")


def flagged_for_user(
    *, user, agency: Agency, fiscal_year: int | None = None, on: dt.date | None = None
) -> list[ActivityView]:
    """Overdue or stalled activities this user should act on: all for the coordinator, their own
    division's for a division officer."""
    views = measure_views(measures=measure_list(agency=agency, fiscal_year=fiscal_year), on=on)
    flagged = [a for mv in views for a in mv.flagged]
    if measure_can_edit(user=user, agency=agency):
        return flagged
    membership = membership_get(user=user, agency=agency)
    if membership is None or membership.division_id is None:
        return []
    return [a for a in flagged if any(d.pk == membership.division_id for d in a.activity.divisions.all())]


def division_choices(*, agency: Agency, keep=()) -> QuerySet[Division]:
    """The agency's current divisions, plus those the activity being edited already has (`keep`)."""
    return agencies_division_choices(agency=agency, keep=keep)


def report_list(*, agency: Agency, public: bool = False) -> QuerySet[ImplementationReport]:
    qs = ImplementationReport.objects.filter(agency=agency).prefetch_related("files")
    # the public also sees a withdrawn report's date and note (never its files)
    return qs.filter(Q(is_published=True) | Q(withdrawn_at__isnull=False)) if public else qs


def report_get_scoped(*, user, report_id: int) -> ImplementationReport:
    return object_get_scoped(
        user=user, queryset=ImplementationReport.objects.select_related("agency"), pk=report_id
    )


def report_get_public(*, agency: Agency, report_id: int) -> ImplementationReport:
    try:
        return report_list(agency=agency, public=True).get(pk=report_id, is_published=True)
    except ImplementationReport.DoesNotExist:
        raise Http404("ไม่พบรายงาน") from None
