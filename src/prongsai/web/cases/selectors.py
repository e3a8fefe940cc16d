"""Reads of cases: the tracking link, staff queues (confidential items apart), the Q&A board, statistics."""

from __future__ import annotations

import datetime as dt
import secrets
import statistics
from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from pythainlp.util import thai_strftime

from prongsai.thai import arabic_digits

from .. import hotpath
from ..agencies.models import Agency
from ..agencies.selectors import agency_ids_visible, user_can
from .deadlines import working_days_between
from .models import Attachment, Case, CaseEvent, ConfidentialOfficer
from .redact import agency_contacts, case_public_texts
from .rules import closed_statuses, kinds, rules, statuses

# What the sender's pages show and change (the tracking page, its photos, rating): a narrow read in plain
# SQL, as the page is opened often (benchmarks/requests_load.py). Other fields load on first use if needed.
TRACKING_FIELDS = (
    "id",
    "agency_id",
    "service_id",
    "kind",
    "confidential",
    "tracking_no",
    "secret",
    "subject",
    "description",
    "email",
    "status",
    "created_at",
    "updated_at",
    "due_date",
    "first_answered_at",
    "rating",
    "rating_comment",
    "rated_at",
)
TRACKING_RELATED = {"agency": ("id", "name"), "service": ("id", "name_th")}


def case_get_by_tracking(*, tracking_no: str, secret: str) -> Case:
    """The case behind a tracking link; 404 unless both parts match (compared in constant time)."""
    if "\x00" in tracking_no:  # PostgreSQL refuses NUL in a parameter; no tracking number has one
        raise Http404("ไม่พบเรื่อง")
    case = hotpath.get_one(Case, TRACKING_FIELDS, TRACKING_RELATED, tracking_no=tracking_no.upper())
    if case is None or not secrets.compare_digest(case.secret.encode(), secret.upper().encode()):
        raise Http404("ไม่พบเรื่อง")
    return case


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    kind: str  # CaseEvent.Kind
    label: str  # what happened, with the status's name for a status change
    text: str


@cache
def _public_page_sql() -> str:
    q = connection.ops.quote_name
    event, attachment = CaseEvent._meta, Attachment._meta

    def col(meta, name: str) -> str:
        return q(meta.get_field(name).column)

    return (
        f"SELECT 0, {col(event, 'at')}, {col(event, 'kind')}, {col(event, 'status')}, {col(event, 'text')}, "
        f"{col(event, 'id')} FROM {q(event.db_table)} "
        f"WHERE {col(event, 'case')} = %s AND {col(event, 'public')} = %s "
        f"UNION ALL SELECT 1, {col(attachment, 'created_at')}, '', '', '', {col(attachment, 'id')} "
        f"FROM {q(attachment.db_table)} WHERE {col(attachment, 'case')} = %s"
    )


def case_page_public(*, case: Case) -> tuple[list[TimelineEntry], list[int]]:
    """What the sender's tracking page lists, in one round trip: the public timeline (oldest first) and
    the ids of the attached photos. Plain SQL: the page is opened often (benchmarks/requests_load.py)."""
    with connection.cursor() as cursor:
        cursor.execute(_public_page_sql(), [case.pk, True, case.pk])
        rows = cursor.fetchall()
    kind_names, names = dict(CaseEvent.Kind.choices), {c: s["name_th"] for c, s in statuses().items()}
    timeline, photos = [], []
    for source, at, kind, status, text, pk in sorted(rows, key=lambda r: (r[0], r[5])):
        if source == 1:
            photos.append(pk)
            continue
        at = hotpath.instance(CaseEvent, {"at": at}).at
        label = str(kind_names.get(kind, kind))
        if kind == CaseEvent.Kind.STATUS and status in names:
            label = f"{label}: {names[status]}"
        timeline.append(TimelineEntry(at=at, kind=kind, label=label, text=text))
    timeline.sort(key=lambda e: e.at)  # the model's order: by time, then id (already in id order)
    return timeline, photos


def is_confidential_officer(*, user, agency: Agency) -> bool:
    """Only named officers: not the agency's administrator, not a supervisor, not a site superuser."""
    return (
        bool(user.is_authenticated) and ConfidentialOfficer.objects.filter(agency=agency, user=user).exists()
    )


def confidential_agency_ids(*, user) -> QuerySet:
    """The agencies whose confidential channel this user reads (as a subquery): where they are named."""
    if not user.is_authenticated:
        return ConfidentialOfficer.objects.none().values("agency_id")
    return ConfidentialOfficer.objects.filter(user=user).values("agency_id")


