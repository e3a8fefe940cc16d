"""OIT in a real browser: the coordinator opens the agency's OIT readiness from the dashboard, gives the
structure item a link and an explanation, and a visitor sees them on the public ITA page."""

from __future__ import annotations

import re

import pytest


@pytest.mark.e2e
def test_officer_link_appears_on_the_public_ita_page(live_site, browser_page):
    page, url, agency_id = browser_page, live_site["url"], live_site["agency_id"]
    page.goto(url + "/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(live_site["username"])
    page.get_by_label("รหัสผ่าน").fill(live_site["password"])
    page.get_by_role("button", name="เข้าสู่ระบบ").last.click()
    page.goto(f"{url}/a/{agency_id}/")
    page.get_by_role("link", name="ความพร้อม OIT").click()
    page.wait_for_url(re.compile(rf"/a/{agency_id}/oit/\d{{4}}/$"))
    year = int(page.url.rstrip("/").rsplit("/", 1)[1])
    page.goto(f"{url}/a/{agency_id}/oit/2569/")
    row = page.locator("#item-O1")
    row.get_by_label("ลิงก์ที่หน่วยงานเผยแพร่ (http/https)").fill("javascript:alert(1)")
    row.get_by_role("button", name="บันทึก").click()
    assert "http:// หรือ https://" in page.locator("#item-O1 [role=alert]").inner_text()
    row = page.locator("#item-O1")
    row.get_by_label("ลิงก์ที่หน่วยงานเผยแพร่ (http/https)").fill("https://example.go.th/structure.pdf")
    row.get_by_label("คำอธิบายสำหรับ ITAS").fill("แผนผังโครงสร้างและอำนาจหน้าที่ ปี ๒๕๖๙")
    row.get_by_role("button", name="บันทึก").click()
    assert page.locator("#item-O1 .oit-status").inner_text() == "มี"

    visitor = page.context.browser.new_context().new_page()
    visitor.goto(f"{url}/p/{agency_id}/ita/2569/")
    public_row = visitor.locator("#item-O1")
    assert public_row.get_by_role("link").get_attribute("href") == "https://example.go.th/structure.pdf"
    assert "แผนผังโครงสร้างและอำนาจหน้าที่" in public_row.inner_text()
    assert visitor.locator("#item-O2 .oit-status").inner_text() == "ไม่มี"
    assert year >= 2569
    # the only console error is the refused link's 400 answer
    assert all("400" in e for e in page.console_errors), page.console_errors
