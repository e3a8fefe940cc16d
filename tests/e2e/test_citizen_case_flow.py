"""Browser: send a complaint from a phone-sized page (pin from the phone's position, a photo), follow it by
the tracking link, answer it as the division officer (with an internal note the sender never sees), rate
it. Set PRONGSAI_SCREENSHOTS=<dir> to keep screenshots of each page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from .conftest import PASSWORD

SETUP = f"""
from prongsai.web.agencies.models import Agency, Division
from prongsai.web.agencies.services import staff_add
from prongsai.web.cases.demo import demo_load
a = Agency.objects.get(dla_code="09999999")
staff_add(agency=a, username="officer", role="division_officer", password="{PASSWORD}",
          division=Division.objects.get(agency=a, name="กองช่าง"))
demo_load(agency=a)
"""


def _photo_width(page) -> int:
    """The first photo's natural width once it has loaded (reading it at once races the download)."""
    page.wait_for_function(
        "() => { const i = document.querySelector('.photo-grid img'); return i && i.complete; }"
    )
    return page.locator(".photo-grid img").first.evaluate("img => img.naturalWidth")


def _shot(page, name: str) -> None:
    folder = os.environ.get("PRONGSAI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.e2e
def test_complaint_from_a_phone_to_rating(live_site, browser_page, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(
        PRONGSAI_VAR_DIR=str(tmp_path), SECURE_COOKIES="0", DJANGO_SETTINGS_MODULE="prongsai.web.settings"
    )
    subprocess.run(
        [sys.executable, "-m", "prongsai.cli", "manage", "shell", "-v", "0", "-c", SETUP], env=env, check=True
    )
    url, agency_id = live_site["url"], live_site["agency_id"]
    browser = browser_page.context.browser
    phone = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": 14.0153, "longitude": 99.5312},
        permissions=["geolocation"],
    ).new_page()
    picture = tmp_path / "lamp.png"
    Image.new("RGB", (64, 48), (230, 180, 20)).save(picture)
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    phone.goto(f"{url}/p/{agency_id}/contact/")
    _shot(phone, "phone-contact")
    phone.get_by_role("link", name="เรื่องร้องเรียน", exact=True).click()
    phone.get_by_label("รายละเอียด").fill("ไฟส่องสว่างหน้าวัดดับมาหนึ่งสัปดาห์ ขอให้ซ่อมด้วย")
    phone.get_by_label("สถานที่ / ที่อยู่ / จุดสังเกต").fill("หน้าวัดเหนือ")
    # The pin: the phone's own position (no map tiles from the internet), filled in by cases.js.
    phone.get_by_role("button", name="ใช้ตำแหน่งปัจจุบัน").click()
    phone.wait_for_function("document.getElementById('id_lat').value !== ''")
    assert phone.locator("#id_lat").input_value() == "14.015300"
    phone.locator("#id_photos").set_input_files(str(picture))
    phone.get_by_label("ข้าพเจ้ารับทราบประกาศความเป็นส่วนตัวข้างต้น").check()
    _shot(phone, "phone-send")
    phone.get_by_role("button", name="ส่งเรื่อง").click()
    phone.wait_for_url("**/track/**?new=1")
    tracking_no = phone.locator("#tracking-no").inner_text().strip()
    assert tracking_no and "รับเรื่องแล้ว" in phone.content()
    assert phone.locator("#tracking-code").inner_text().strip() in phone.url  # the secret of the link
    assert _photo_width(phone) == 64
    _shot(phone, "phone-ack")
    track_url = phone.url.split("?")[0]

    staff = browser_page
    staff.goto(f"{url}/accounts/login/")
    staff.get_by_label("ชื่อผู้ใช้").fill("officer")
    staff.get_by_label("รหัสผ่าน").fill(PASSWORD)
    staff.get_by_role("button", name="เข้าสู่ระบบ").click()
    staff.goto(f"{url}/a/{agency_id}/cases/")
    _shot(staff, "desktop-queue")
    staff.get_by_role("link", name=tracking_no).click()
    assert "14.015300" in staff.locator("dl.facts").inner_text()  # the pin arrived
    assert _photo_width(staff) == 64
    staff.get_by_label("บันทึก", exact=True).fill("ภายใน: ใช้หลอด LED สำรองจากคลัง")
    staff.get_by_role("button", name="บันทึก", exact=True).click()
    staff.get_by_label("คำตอบ (ผู้ส่งเห็น)").fill("ช่างไฟฟ้าเปลี่ยนหลอดไฟหน้าวัดเรียบร้อยแล้ว")
    staff.get_by_role("button", name="ส่งคำตอบ").click()
    staff.get_by_label("สถานะใหม่").select_option("closed")
    staff.get_by_role("button", name="บันทึกสถานะ").click()
    assert staff.locator("#status").inner_text().strip() == "ปิดเรื่อง"
    _shot(staff, "desktop-detail")

    phone.goto(track_url)
    assert "ช่างไฟฟ้าเปลี่ยนหลอดไฟ" in phone.locator("#timeline").inner_text()
    assert "หลอด LED สำรอง" not in phone.content()  # internal notes never reach the sender
    phone.get_by_label("5").check()
    phone.get_by_label("ความเห็นเพิ่มเติม (ไม่บังคับ)").fill("รวดเร็ว ขอบคุณครับ")
    _shot(phone, "phone-rate")
    phone.get_by_role("button", name="ส่งผลประเมิน").click()
    phone.wait_for_url("**?rated=1")
    assert phone.locator("#rating").inner_text().startswith("5/5")
    _shot(phone, "phone-rated")
    for path, name in [
        (f"/p/{agency_id}/services/", "phone-catalogue"),
        (f"/p/{agency_id}/services/water-truck/", "phone-manual"),
        (f"/p/{agency_id}/qa/", "phone-qa"),
        (f"/p/{agency_id}/service-stats/", "phone-stats"),
    ]:
        phone.goto(url + path)
        _shot(phone, name)
    for path, name in [
        (f"/p/{agency_id}/service-stats/", "desktop-stats"),
        (f"/p/{agency_id}/services/building-permit/print/", "desktop-print"),
        (f"/p/{agency_id}/services/water-truck/request/", "desktop-request"),
    ]:
        staff.goto(url + path)
        _shot(staff, name)
    assert not errors and not staff.console_errors  # nothing broken by the CSP
