"""Notices to the sender: email through a real SMTP server on loopback; LINE and SMS adapters over real HTTP."""

from __future__ import annotations

import email
import json
import socket
import threading
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from django.urls import reverse

from prongsai.web.cases.handling import case_answer
from prongsai.web.cases.models import Case, CaseEvent
from prongsai.web.cases.notifiers import LineNotifier, NotifierError, SmsNotifier, notifiers_configured


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    with socket.socket() as probe:  # a free random port (aiosmtpd cannot start on port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.DEFAULT_FROM_EMAIL = "noreply@pakphraek.example"
    yield inbox
    controller.stop()


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_senders_page_never_waits_for_the_mail_server(
    smtp, agency, django_capture_on_commit_callbacks, notices_sent
):
    from django_tasks_db.models import DBTaskResult

    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cases:send", args=[agency.pk, "question"]),
            {"description": "ถนนมืด", "email": "citizen@example.org", "pdpa": "on"},
        )
        client.post(  # no contact given: nothing to send, nothing queued
            reverse("cases:send", args=[agency.pk, "question"]), {"description": "ไม่ระบุตัวตน", "pdpa": "on"}
        )
    assert response.status_code == 302 and Case.objects.count() == 2
    assert smtp.messages == []  # answered before any mail went out
    [queued] = DBTaskResult.objects.ready()
    assert queued.task_path.endswith("case_notify_task")
    with notices_sent():  # the worker's turn
        pass
    [ack] = smtp.messages
    assert ack["To"] == "citizen@example.org"


def test_acknowledgement_and_answer_arrive_by_smtp(smtp, agency, division_officer, notices_sent):
    client = Client()
    with notices_sent():
        response = client.post(
            reverse("cases:send", args=[agency.pk, "question"]),
            {"description": "ขอทราบวันเก็บขยะ", "email": "citizen@example.org", "pdpa": "on"},
        )
    assert response.status_code == 302
    case = Case.objects.get()
    [ack] = smtp.messages
    assert ack["To"] == "citizen@example.org" and case.tracking_no in ack["Subject"]
    link = f"http://testserver/track/{case.tracking_no}/{case.secret}/"
    assert link in _body(ack)
    with notices_sent():
        case_answer(
            case=case, text="เก็บทุกวันอังคารและศุกร์", actor=division_officer, base_url="http://testserver"
        )
    assert len(smtp.messages) == 2 and "เก็บทุกวันอังคาร" in _body(smtp.messages[1])
    assert (
        CaseEvent.objects.filter(case=case, kind="notice", public=False, text__contains="ส่งแล้ว").count() == 2
    )


def test_a_failed_email_does_not_lose_the_case(settings, agency, notices_sent):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # nothing listens
    with notices_sent():
        response = Client().post(
            reverse("cases:send", args=[agency.pk, "question"]),
            {"description": "x", "email": "a@example.org", "pdpa": "on"},
        )
    assert response.status_code == 302
    case = Case.objects.get()
    assert CaseEvent.objects.filter(case=case, kind="notice", text__contains="ส่งไม่สำเร็จ").exists()


class Recorder(BaseHTTPRequestHandler):
    calls: list = []
    status = 200

    def do_POST(self):  # noqa: N802
        length = int(self.headers["Content-Length"])
        type(self).calls.append((self.path, dict(self.headers), json.loads(self.rfile.read(length))))
        self.send_response(type(self).status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    Recorder.calls, Recorder.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", Recorder
    server.shutdown()


def test_line_adapter_speaks_the_messaging_api(http_server):
    base, recorder = http_server
    LineNotifier(token="tok", url=f"{base}/v2/bot/message/push").send(
        to="U123", subject="เรื่อง", body="ตอบแล้ว"
    )
    [(path, headers, payload)] = recorder.calls
    assert path == "/v2/bot/message/push" and headers["Authorization"] == "Bearer tok"
    assert payload == {"to": "U123", "messages": [{"type": "text", "text": "เรื่อง\nตอบแล้ว"}]}


def test_sms_adapter_and_errors(http_server):
    base, recorder = http_server
    SmsNotifier(url=f"{base}/sms", token="t", sender="PAKPHRAEK").send(
        to="0811112222", subject="S", body="link\nmore"
    )
    assert recorder.calls[0][2] == {"to": "0811112222", "sender": "PAKPHRAEK", "message": "S link"}
    recorder.status = 500
    with pytest.raises(NotifierError):
        SmsNotifier(url=f"{base}/sms", token="t").send(to="1", subject="S", body="b")


def test_adapters_are_configured_from_the_environment(monkeypatch):
    monkeypatch.delenv("PRONGSAI_LINE_CHANNEL_TOKEN", raising=False)
    monkeypatch.delenv("PRONGSAI_SMS_URL", raising=False)
    assert [n.channel for n in notifiers_configured()] == ["email"]
    monkeypatch.setenv("PRONGSAI_LINE_CHANNEL_TOKEN", "x")
    monkeypatch.setenv("PRONGSAI_SMS_URL", "http://127.0.0.1:9/sms")
    assert [n.channel for n in notifiers_configured()] == ["email", "line_id", "phone"]


def test_line_and_sms_recipients_get_notices_through_fakes(agency, fake_notifiers, notices_sent):
    from prongsai.web.cases.services import case_submit

    with notices_sent():
        case, _ = case_submit(
            agency=agency, kind="complaint", description="x", line_id="U1", phone="0811112222"
        )
    assert (
        fake_notifiers["line_id"].sent[0]["to"] == "U1"
        and fake_notifiers["phone"].sent[0]["to"] == "0811112222"
    )
    assert not fake_notifiers["email"].sent
    assert case.tracking_no in fake_notifiers["line_id"].sent[0]["subject"]
