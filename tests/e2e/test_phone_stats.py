"""The service statistics on a phone: one card per row with every figure labelled and in view (no
sideways scroll box), and the year's totals at the top."""

from __future__ import annotations

import pytest


@pytest.mark.e2e
def test_statistics_fit_a_phone(live_site, browser_page):
    page, url, agency_id = browser_page, live_site["url"], live_site["agency_id"]
    page.set_viewport_size({"width": 390, "height": 844})
    for text in ("ถามเรื่องแรก", "ถามเรื่องที่สอง"):
        page.goto(f"{url}/p/{agency_id}/send/question/")
        page.get_by_label("รายละเอียด").fill(text)
        page.locator("#id_pdpa").check()
        page.get_by_role("button", name="ส่งเรื่อง").click()
        page.wait_for_url("**/track/**?new=1")
    page.goto(f"{url}/p/{agency_id}/service-stats/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    totals = page.locator("#stats-totals")
    assert "รวมทุกบริการ" in totals.inner_text()
    for cell in page.locator("#stats td[data-label]").all():
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    satisfaction = page.locator('#stats td[data-label="ความพึงพอใจ (เต็ม 5)"]').first
    label = satisfaction.evaluate("el => getComputedStyle(el, '::before').content")
    assert "ความพึงพอใจ" in label  # the column's name is drawn beside the figure
