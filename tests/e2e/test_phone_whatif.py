"""The what-if on a phone-sized screen: the officer types two target scores and sees the total, the level
and its reason that would follow, without leaving the page's width."""

from __future__ import annotations

import pytest

from .conftest import sign_in, site_shell

SETUP = """
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.services import result_save
a = Agency.objects.get(dla_code="09999999")
scores = {1: "95", 2: "96", 3: "94", 4: "97", 5: "95", 6: "80", 7: "82", 8: "78", 9: "100", 10: "98"}
result_save(agency=a, fiscal_year=2568, indicators=scores, actor=None)
"""


@pytest.mark.e2e
def test_two_targets_typed_on_a_phone(live_site, browser_page):
    page, url, agency_id = browser_page, live_site["url"], live_site["agency_id"]
    site_shell(live_site, SETUP)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_site)
    page.goto(f"{url}/a/{agency_id}/")
    page.get_by_role("link", name="ทดลองตั้งเป้าคะแนนเอง").click()
    page.wait_for_url(f"**/a/{agency_id}/results/2568/whatif/")
    page.get_by_role("textbox", name="ตัวชี้วัดที่ 8").fill("๙๐")  # Thai digits, as typed on a Thai keyboard
    page.get_by_role("textbox", name="ตัวชี้วัดที่ 6").fill("95")
    page.get_by_role("button", name="คำนวณ").click()
    page.wait_for_selector("#projected-total")
    # EIT (95 + 82 + 90) / 3 = 89 → 26.7; 28.62 + 26.7 + 39.6 = 94.92, every tool ≥ 85: ผ่านดี.
    assert page.locator("#projected-total").inner_text() == "94.92"
    assert page.locator("#projected-level").inner_text() == "ผ่านดี"
    assert "ยังไม่ถึงระดับผ่านดีเยี่ยม" in page.locator("#projected-reason").inner_text()  # why, in words
    assert page.get_by_role("textbox", name="ตัวชี้วัดที่ 8").input_value() == "๙๐"
    # Nothing wider than the phone: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/whatif-phone.png", full_page=True)
    assert page.console_errors == []
