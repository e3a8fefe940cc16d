"""Buddhist-era dates on a phone-sized screen: the calendar button opens a month grid that writes
วว/ดด/ปปปป (พ.ศ.) into the box, typed dates still work, and nothing is fetched from another host."""

from __future__ import annotations

import datetime as dt

import pytest

BE = 543


@pytest.mark.e2e
def test_activity_dates_picked_on_a_phone(live_site, browser_page):
    page, url, agency_id = browser_page, live_site["url"], live_site["agency_id"]
    page.set_viewport_size({"width": 390, "height": 844})
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(url) else None)
    page.goto(url + "/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(live_site["username"])
    page.get_by_label("รหัสผ่าน").fill(live_site["password"])
    page.get_by_role("button", name="เข้าสู่ระบบ").last.click()
    page.wait_for_url(f"{url}/a/{agency_id}/")

    page.goto(f"{url}/a/{agency_id}/plans/new/")
    page.get_by_label("ปีงบประมาณ (พ.ศ.)").fill("2569")
    page.get_by_label("ตัวชี้วัดที่เกี่ยวข้อง").fill("8")
    page.get_by_label("ชื่อมาตรการ").fill("มาตรการทดสอบวันที่")
    page.get_by_role("button", name="บันทึก").first.click()
    page.wait_for_url("**/plans/measure/*/")
    page.goto(page.url + "activities/new/")

    page.get_by_label("ชื่อกิจกรรม").fill("กิจกรรมเลือกวัน")
    page.get_by_role("textbox", name="วันเริ่ม (วว/ดด/ปปปป พ.ศ.)").fill("๑/๑๐/๒๕๖๘")  # typed, Thai digits
    calendar = page.get_by_role("button", name="เลือกจากปฏิทิน: วันเริ่ม (วว/ดด/ปปปป พ.ศ.)")
    calendar.click()
    grid = page.get_by_role("group", name="ปฏิทิน วันเริ่ม (วว/ดด/ปปปป พ.ศ.)")
    assert "ตุลาคม 2568" in grid.inner_text()  # opens on the typed date's month, in the Buddhist era
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # fits the phone's width
    page.keyboard.press("Escape")
    assert grid.is_hidden()

    end_calendar = page.get_by_role("button", name="เลือกจากปฏิทิน: วันสิ้นสุด (วว/ดด/ปปปป พ.ศ.)")
    end_calendar.click()
    end_grid = page.get_by_role("group", name="ปฏิทิน วันสิ้นสุด (วว/ดด/ปปปป พ.ศ.)")
    today = dt.date.today()
    assert f"{today.year + BE}" in end_grid.inner_text()
    end_grid.get_by_role("button", name="เดือนถัดไป").click()
    month = dt.date(today.year + (today.month == 12), today.month % 12 + 1, 15)
    end_grid.get_by_role("button", name=" 15 ", exact=False).first.click()
    assert page.get_by_role("textbox", name="วันสิ้นสุด (วว/ดด/ปปปป พ.ศ.)").input_value() == (
        f"15/{month.month:02d}/{month.year + BE}"
    )
    page.get_by_role("button", name="บันทึก").first.click()
    page.wait_for_url("**/plans/measure/*/")
    assert "1 ต.ค. 2568" in page.locator("main").inner_text()
    assert foreign == [] and page.console_errors == []
