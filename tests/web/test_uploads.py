"""Uploads: bodies over the limit refused before parsing, per-kind limits, private file modes, backups."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prongsai.web.assessments.models import ItaResult
from prongsai.web.audit.models import AuditEvent
from prongsai.web.cases.models import Attachment
from prongsai.web.cases.services import case_submit
from prongsai.web.cases.uploads import photo_path

from .samples import png_bytes

DOCS = Path(__file__).parents[2] / "docs" / "operations.md"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_multipart_body_over_the_limit_is_refused_unread_with_a_thai_413(
    settings, coordinator_client, agency
):
    settings.PRONGSAI_MAX_REQUEST_BYTES = 64 * 1024
    big = SimpleUploadedFile("results.csv", b"agency,fiscal_year\n" + b"x" * (100 * 1024))
    response = coordinator_client.post(reverse("assessments:import", args=[agency.pk]), {"file": big})
    assert response.status_code == 413
    html = response.content.decode()
    assert "เกินกว่าที่ระบบรับได้ (64 KB)" in html  # says what the limit is
    assert not ItaResult.objects.filter(agency=agency).exists()
    assert not AuditEvent.objects.filter(action="result.import").exists()
    # Under the limit the same form answers as usual (a form error, not a 413).
    small = SimpleUploadedFile("results.csv", b"agency,fiscal_year\n")
    assert (
        coordinator_client.post(reverse("assessments:import", args=[agency.pk]), {"file": small}).status_code
        == 200
    )


def test_a_json_body_over_the_limit_is_a_413_in_json(settings, coordinator_client):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = coordinator_client.post(
        "/api/plans/activities/1/progress",
        data=json.dumps({"narrative": "x" * 4096}),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert "เกินกว่าที่ระบบรับได้" in response.json()["detail"]


def test_an_import_file_over_its_own_limit_is_a_form_error_before_it_is_read(
    settings, coordinator_client, agency
):
    settings.PRONGSAI_IMPORT_MAX_BYTES = 1024
    upload = SimpleUploadedFile("ผลการประเมิน.csv", b"agency,fiscal_year\n" + b"1," * 2000)
    response = coordinator_client.post(reverse("assessments:import", args=[agency.pk]), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "ผลการประเมิน.csv: ไฟล์ขนาด 4 KB ใหญ่เกินกำหนด 1 KB" in html
    assert "ไม่ได้บันทึกข้อมูลใด" not in html  # refused before the reader saw it, not a list of row errors
    assert not ItaResult.objects.filter(agency=agency).exists()


def test_citizen_photos_are_stored_owner_only(agency, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    case, _ = case_submit(
        agency=agency,
        kind="complaint",
        description="ไฟดับ",
        photos=[SimpleUploadedFile("p.png", png_bytes(), "image/png")],
    )
    stored = photo_path(Attachment.objects.get(case=case).stored_name)
    assert _mode(stored) == 0o600
    assert _mode(stored.parent) == 0o700 and _mode(stored.parent.parent) == 0o700


SECRET_SCRIPT = (
    "import django; from django.conf import settings; django.setup(); print(len(settings.SECRET_KEY))"
)


def _start(var_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="prongsai.web.settings", PRONGSAI_VAR_DIR=str(var_dir))
    subprocess.run(
        [sys.executable, "-c", SECRET_SCRIPT], env=env, check=True, capture_output=True, timeout=60
    )


def test_the_generated_secret_key_and_the_var_folder_are_owner_only(tmp_path):
    var = tmp_path / "var"
    _start(var)
    assert _mode(var / "secret_key") == 0o600
    assert _mode(var) == 0o700


def test_a_secret_key_left_readable_by_others_is_closed_at_start(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    key = var / "secret_key"
    key.write_text("a-key-restored-from-a-backup-with-the-wrong-mode-0123456789")
    key.chmod(0o644)
    _start(var)
    assert _mode(key) == 0o600
    assert key.read_text().startswith("a-key-restored")  # the key itself is kept


def _backup_lines() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    block = re.search(r"```sh\n(# nightly.*?)```", text, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def test_the_documented_backup_commands_make_owner_only_files(tmp_path):
    """The nightly commands of docs/operations.md, run as written, with the folders moved to tmp_path."""
    var, backups = tmp_path / "lib", tmp_path / "backups"
    (var / "uploads" / "cases").mkdir(parents=True)
    (var / "private").mkdir()
    (var / "secret_key").write_text("k")
    (var / "uploads" / "cases" / "a.png").write_bytes(png_bytes())
    lines = [
        line.replace("/var/lib/prongsai", str(var)).replace("/var/backups/prongsai", str(backups))
        for line in _backup_lines()
        if not line.startswith("pg_dump")  # needs the production database; its file is made the same way
    ]
    assert any(line.startswith("umask 077") for line in lines)
    subprocess.run(["sh", "-ec", "umask 022\n" + "\n".join(lines)], check=True, timeout=60)
    [archive] = backups.glob("files-*.tar.gz")
    assert _mode(archive) == 0o600 and _mode(backups) == 0o700
