"""Evidence files: the type comes from the bytes, active content is refused, only pictures are inline."""

from __future__ import annotations

import datetime as dt
import importlib
import stat
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.files.sniff import signatures
from prongsai.web.plans.models import Evidence, ProgressUpdate
from prongsai.web.plans.services import EvidenceInput, progress_add

from ..samples import (
    jpeg_bytes,
    office_bytes,
    pdf_bytes,
    pdf_with_hidden_javascript,
    pdf_with_javascript,
    pdf_with_launch,
    pdf_with_packed_stream,
    png_bytes,
)

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _add(activity, actor, name: str, content: bytes, declared: str = "application/octet-stream"):
    return progress_add(
        activity=activity,
        actor=actor,
        date=dt.date(2025, 12, 1),
        status="in_progress",
        percent=10,
        evidence=[EvidenceInput("หลักฐาน", file=SimpleUploadedFile(name, content, content_type=declared))],
    )


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("shell.php.jpg", b"<?php system($_GET['c']); ?>", "PHP"),
        ("page.pdf", b"<!DOCTYPE html><script>alert(1)</script>", "HTML"),
        ("page.png", b"\xef\xbb\xbf  <html><body onload=alert(1)>", "HTML"),
        ("drawing.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "SVG"),
        ("data.xlsx", b'<?xml version="1.0"?><x/>', "XML"),
        ("utf16.pdf", "<html><script>alert(1)</script>".encode("utf-16"), "HTML"),
        ("tool.pdf", b"MZ\x90\x00\x03" + b"\x00" * 64, "executable"),
        ("run.odt", b"#!/bin/sh\nrm -rf /\n", "script"),
        ("js.pdf", pdf_with_javascript(), "JavaScript"),
        ("hidden.pdf", pdf_with_hidden_javascript(), "JavaScript"),
        ("launch.pdf", pdf_with_launch(), "Launch"),
        ("macro.docx", office_bytes("word/document.xml", macro=True), "มาโคร"),
        ("fake.png", b"\x89PNG\r\n\x1a\n" + b"not a picture", "ไม่ใช่ไฟล์ภาพ"),
        ("notes.docx", b"plain words, no document", "ไม่ใช่ชนิดที่รับ"),
    ],
)
def test_active_or_disguised_files_are_refused_with_a_thai_message(
    coordinator, works_activity, name, content, said
):
    with pytest.raises(ValidationError) as e:
        _add(works_activity, coordinator, name, content, declared="image/jpeg")
    [message] = e.value.message_dict["evidence[0]"]
    assert message.startswith(f"{name}: ") and said in message
    assert not ProgressUpdate.objects.filter(activity=works_activity).exists()


def test_only_object_streams_are_opened_and_within_a_budget(coordinator, works_activity):
    # Pixels that happen to spell /JS are not PDF objects: the picture's stream is not even inflated.
    _add(
        works_activity,
        coordinator,
        "scan.pdf",
        pdf_with_packed_stream(b"\x00/JS\x00" * 1000, object_stream=False),
    )
    assert Evidence.objects.get().content_type == "application/pdf"
    # An object stream that inflates past the budget cannot be checked, so it is refused.
    bomb = pdf_with_packed_stream(b"\x00" * (signatures().pdf_max_inflated + 1), object_stream=True)
    with pytest.raises(ValidationError) as e:
        _add(works_activity, coordinator, "bomb.pdf", bomb)
    assert "ObjStm" in e.value.message_dict["evidence[0]"][0]


def test_the_stored_type_is_the_sniffed_one(coordinator, works_activity):
    _add(works_activity, coordinator, "photo.jpg", png_bytes(), declared="application/x-php")
    _add(works_activity, coordinator, "minutes.pdf", pdf_bytes(), declared="text/html")
    _add(
        works_activity,
        coordinator,
        "report.docx",
        office_bytes("word/document.xml"),
        declared="image/svg+xml",
    )
    got = sorted(Evidence.objects.values_list("filename", "content_type"))
    assert got == [("minutes.pdf", "application/pdf"), ("photo.jpg", "image/png"), ("report.docx", DOCX)]


def _served(coordinator_client, activity, actor, name, content):
    _add(activity, actor, name, content, declared="text/html")
    row = Evidence.objects.get(filename=name)
    return coordinator_client.get(f"/plans/evidence/{row.pk}/")


def test_only_raster_pictures_are_inline(coordinator_client, coordinator, works_activity):
    picture = _served(coordinator_client, works_activity, coordinator, "ภาพกิจกรรม.jpg", jpeg_bytes())
    assert picture["Content-Type"] == "image/jpeg"
    assert picture["Content-Disposition"].startswith("inline;")
    assert "filename*=UTF-8''" in picture["Content-Disposition"]
    for name, content, ctype in [
        ("minutes.pdf", pdf_bytes(), "application/pdf"),
        ("report.docx", office_bytes("word/document.xml"), DOCX),
    ]:
        response = _served(coordinator_client, works_activity, coordinator, name, content)
        assert response["Content-Type"] == ctype
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]


def test_a_picture_with_the_wrong_extension_is_downloaded_with_the_right_one(
    coordinator_client, coordinator, works_activity
):
    response = _served(coordinator_client, works_activity, coordinator, "scan.jpg", png_bytes())
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="scan.jpg.png"'


def test_evidence_is_stored_owner_only(settings, coordinator, works_activity):
    _add(works_activity, coordinator, "minutes.pdf", pdf_bytes())
    path = Path(Evidence.objects.get().file.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent, settings.VAR_DIR / "private"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_the_migration_replaces_declared_types_with_sniffed_ones(coordinator, works_activity):
    update = _add(works_activity, coordinator, "ok.pdf", pdf_bytes())
    rows = {}
    for name, content, declared in [
        ("shell.php.jpg", b"<?php echo 1; ?>", "application/x-php"),
        ("page.html", b"<html><script>alert(1)</script>", "text/html"),
        ("js.pdf", pdf_with_javascript(), "application/pdf"),
        ("real.jpg", jpeg_bytes(), "text/html"),
    ]:
        row = Evidence(update=update, title=name, filename=name, content_type=declared, size=len(content))
        row.file.save(name, ContentFile(content), save=False)
        row.save()
        rows[name] = row.pk
    gone = Evidence(
        update=update, title="gone", filename="gone.png", content_type="text/html", file="x/gone.png"
    )
    gone.save()
    migration = importlib.import_module("prongsai.web.plans.migrations.0002_evidence_content_type")
    migration.sniff_existing(apps, None)
    got = dict(Evidence.objects.values_list("filename", "content_type"))
    assert got == {
        "ok.pdf": "application/pdf",
        "shell.php.jpg": "application/octet-stream",
        "page.html": "application/octet-stream",
        "js.pdf": "application/octet-stream",
        "real.jpg": "image/jpeg",
        "gone.png": "application/octet-stream",
    }
