"""The overdue/stalled digest arrives by e-mail through a real SMTP server on loopback."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from prongsai.web.agencies.models import Division, Role
from prongsai.web.agencies.services import staff_add
from prongsai.web.plans.notify import flags_notify
from prongsai.web.plans.services import progress_add

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        msg = email.message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd cannot start on port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.DEFAULT_FROM_EMAIL = "noreply@pakphraek.example"
    yield inbox
    controller.stop()


def test_digest_goes_to_coordinator_and_the_responsible_division_only(
    smtp, agency, coordinator, works_activity, finance_activity
):
    coordinator.email = "coord@example.org"
    coordinator.save()
    works = staff_add(
        agency=agency,
        username="works",
        role=Role.DIVISION_OFFICER,
        division=Division.objects.get(agency=agency, name="กองช่าง"),
    )
    finance = staff_add(
        agency=agency,
        username="finance",
        role=Role.DIVISION_OFFICER,
        division=Division.objects.get(agency=agency, name="กองคลัง"),
    )
    for user, address in ((works, "works@example.org"), (finance, "finance@example.org")):
        user.email = address
        user.save()
    # On 2026-04-15 the finance activity is past its end (2026-03-31) with no update; the works activity
    # was updated recently and is neither overdue nor stalled.
    progress_add(
        activity=works_activity, actor=coordinator, date=dt.date(2026, 4, 1), status="in_progress", percent=30
    )
    sent = flags_notify(agency=agency, base_url="https://ita.example.go.th", on=dt.date(2026, 4, 15))
    assert sent == 2
    by_address = {tuple(to): msg for to, msg in smtp.messages}
    assert set(by_address) == {("coord@example.org",), ("finance@example.org",)}
    body = by_address[("finance@example.org",)].get_body(preferencelist=("plain",)).get_content()
    assert finance_activity.name in body and "เลยกำหนด" in body
    assert f"https://ita.example.go.th/plans/activity/{finance_activity.pk}/progress/" in body
    assert works_activity.name not in body
    assert "กิจกรรมตามมาตรการที่ต้องติดตาม 1 กิจกรรม" in by_address[("finance@example.org",)]["Subject"]


def test_command_runs_for_every_agency_with_measures(smtp, agency, coordinator, finance_activity, capsys):
    coordinator.email = "coord@example.org"
    coordinator.save()
    call_command("plans_notify", "--base-url", "https://x.example", "--on", "2026-04-15")
    assert "sent 1 messages" in capsys.readouterr().out  # past the activity's end (2026-03-31)
    assert smtp.messages[0][0] == ["coord@example.org"]


def test_links_use_the_public_address_when_no_base_url_is_given(
    smtp, settings, agency, coordinator, finance_activity
):
    """A link in an e-mail must be absolute: without --base-url the digest uses PRONGSAI_PUBLIC_URL."""
    settings.PRONGSAI_PUBLIC_URL = "https://ita.pakphraek.go.th"
    coordinator.email = "coord@example.org"
    coordinator.save()
    call_command("plans_notify", "--on", "2026-04-15")
    body = smtp.messages[0][1].get_body(preferencelist=("plain",)).get_content()
    assert f"https://ita.pakphraek.go.th/plans/activity/{finance_activity.pk}/progress/" in body


def _oit_evidence(agency, code, published_on, division=None):
    from prongsai.web.oit.models import Evidence

    return Evidence.objects.create(
        agency=agency,
        fiscal_year=2569,
        code=code,
        title=f"หลักฐาน {code}",
        link="https://pakphraek.example/x",
        published_on=published_on,
        division=division,
    )


def test_the_digest_lists_oit_items_past_or_near_their_round(smtp, agency, coordinator, finance_activity):
    """On 2026-04-15 the monthly procurement summary (O11) last published on 1 February is past its round
    and the yearly O14 is near it; the coordinator hears about both, the finance division only about the
    item whose evidence it is responsible for, with links to the item on the agency's OIT page."""
    from prongsai.thai import thai_date

    coordinator.email = "coord@example.org"
    coordinator.save()
    finance_division = Division.objects.get(agency=agency, name="กองคลัง")
    finance = staff_add(
        agency=agency, username="finance", role=Role.DIVISION_OFFICER, division=finance_division
    )
    finance.email = "finance@example.org"
    finance.save()
    _oit_evidence(agency, "O11", dt.date(2026, 2, 1), finance_division)  # 45 days: until 18 March
    _oit_evidence(agency, "O14", dt.date(2025, 4, 1))  # 380 days: until 16 April 2026
    _oit_evidence(agency, "O12", dt.date(2026, 1, 10))  # yearly, recent: not listed
    flags_notify(agency=agency, base_url="https://ita.example.go.th", on=dt.date(2026, 4, 15))
    by_address = {tuple(to): msg for to, msg in smtp.messages}
    page = f"https://ita.example.go.th/a/{agency.pk}/oit/2569/"
    coord = by_address[("coord@example.org",)].get_body(preferencelist=("plain",)).get_content()
    assert f"{page}#item-O11" in coord and f"{page}#item-O14" in coord and "#item-O12" not in coord
    assert coord.index("#item-O11") < coord.index("#item-O14")  # overdue first
    assert "เลยรอบการเผยแพร่" in coord and thai_date(dt.date(2026, 3, 18)) in coord
    assert "และข้อ OIT 2 ข้อ" in by_address[("coord@example.org",)]["Subject"]
    fin = by_address[("finance@example.org",)].get_body(preferencelist=("plain",)).get_content()
    assert "#item-O11" in fin and "#item-O14" not in fin


def test_an_agency_with_only_due_oit_items_gets_its_digest(smtp, agency, coordinator, capsys):
    coordinator.email = "coord@example.org"
    coordinator.save()
    _oit_evidence(agency, "O11", dt.date(2026, 2, 1))
    call_command("plans_notify", "--base-url", "https://x.example", "--on", "2026-04-15")
    assert "sent 1 messages" in capsys.readouterr().out
    ((to, msg),) = smtp.messages
    assert to == ["coord@example.org"] and "ข้อ OIT ที่ถึงรอบการเผยแพร่ 1 ข้อ" in msg["Subject"]
    body = msg.get_body(preferencelist=("plain",)).get_content()
    assert "กิจกรรมต่อไปนี้" not in body and f"https://x.example/a/{agency.pk}/oit/2569/#item-O11" in body
