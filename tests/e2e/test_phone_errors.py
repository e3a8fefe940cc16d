"""A refused form on a phone: the page opens on the error summary (focused, in view), each entry
jumps to its field, and a chosen photo is asked for again instead of silently dropped."""

from __future__ import annotations

import pytest
from PIL import Image


@pytest.mark.e2e
def test_missed_pdpa_box_on_a_phone(live_site, browser_page, tmp_path):
    page, url, agency_id = browser_page, live_site["url"], live_site["agency_id"]
    page.set_viewport_size({"width": 390, "height": 844})
    picture = tmp_path / "lamp.png"
    Image.new("RGB", (64, 48), (230, 180, 20)).save(picture)
    page.goto(f"{url}/p/{agency_id}/send/complaint/")
    page.get_by_label("รายละเอียด").fill("ไฟส่องสว่างหน้าวัดดับ")
    page.locator("#id_photos").set_input_files(str(picture))
    page.get_by_role("button", name="ส่งเรื่อง").click()  # the PDPA box is not ticked
    page.wait_for_selector("[data-error-summary]")
    summary = page.locator("[data-error-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    box = summary.bounding_box()
    assert -2 <= box["y"] < 844  # in view (sub-pixel offsets), not 1,500 px below
    text = summary.inner_text()
    assert "PDPA" in text and "เลือกภาพอีกครั้ง" in text
    summary.locator('a[href="#id_pdpa"]').click()
    pdpa = page.locator("#id_pdpa").bounding_box()
    assert -2 <= pdpa["y"] < 844  # scrolled to the box (sub-pixel offsets)
    assert page.locator("#id_description").input_value() == "ไฟส่องสว่างหน้าวัดดับ"  # the text is kept
    assert [
        e for e in page.console_errors if "status of 400" not in e
    ] == []  # the refused POST itself is a 400
