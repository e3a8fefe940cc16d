"""Demo data for the seed municipality: the service catalogue and sample cases in every state (idempotent)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from prongsai.textclean import data_clean

from ..agencies.models import Agency
from ..services.models import Service
from ..services.services import catalogue_load
from .deadlines import add_working_days
from .models import Case, CaseEvent, ResponseTemplate
from .rules import status_answers, status_is_closed
from .services import case_submit

DEMO_FILE = Path(__file__).with_name("demo.toml")


@transaction.atomic
def demo_load(*, agency: Agency, path: Path = DEMO_FILE, now: dt.datetime | None = None) -> int:
    """Load the catalogue and, once, the demo cases; returns how many cases were created."""
    catalogue_load(agency=agency)
    if Case.objects.filter(agency=agency, channel="demo").exists():
        return 0
    data = data_clean(tomllib.loads(path.read_text(encoding="utf-8")))
    for t in data.get("templates", []):
        ResponseTemplate.objects.get_or_create(agency=agency, title=t["title"], defaults={"body": t["body"]})
    now = now or timezone.now()
    services = {s.code: s for s in Service.objects.filter(agency=agency)}
    created = 0
    for raw in data.get("cases", []):
        case, _ = case_submit(
            agency=agency,
            kind=raw["kind"],
            service=services.get(raw.get("service", "")),
            subject=raw.get("subject", ""),
            description=raw["description"],
            attributes=raw.get("attributes", {}),
            name=raw.get("name", ""),
            publish_consent=raw.get("publish_consent", False),
            lat=raw.get("lat"),
            long=raw.get("long"),
            address=raw.get("address", ""),
            channel="demo",
        )
        _backdate(case, raw, now)
        created += 1
    return created


def _backdate(case: Case, raw: dict, now: dt.datetime) -> None:
    """Move a fresh case into the past and walk it through its statuses (history events included)."""
    sent = now - dt.timedelta(days=raw["days_ago"])
    answered = sent + dt.timedelta(days=raw["answer_after"]) if "answer_after" in raw else None
    fields = {
        "created_at": sent,
        "due_date": add_working_days(timezone.localtime(sent).date(), case.answer_days),
    }
    at = answered or sent
    for i, status in enumerate(raw.get("path", [])):
        step_at = at + dt.timedelta(hours=6 * i)
        text = raw.get("answer", "") if i == 0 else ""
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.STATUS, public=True, status=status, text=text)
        CaseEvent.objects.filter(case=case, status=status).update(at=step_at)
        fields["status"] = status
        if status_answers(status) and "first_answered_at" not in fields:
            fields["first_answered_at"] = step_at
        fields["closed_at"] = step_at if status_is_closed(status) else None
    if raw.get("answer"):
        fields["public_answer"] = raw["answer"]
    if raw.get("rating"):
        fields.update(
            rating=raw["rating"],
            rating_comment=raw.get("rating_comment", ""),
            rated_at=fields.get("closed_at") or at,
        )
    Case.objects.filter(pk=case.pk).update(**fields)
    CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.CREATED).update(at=sent)
