"""A staff member answers the agency's own survey on a phone with a one-time code; the code cannot be
used again; the results appear once ten responses are in."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from .conftest import sign_in


def _be(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


@pytest.mark.e2e
def test_phone_answer_with_a_code_then_results(live_site, browser_page):
    page, url, agency_id = browser_page, live_site["url"], live_site["agency_id"]
    sign_in(page, live_site)

    today = dt.date.today()
    page.goto(f"{url}/a/{agency_id}/surveys/")
    page.get_by_label("ชื่อแบบสำรวจ").fill("สำรวจบุคลากรก่อนการประเมิน")
    page.get_by_label("ปีงบประมาณ (พ.ศ.)").fill("2564")
    page.get_by_label("ผู้ตอบ", exact=True).select_option("internal")
    page.get_by_role("textbox", name="เปิดรับคำตอบวันที่").fill(_be(today - dt.timedelta(days=1)))
    page.get_by_role("textbox", name="ปิดรับคำตอบวันที่ (รับถึงสิ้นวัน)").fill(_be(today + dt.timedelta(days=7)))
    page.get_by_role("button", name="เปิดแบบสำรวจ").click()
    page.wait_for_selector("#public-url")
    public = page.locator("#public-url").inner_text()
    survey_id = int(re.search(r"/surveys/(\d+)/", page.url).group(1))
    page.get_by_label("จำนวนรหัส (หนึ่งรหัสต่อบุคลากรหนึ่งคน)").fill("10")
    page.get_by_role("button", name="ออกรหัสและเปิดหน้าสำหรับพิมพ์").click()
    codes = page.locator("#code-list .code").all_inner_texts()
    assert len(codes) == 10

    questions = json.loads(page.request.get(f"{url}/api/surveys/{survey_id}").text())["questions"]
    parts = [p for q in questions for p in q["parts"]]

    with page.context.browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="th-TH"
    ) as phone_context:
        phone = phone_context.new_page()
        phone.goto(public)
        phone.get_by_label("รหัสใช้ครั้งเดียว (จากกระดาษที่หน่วยงานแจก)").fill(codes[0])
        forgotten = next(p for p in parts if not p["blank_allowed"])  # a yes/no that cannot be skipped
        for p in parts:
            if p is not forgotten:
                phone.locator(f"input[name='{p['id']}']").first.check()
        phone.get_by_role("button", name="ส่งคำตอบ").click()
        summary = phone.locator("#error-summary")
        summary.wait_for()
        assert phone.evaluate("document.activeElement.id") == "error-summary"
        link = summary.get_by_role("link").first
        assert link.get_attribute("href") == f"#q-{forgotten['id']}"
        phone.locator(f"input[name='{forgotten['id']}']").first.check()
        phone.get_by_role("button", name="ส่งคำตอบ").click()
        phone.wait_for_selector("#thanks")

        phone.goto(public)  # the same code again
        phone.get_by_label("รหัสใช้ครั้งเดียว (จากกระดาษที่หน่วยงานแจก)").fill(codes[0])
        for p in parts:
            phone.locator(f"input[name='{p['id']}']").first.check()
        phone.get_by_role("button", name="ส่งคำตอบ").click()
        assert "ใช้ได้ครั้งเดียว" in phone.locator("#error-summary").inner_text()

    results = f"{url}/a/{agency_id}/surveys/{survey_id}/results/"
    page.goto(results)
    assert "ยังไม่แสดง" in page.locator("#tool-score").inner_text()
    for code in codes[1:]:  # nine more staff answer through the API
        body = {"answers": {p["id"]: p["codes"][-1] for p in parts}, "code": code}
        assert page.request.post(f"{url}/api/surveys/{survey_id}/responses", data=body).status == 201
    page.goto(results)
    assert re.fullmatch(r"IIT: \d+\.\d\d", page.locator("#tool-score").inner_text().strip())
    assert "มีผู้ตอบ 10 คน" in page.locator("#citation").inner_text()
    assert not page.console_errors
