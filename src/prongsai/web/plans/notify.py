"""E-mail digests of overdue and stalled activities to the ITA coordinators and the responsible divisions."""

from __future__ import annotations

import tomllib
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from ..agencies.models import Agency, Membership, Role
from ..audit.services import audit_record
from .rules import RULES_FILE, rules
from .selectors import ActivityView, measure_list, measure_views


def _texts() -> dict:
    return tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))["notify"]


def flags_recipients(*, agency: Agency, flagged: list[ActivityView]) -> dict[str, list[ActivityView]]:
    """Each address with the flagged activities it should hear about (coordinators hear about all)."""
    out: dict[str, list[ActivityView]] = defaultdict(list)
    members = Membership.objects.filter(agency=agency, user__is_active=True).select_related("user")
    for m in members:
        address = m.user.email
        if not address:
            continue
        for a in flagged:
            own = m.division_id is not None and any(d.pk == m.division_id for d in a.activity.divisions.all())
            if m.role in (Role.ITA_COORDINATOR, Role.ADMINISTRATOR) or (
                m.role == Role.DIVISION_OFFICER and own
            ):
                out[address].append(a)
    return dict(out)


def flags_notify(*, agency: Agency, base_url: str = "", on=None) -> int:
    """Send one digest per recipient; returns the number of messages sent. Links start with `base_url`,
    else PRONGSAI_PUBLIC_URL (a link in an e-mail must be absolute)."""
    views = measure_views(measures=measure_list(agency=agency), on=on)
    flagged = [a for mv in views for a in mv.flagged]
    if not flagged:
        return 0
    t = _texts()
    base_url = (base_url or getattr(settings, "PRONGSAI_PUBLIC_URL", "")).rstrip("/")
    messages = []
    for address, items in sorted(flags_recipients(agency=agency, flagged=flagged).items()):
        lines = [t["intro"].format(days=rules().stalled_after_days), ""]
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
        messages.append(
            EmailMessage(
                subject=t["subject"].format(count=len(items), agency=agency.name),
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
        summary=f"ส่งอีเมลแจ้งกิจกรรมที่ต้องติดตาม {sent} ฉบับ",
        details={"flagged": len(flagged), "sent": sent},
    )
    return sent or 0
