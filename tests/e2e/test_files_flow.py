"""Files in a real browser: an upload over the limit shows the Thai refusal page; a Thai file name survives
the download with its name."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..web.samples import pdf_bytes
from .conftest import sign_in


@pytest.mark.e2e
def test_an_oversized_import_shows_the_thai_refusal(live_site, browser_page):
    page, site = browser_page, live_site
    sign_in(page, site)
    page.goto(f"{site['url']}/a/{site['agency_id']}/results/import/")
    big = b"agency,fiscal_year\n" + b"x" * (20 * 1024 * 1024)
    page.locator("input[type=file]").set_input_files(
        {"name": "ผลการประเมิน.csv", "mimeType": "text/csv", "buffer": big}
    )
    page.get_by_role("button", name="ตรวจและนำเข้า").click()
    page.wait_for_load_state()
    assert "ข้อมูลที่ส่งใหญ่เกินไป" in page.locator("h1").inner_text()
    assert "เกินกว่าที่ระบบรับได้ (16 MB)" in page.locator("main").inner_text()


EVIDENCE = """
import datetime as dt
from django.core.files.uploadedfile import SimpleUploadedFile
from prongsai.web.agencies.models import Agency
from prongsai.web.plans.services import ActivityInput, EvidenceInput, activity_create, measure_create, progress_add
a = Agency.objects.get(pk={agency_id})
m = measure_create(agency=a, fiscal_year=2569, title="มาตรการทดลอง", indicators=[8], actor=None)
act = activity_create(measure=m, actor=None, data=ActivityInput(name="กิจกรรมทดลอง"))
u = progress_add(activity=act, actor=None, date=dt.date(2025, 12, 1), status="in_progress", percent=10,
                 evidence=[EvidenceInput("รายงาน", file=SimpleUploadedFile("รายงานการประชุม.pdf", {pdf!r}))])
print(u.evidence.get().pk)
"""


@pytest.mark.e2e
def test_evidence_downloads_with_its_thai_name(live_site, browser_page, tmp_path):
    page, site = browser_page, live_site
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PRONGSAI_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="prongsai.web.settings")
    code = EVIDENCE.format(agency_id=site["agency_id"], pdf=pdf_bytes())
    evidence_id = subprocess.run(
        [sys.executable, "-m", "prongsai.cli", "manage", "shell", "-v", "0", "-c", code],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    sign_in(page, site)
    with page.expect_download() as info:
        page.evaluate(f"window.location = '/plans/evidence/{evidence_id}/'")
    assert info.value.suggested_filename == "รายงานการประชุม.pdf"
