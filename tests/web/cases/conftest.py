"""Fixtures for citizen-service tests: the demo catalogue, photos, uploads in a temp dir, and the notice
channels for real: an SMTP server and an HTTP server (LINE, SMS) on loopback."""

from __future__ import annotations

import email
import io
import json
import socket
import threading
from dataclasses import dataclass
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from aiosmtpd.controller import Controller
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from prongsai.web.services.services import catalogue_load


@pytest.fixture(autouse=True)
def _private_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"  # uploads go to VAR_DIR/uploads: keep each test's files apart


class Inbox:
    """What a real SMTP server on loopback (aiosmtpd) received."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback; Django's SMTP backend sends to it."""
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


class Recorder(BaseHTTPRequestHandler):
    """Stands in for the LINE Messaging API and the SMS gateway: the fake is the far end of real HTTP."""

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


@dataclass
class Delivered:
    email: list[dict]
    line_id: list[dict]
    phone: list[dict]


@pytest.fixture
def notices_delivered(smtp, http_server, monkeypatch):
    """Every channel configured and really used: e-mail over SMTP, LINE and SMS over HTTP to loopback.
    Returns a function giving what each channel delivered so far ({to, subject, body} per notice)."""
    base, recorder = http_server
    monkeypatch.setenv("PRONGSAI_LINE_CHANNEL_TOKEN", "line-token")
    monkeypatch.setenv("PRONGSAI_LINE_API_URL", f"{base}/v2/bot/message/push")
    monkeypatch.setenv("PRONGSAI_SMS_URL", f"{base}/sms")
    monkeypatch.setenv("PRONGSAI_SMS_TOKEN", "sms-token")

    def delivered() -> Delivered:
        mails = [
            {
                "to": m["To"],
                "subject": str(m["Subject"]),
                "body": m.get_body(preferencelist=("plain",)).get_content(),
            }
            for m in smtp.messages
        ]
        line = [
            {"to": p["to"], "body": p["messages"][0]["text"]}
            for path, _h, p in recorder.calls
            if path != "/sms"
        ]
        sms = [{"to": p["to"], "body": p["message"]} for path, _h, p in recorder.calls if path == "/sms"]
        return Delivered(email=mails, line_id=line, phone=sms)

    return delivered


@pytest.fixture
def catalogue(agency):
    return {s.code: s for s in catalogue_load(agency=agency)}


@pytest.fixture
def other_catalogue(other_agency):
    return {s.code: s for s in catalogue_load(agency=other_agency)}


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def photo(name="photo.png", content: bytes | None = None, content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content if content is not None else png_bytes(), content_type=content_type
    )
