"""Telling the sender what happened: one interface, three adapters (email, LINE Messaging API, SMS gateway).

Email uses Django's mail settings (EMAIL_HOST, EMAIL_PORT, ... DEFAULT_FROM_EMAIL). LINE and SMS are
configured with environment variables and stay off until set:
PRONGSAI_LINE_CHANNEL_TOKEN (and optionally PRONGSAI_LINE_API_URL), PRONGSAI_SMS_URL, PRONGSAI_SMS_TOKEN,
PRONGSAI_SMS_SENDER. Tests replace `notifiers_configured` with fakes; the adapters are real HTTP clients.
"""

from __future__ import annotations

import json
import os
import urllib.request
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail

LINE_PUSH_URL = "https://api.line.me/v2/bot/message/push"


class NotifierError(RuntimeError):
    pass


class Notifier(Protocol):
    channel: str  # also the Case field holding the recipient: "email", "line_id", "phone"

    def send(self, *, to: str, subject: str, body: str) -> None: ...


class EmailNotifier:
    channel = "email"

    def send(self, *, to: str, subject: str, body: str) -> None:
        send_mail(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), [to], fail_silently=False)


def _post_json(url: str, payload: dict, token: str, timeout: float = 10.0) -> None:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured URL)
            if not 200 <= response.status < 300:
                raise NotifierError(f"HTTP {response.status}")
    except OSError as exc:  # URLError, HTTPError and timeouts are all OSErrors
        raise NotifierError(str(exc)) from exc


class LineNotifier:
    """LINE Messaging API push message to a user id (the sender gives it through the agency's LINE OA)."""

    channel = "line_id"

    def __init__(self, *, token: str, url: str = LINE_PUSH_URL) -> None:
        self.token, self.url = token, url

    def send(self, *, to: str, subject: str, body: str) -> None:
        text = f"{subject}\n{body}"[:5000]  # LINE's text message limit
        _post_json(self.url, {"to": to, "messages": [{"type": "text", "text": text}]}, self.token)


class SmsNotifier:
    """A generic HTTP SMS gateway taking JSON {to, sender, message} with a bearer token."""

    channel = "phone"

    def __init__(self, *, url: str, token: str, sender: str = "") -> None:
        self.url, self.token, self.sender = url, token, sender

    def send(self, *, to: str, subject: str, body: str) -> None:
        # SMS is short: the subject and the first line (the tracking link) only.
        message = f"{subject} {body.splitlines()[0] if body else ''}".strip()[:300]
        _post_json(self.url, {"to": to, "sender": self.sender, "message": message}, self.token)


def notifiers_configured() -> list[Notifier]:
    """Every adapter that is configured; email is always on (Django's mail settings)."""
    out: list[Notifier] = [EmailNotifier()]
    token = os.environ.get("PRONGSAI_LINE_CHANNEL_TOKEN")
    if token:
        out.append(LineNotifier(token=token, url=os.environ.get("PRONGSAI_LINE_API_URL", LINE_PUSH_URL)))
    sms_url = os.environ.get("PRONGSAI_SMS_URL")
    if sms_url:
        out.append(
            SmsNotifier(
                url=sms_url,
                token=os.environ.get("PRONGSAI_SMS_TOKEN", ""),
                sender=os.environ.get("PRONGSAI_SMS_SENDER", ""),
            )
        )
    return out
