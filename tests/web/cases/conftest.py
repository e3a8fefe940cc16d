"""Fixtures for citizen-service tests: the demo catalogue, photos, a fake notifier, uploads in a temp dir."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from prongsai.web.cases import notifiers
from prongsai.web.services.services import catalogue_load


class FakeNotifier:
    """Stands in for LINE/SMS/email in tests that are not about delivery; same interface as the adapters."""

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.sent: list[dict] = []

    def send(self, *, to: str, subject: str, body: str) -> None:
        self.sent.append({"to": to, "subject": subject, "body": body})


@pytest.fixture(autouse=True)
def _private_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"  # uploads go to VAR_DIR/uploads: keep each test's files apart


@pytest.fixture
def fake_notifiers(monkeypatch):
    fakes = {c: FakeNotifier(c) for c in ("email", "line_id", "phone")}
    monkeypatch.setattr(notifiers, "notifiers_configured", lambda: list(fakes.values()))
    from prongsai.web.cases import services as case_services

    monkeypatch.setattr(case_services, "notifiers_configured", lambda: list(fakes.values()))
    return fakes


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
