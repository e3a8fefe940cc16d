"""Notices to the sender: email through a real SMTP server on loopback; LINE and SMS adapters over real HTTP."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.web.cases.handling import case_answer
from prongsai.web.cases.models import Case, CaseEvent
from prongsai.web.cases.notifiers import LineNotifier, NotifierError, SmsNotifier, notifiers_configured


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


def test_line_and_sms_recipients_get_notices_over_http(agency, notices_delivered, notices_sent):
    """The whole way: submitted, queued, sent by the worker through the real adapters to loopback HTTP."""
    from prongsai.web.cases.services import case_submit

    with notices_sent():
        case, _ = case_submit(
            agency=agency, kind="complaint", description="x", line_id="U1", phone="0811112222"
        )
    sent = notices_delivered()
    assert [n["to"] for n in sent.line_id] == ["U1"] and [n["to"] for n in sent.phone] == ["0811112222"]
    assert sent.email == []  # no address given
    assert case.tracking_no in sent.line_id[0]["body"] and case.secret in sent.line_id[0]["body"]
    assert (
        case.tracking_no in sent.phone[0]["body"] and f"/track/{case.tracking_no}/" in sent.phone[0]["body"]
    )