def cases_visible_to_staff(*, user, agency: Agency) -> QuerySet[Case]:
    """Non-confidential cases of one agency the user may see (empty when the agency is not theirs)."""
    ids = agency_ids_visible(user=user)
    if ids is not None and agency.pk not in ids:
        return Case.objects.none()
    return Case.objects.filter(agency=agency, confidential=False)


def case_queue(
    *,
    user,
    agency: Agency,
    division_id: int | None = None,
    status: str = "",
    kind: str = "",
    overdue: bool = False,
    with_unassigned: bool = False,
    tracking_no: str = "",
) -> QuerySet[Case]:
    """The queue; `with_unassigned` adds items no division has yet (a division officer's default view).
    `tracking_no` finds a case by its tracking number or a part of it (Thai digits and case ignored)."""
    qs = cases_visible_to_staff(user=user, agency=agency).select_related("service", "division", "assignee")
    if wanted := arabic_digits(tracking_no).strip().upper().replace("\x00", ""):
        qs = qs.filter(tracking_no__contains=wanted)
    if division_id:
        qs = (
            qs.filter(Q(division_id=division_id) | Q(division__isnull=True))
            if with_unassigned
            else qs.filter(division_id=division_id)
        )
    if status == "open":
        qs = qs.exclude(status__in=closed_statuses())
    elif status in statuses():
        qs = qs.filter(status=status)
    elif status:  # no case has an unknown status (and the database never sees what was typed)
        qs = qs.none()
    if kind:
        qs = qs.filter(kind=kind)
    if overdue:
        qs = qs.filter(first_answered_at__isnull=True, due_date__lt=timezone.localdate())
    return qs.order_by("due_date", "created_at")


def case_list_confidential(*, user, agency: Agency) -> QuerySet[Case]:
    if not is_confidential_officer(user=user, agency=agency):
        raise Http404("ไม่พบข้อมูล")
    return Case.objects.filter(agency=agency, confidential=True).order_by("due_date")


def case_get_for_staff(*, user, agency: Agency, pk: int) -> Case:
    """One case for the back office: 404 for other agencies, for roles without handle_cases, and for
    confidential cases unless the user is a named officer (callers record the view in the audit log)."""
    if not user_can(user=user, agency=agency, action="view"):
        raise Http404("ไม่พบข้อมูล")
    case = Case.objects.filter(agency=agency, pk=pk).select_related("service", "division", "assignee").first()
    if case is None or (case.confidential and not is_confidential_officer(user=user, agency=agency)):
        raise Http404("ไม่พบข้อมูล")
    return case


def case_contact_visible(*, user, agency: Agency) -> bool:
    """Whether this user may see senders' personal data in this agency: roles that handle cases
    (rules.toml `personal_data.action`), not roles that only look (executives, supervisors)."""
    return user_can(user=user, agency=agency, action=rules()["personal_data"]["action"])


def case_contact(*, user, case: Case) -> dict | None:
    """The sender's personal data (rules.toml `personal_data.fields`) for a user who may see it, else
    None. Every page, export and API that shows a case's contact data takes it from here."""
    if not case_contact_visible(user=user, agency=case.agency):
        return None
    return {field: getattr(case, field) for field in rules()["personal_data"]["fields"]}


def case_description_for(*, user, case: Case) -> str:
    """The case's text as this user may read it: as written for roles that handle cases, else with the
    sender's name, numbers, addresses and ids removed, as on the public board (a sender often writes
    their phone number into the text itself)."""
    if case_contact_visible(user=user, agency=case.agency):
        return case.description
    return case_public_texts(case, keep=agency_contacts(case.agency)).description


def case_attachments_for(*, user, case: Case):
    """The case's photos for roles that handle cases; none for those that only look (a photo of a
    doorway or a face is the sender's personal data as much as their address)."""
    if not case_contact_visible(user=user, agency=case.agency):
        return Attachment.objects.none()
    return case.attachments.all()


def case_attributes_labelled(*, case: Case) -> list[tuple[str, str]]:
    """The answers to the service's own questions as staff read them: the question's text and the chosen
    options' names (not their codes); answers to questions the service no longer asks keep their code."""
    definitions = {a["code"]: a for a in (case.service.attributes if case.service_id else [])}
    out = []
    for code, value in (case.attributes or {}).items():
        attr = definitions.get(code, {})
        names = {v["key"]: v["name"] for v in attr.get("values", [])}
        values = value if isinstance(value, list) else [value]
        out.append((attr.get("description") or code, ", ".join(names.get(str(v), str(v)) for v in values)))
    return out


