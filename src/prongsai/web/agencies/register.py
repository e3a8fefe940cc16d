"""Writes from the national register: upsert agencies by code in one transaction, with bulk operations.

`register_import(rows=register_read(path))` creates new agencies (with the default divisions), updates
changed ones (a rename keeps the old name in `AgencyNameHistory`), leaves the rest untouched, and gives
each row's administrator (admin_email) an account without a password, the administrator role and a
pending invitation (`PendingInvitation`), sent once the import has committed by `invitation_pending_send`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from ..audit.services import audit_record
from .models import Agency, AgencyNameHistory, Division, Membership, PendingInvitation, Role
from .register_file import RegisterRow
from .services import default_divisions

FIELDS = ("name", "type", "province", "district", "supervisor_group")
BATCH = 500


@dataclass
class RegisterReport:
    created: list[RegisterRow] = field(default_factory=list)
    # each updated row with its changes: {field: (old, new)}
    updated: list[tuple[RegisterRow, dict[str, tuple[str, str]]]] = field(default_factory=list)
    unchanged: int = 0
    admins_added: list[tuple[str, str]] = field(default_factory=list)  # (code, e-mail)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.admins_added)


def _plan(rows: list[RegisterRow]) -> tuple[RegisterReport, dict[str, Agency]]:
    existing = {
        a.dla_code: a
        for a in Agency.objects.exclude(dla_code="").only("pk", "dla_code", *FIELDS).iterator(2000)
    }
    report = RegisterReport()
    for row in rows:
        agency = existing.get(row.code)
        if agency is None:
            report.created.append(row)
            continue
        diff = {
            f: (getattr(agency, f), getattr(row, f))
            for f in FIELDS
            if f in row.columns and getattr(agency, f) != getattr(row, f)
        }
        if diff:
            report.updated.append((row, diff))
        else:
            report.unchanged += 1
    return report, existing


def _admins_missing(rows: list[RegisterRow], agency_ids: dict[str, int]) -> list[tuple[str, str]]:
    """(code, e-mail) of each row whose administrator is not yet a member of the agency."""
    wanted = [(r.code, r.admin_email) for r in rows if r.admin_email]
    if not wanted:
        return []
    User = get_user_model()
    ids = {u.lower(): pk for pk, u in User.objects.values_list("pk", "username")}
    have = set(Membership.objects.values_list("agency_id", "user_id"))
    return [
        (code, email)
        for code, email in wanted
        if agency_ids.get(code) is None or (agency_ids[code], ids.get(email)) not in have
    ]


def _apply(report: RegisterReport, existing: dict[str, Agency], tick: Callable[[int], None]) -> None:
    created: list[Agency] = []
    for start in range(0, len(report.created), BATCH):  # in batches, so the progress bar moves
        batch = report.created[start : start + BATCH]
        created += Agency.objects.bulk_create(
            [Agency(dla_code=r.code, **{f: getattr(r, f) for f in FIELDS}) for r in batch]
        )
        tick(len(batch))
    names = default_divisions()
    Division.objects.bulk_create(
        [Division(agency=a, name=n, order=k) for a in created for k, n in enumerate(names)], batch_size=BATCH
    )
    changed, history = [], []
    for row, diff in report.updated:
        agency = existing[row.code]
        if "name" in diff:
            history.append(AgencyNameHistory(agency=agency, name=agency.name, source="register"))
        for f in diff:
            setattr(agency, f, getattr(row, f))
        changed.append(agency)
    Agency.objects.bulk_update(changed, FIELDS, batch_size=BATCH)
    AgencyNameHistory.objects.bulk_create(history, batch_size=BATCH)
    tick(len(changed) + report.unchanged)
    if report.admins_added:
        _admins_add(report.admins_added, {a.dla_code: a.pk for a in [*created, *existing.values()]})


def _admins_add(pairs: list[tuple[str, str]], agency_ids: dict[str, int]) -> None:
    User = get_user_model()
    emails = {e for _, e in pairs}
    users = {u.username.lower(): u for u in User.objects.filter(username__in=emails)}
    unusable = make_password(None)  # no password until the invitation's link sets one
    new = [User(username=e, email=e, password=unusable) for e in sorted(emails - set(users))]
    for u in User.objects.bulk_create(new, batch_size=BATCH):
        users[u.username] = u
    Membership.objects.bulk_create(
        [Membership(user=users[e], agency_id=agency_ids[c], role=Role.ADMINISTRATOR) for c, e in pairs],
        batch_size=BATCH,
        ignore_conflicts=True,  # already a member with another role: the role is the administrator's call
    )
    PendingInvitation.objects.bulk_create(
        [PendingInvitation(user=users[e], agency_id=agency_ids[c]) for c, e in pairs],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def register_import(
    *,
    rows: list[RegisterRow],
    dry_run: bool = False,
    actor=None,
    source: str = "",
    progress: Callable[[int], None] | None = None,
) -> RegisterReport:
    """Upsert the register's rows by code; with dry_run, only say what would change."""
    tick = progress or (lambda n: None)
    with transaction.atomic():
        report, existing = _plan(rows)
        report.admins_added = _admins_missing(rows, {c: a.pk for c, a in existing.items()})
        report.dry_run = dry_run
        if dry_run or not report.changed:
            tick(len(rows))
            return report
        _apply(report, existing, tick)
        audit_record(
            actor=actor,
            action="agency.register_import",
            summary=f"นำเข้าทะเบียนหน่วยงาน: สร้าง {len(report.created)} ปรับปรุง {len(report.updated)}",
            details={
                "file": source,
                "created": len(report.created),
                "updated": len(report.updated),
                "unchanged": report.unchanged,
                "administrators": len(report.admins_added),
            },
        )
    return report


def invitation_pending_send(*, actor=None) -> tuple[int, list[str]]:
    """Send every invitation still due; (the number sent, Thai messages of those the mail server
    refused). A refused one stays pending, so the next import (or a resend from the staff page) tries it
    again."""
    from ..accounts.invitations import InvitationNotSent, invitation_send

    sent, failed = 0, []
    for pending in PendingInvitation.objects.filter(sent_at=None).select_related("user", "agency"):
        try:
            invitation_send(user=pending.user, agency=pending.agency, actor=actor)
        except InvitationNotSent as exc:
            failed.append(f"{pending.agency.dla_code} {pending.user.email}: {exc}")
            continue
        PendingInvitation.objects.filter(pk=pending.pk).update(sent_at=timezone.now())
        sent += 1
    return sent, failed
