"""E-mail digests of overdue and stalled activities, and of the OIT items whose publication round is past or
near (oit.selectors.due_list), to the ITA coordinators and the responsible divisions."""

from __future__ import annotations

import tomllib
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone

from ...thai import fiscal_year_of, thai_date
from ..agencies.models import Agency, Membership, Role
from ..audit.services import audit_record
from ..oit.selectors import DueItem, due_list
from .rules import RULES_FILE, rules
from .selectors import ActivityView, measure_list, measure_views


def _texts() -> dict:
    return tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))["notify"]


def flags_recipients(
    *, agency: Agency, flagged: list[ActivityView], oit_due: list[DueItem] = ()
) -> dict[str, tuple[list[ActivityView], list[DueItem]]]:
    """Each address with the flagged activities and the due OIT items it should hear about (coordinators
    hear about all; a division's officers about its activities and the items whose newest evidence it
    is responsible for)."""
    out: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    members = Membership.objects.filter(agency=agency, user__is_active=True).select_related("user")
    for m in members:
        address = m.user.email
        if not address:
            continue
        everything = m.role in (Role.ITA_COORDINATOR, Role.ADMINISTRATOR)
        division = m.division_id if m.role == Role.DIVISION_OFFICER else None
        for a in flagged:
            own = division is not None and any(d.pk == division for d in a.activity.divisions.all())
            if everything or own:
                out[address][0].append(a)
        for d in oit_due:
            if everything or (division is not None and d.division_id == division):
                out[address][1].append(d)
    return {address: lists for address, lists in out.items() if lists[0] or lists[1]}


def _oit_lines(t: dict, items: list[DueItem], agency: Agency, year: int, base_url: str) -> list[str]:
    page = base_url + reverse("oit:staff", args=[agency.pk, year])
    lines = ["", t["oit_intro"].format(year=year)]
    for d in items:
        lines.append(
            t["oit_line"].format(
                code=d.item.code,
                title=d.item.name_th,
                state=d.state_th,
                until=thai_date(d.round_end),
                url=f"{page}#item-{d.item.code}",
            )
        )
    return lines


def flags_notify(*, agency: Agency, base_url: str = "", on=None) -> int:
    """Send one digest per recipient; returns the number of messages sent. Links start with `base_url`,
    else PRONGSAI_PUBLIC_URL (a link in an e-mail must be absolute)."""
    views = measure_views(measures=measure_list(agency=agency), on=on)
    flagged = [a for mv in views for a in mv.flagged]
    year = fiscal_year_of(on or timezone.localdate())
    oit_due = due_list(agency=agency, fiscal_year=year, today=on)
    if not flagged and not oit_due:
        return 0
    t = _texts()
    base_url = (base_url or getattr(settings, "PRONGSAI_PUBLIC_URL", "")).rstrip("/")
    messages = []
    recipients = flags_recipients(agency=agency, flagged=flagged, oit_due=oit_due)
    for address, (items, due) in sorted(recipients.items()):
        lines = [t["intro"].format(days=rules().stalled_after_days), ""] if items else []
        for a in items:
            flags = [t["overdue"]] * a.flags.overdue + [t["stalled"]] * a.flags.stalled
            url = f"{base_url}/plans/activity/{a.activity.pk}/progress/"
            lines.append(
                t["line"].format(
                    activity=a.activity.name,
                    divisions=", ".join(a.division_names),
                    flags=", ".join(flags),
                    url=url,
                )
            )
        if due:
            lines += _oit_lines(t, due, agency, year, base_url)
        subject = t["subject"] if items else t["oit_subject"]
        if items and due:
            subject += t["oit_also"]
        messages.append(
            EmailMessage(
                subject=subject.format(count=len(items), oit=len(due), agency=agency.name),
                body="\n".join(lines),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[address],
            )
        )
    sent = get_connection().send_messages(messages) if messages else 0
    audit_record(
        actor=None,
        action="plan.notify",
        agency=agency,
        summary=f"ส่งอีเมลแจ้งกิจกรรมและข้อ OIT ที่ต้องติดตาม {sent} ฉบับ",
        details={"flagged": len(flagged), "oit_due": [d.item.code for d in oit_due], "sent": sent},
    )
    return sent or 0