def case_is_overdue(case: Case, *, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return case.first_answered_at is None and case.due_date < today


@dataclass(frozen=True)
class QaItem:
    tracking_no: str
    question: str
    answer: str
    asked: dt.datetime
    answered: dt.datetime | None
    kind_name: str


def qa_list_public(*, agency: Agency, limit: int = 100) -> list[QaItem]:
    """Answered questions and opinions whose senders agreed to publish, personal data removed."""
    publishable = [k for k, v in kinds().items() if v.get("publishable") and not v.get("confidential")]
    rows = (
        Case.objects.filter(
            agency=agency, confidential=False, kind__in=publishable, publish_consent=True, qa_hidden=False
        )
        .exclude(public_answer="")
        .order_by("-first_answered_at")[:limit]
    )
    keep = agency_contacts(agency)
    items = []
    for c in rows:
        texts = case_public_texts(c, keep=keep)
        items.append(
            QaItem(
                c.tracking_no,
                texts.description,
                texts.answer,
                c.created_at,
                c.first_answered_at,
                kinds()[c.kind]["name_th"],
            )
        )
    return items


@dataclass(frozen=True)
class StatRow:
    month: str  # YYYY-MM
    label: str  # service name or kind name
    count: int
    answered: int
    median_days: float | None  # working days to the first answer
    within_deadline: float | None  # share (0-1) of items due or answered that were answered on time
    satisfaction: float | None
    ratings: int

    @property
    def month_label(self) -> str:
        """'ธ.ค. 2569': the month as Thai readers write it (Buddhist-era year)."""
        year, month = map(int, self.month.split("-"))
        return thai_strftime(dt.date(year, month, 1), "%b %Y")


def _stats_cases(*, agency: Agency, months: int, today: dt.date) -> list[Case]:
    back = today.year * 12 + today.month - 1 - (months - 1)  # the first of the `months` months shown
    first = dt.date(back // 12, back % 12 + 1, 1)
    return list(
        Case.objects.filter(agency=agency, confidential=False, created_at__date__gte=first)
        .select_related("service")
        .only("created_at", "first_answered_at", "due_date", "rating", "kind", "status", "service__name_th")
    )


def _label(c: Case) -> str:
    return c.service.name_th if c.service else kinds()[c.kind]["name_th"]


def _stat_row(month: str, label: str, items: list[Case], today: dt.date) -> StatRow:
    answered = [c for c in items if c.first_answered_at]
    days = [
        working_days_between(
            timezone.localtime(c.created_at).date(), timezone.localtime(c.first_answered_at).date()
        )
        for c in answered
    ]
    judged = [c for c in items if c.first_answered_at or c.due_date < today]
    on_time = [
        c
        for c in judged
        if c.first_answered_at and timezone.localtime(c.first_answered_at).date() <= c.due_date
    ]
    rated = [c.rating for c in items if c.rating is not None]
    return StatRow(
        month,
        label,
        len(items),
        len(answered),
        statistics.median(days) if days else None,
        len(on_time) / len(judged) if judged else None,
        sum(rated) / len(rated) if rated else None,
        len(rated),
    )


def stats_monthly(*, agency: Agency, months: int = 12, today: dt.date | None = None) -> list[StatRow]:
    """Per month and per service (or kind, for items without a service): never the confidential channel."""
    today = today or timezone.localdate()
    groups: dict[tuple[str, str], list[Case]] = {}
    for c in _stats_cases(agency=agency, months=months, today=today):
        groups.setdefault((timezone.localtime(c.created_at).strftime("%Y-%m"), _label(c)), []).append(c)
    return [
        _stat_row(month, label, items, today)
        for (month, label), items in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1]), reverse=True)
    ]


def stats_totals(*, agency: Agency, months: int = 12, today: dt.date | None = None) -> list[StatRow]:
    """The same figures over the whole period: one row per service (most items first), then all together
    (label ""): a month's median is not an average of months, so each is computed from the items."""
    today = today or timezone.localdate()
    items = _stats_cases(agency=agency, months=months, today=today)
    groups: dict[str, list[Case]] = {}
    for c in items:
        groups.setdefault(_label(c), []).append(c)
    rows = [_stat_row("", label, group, today) for label, group in groups.items()]
    rows.sort(key=lambda r: (-r.count, r.label))
    return [*rows, _stat_row("", "", items, today)] if items else []


def status_counts(*, user, agency: Agency) -> dict[str, int]:
    qs = cases_visible_to_staff(user=user, agency=agency)
    out: dict[str, int] = {}
    for status in qs.values_list("status", flat=True):
        out[status] = out.get(status, 0) + 1
    return out


def overdue_q(today: dt.date) -> Q:
    return Q(first_answered_at__isnull=True, due_date__lt=today)
