"""Plans in a real browser: draft a measure from the analysis, publish it, post an update with evidence,
see it on the public page, then register for a public project on a phone-sized page."""

from __future__ import annotations

import datetime as dt

import pytest

from ..web.samples import png_bytes
from .conftest import sign_in, site_shell

RESULT = """
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.services import result_save
a = Agency.objects.get(pk={agency_id})
scores = {{1: "99.78", 2: "100", 3: "100", 4: "99.57", 5: "100", 6: "99.11", 7: "99.16", 8: "96.53", 9: "100", 10: "100"}}
result_save(agency=a, fiscal_year=2568, indicators={{k: __import__("decimal").Decimal(v) for k, v in scores.items()}},
            tools=None, extra={{"focus": {{"indicators": [8], "plan_year": 2569}}}})
"""


@pytest.mark.e2e
def test_measure_update_public_page_and_phone_registration(live_site, browser_page, tmp_path):
    page, url, agency_id = browser_page, live_site["url"], live_site["agency_id"]
    site_shell(live_site, RESULT.format(agency_id=agency_id))
    sign_in(page, live_site)
    page.wait_for_url(f"{url}/a/{agency_id}/")  # staff land on their own agency

    # 1. A draft measure from the analysis (the focus indicator 8), then publish it.
    page.goto(f"{url}/a/{agency_id}/plans/")
    page.get_by_role("button", name="สร้างร่างมาตรการ").click()
    page.wait_for_url("**/plans/measure/*/")
    assert "ร่าง" in page.locator("h1").inner_text()
    drafted = page.locator("main").inner_text()
    assert "ตัวชี้วัดที่ 8" in drafted
    assert "1 ต.ค. 2568 – 30 ก.ย. 2569" in drafted  # the activity runs over the plan year, as in the seed
    assert "ตัวชี้วัดความสำเร็จ" in drafted  # with a KPI and target from the engine's draft
    title = page.locator("h1").inner_text().replace("ร่าง", "").strip()
    page.get_by_role("button", name="เผยแพร่ต่อสาธารณะ").click()
    page.wait_for_selector("text=เผยแพร่มาตรการต่อสาธารณะแล้ว")

    # 2. A progress update with an evidence file.
    page.get_by_role("link", name="รายงานความก้าวหน้า").first.click()
    page.get_by_role("textbox", name="ณ วันที่").fill("15/12/2568")
    page.get_by_label("สถานะ").select_option("in_progress")
    page.get_by_label("ร้อยละความก้าวหน้า (0–100)").fill("๔๐")
    page.get_by_label("ผลการดำเนินงาน").fill("ประชาสัมพันธ์ผ่านผู้นำชุมชนครบทุกชุมชนแล้ว")
    page.get_by_label("ชื่อหลักฐาน").fill("ภาพการประชุมผู้นำชุมชน")
    evidence = tmp_path / "meeting.png"
    picture = png_bytes()  # a picture Pillow can decode (a broken one is refused)
    evidence.write_bytes(picture)
    page.get_by_label("ไฟล์หลักฐาน (PDF รูปภาพ เอกสาร)").set_input_files(str(evidence))
    page.get_by_role("button", name="บันทึกความก้าวหน้า").click()
    page.wait_for_selector("text=บันทึกความก้าวหน้าแล้ว")

    # 3. A public project linked to the measure, opened for participation.
    page.goto(f"{url}/a/{agency_id}/projects/new/")
    page.get_by_label("ชื่อโครงการ/กิจกรรม (ทำอะไร)").fill("เวทีรับฟังความคิดเห็นทดลอง")
    page.get_by_label("รายละเอียด").fill("ร่วมเสนอแนวทางปรับปรุงการให้บริการ")
    day = dt.date.today() + dt.timedelta(days=30)  # ahead: a past project closes registration itself
    page.get_by_role("textbox", name="วันที่จัด").fill(f"{day.day:02d}/{day.month:02d}/{day.year + 543}")
    page.get_by_label("สถานที่").fill("ห้องประชุมเทศบาล")
    page.get_by_label("ผู้ที่เข้าร่วมได้").fill("ประชาชนทั่วไป")
    page.get_by_role("button", name="บันทึก").click()
    page.wait_for_url("**/projects/*/")
    project_path = page.url.split(url)[1]
    page.get_by_role("button", name="เปิดรับการมีส่วนร่วม").click()
    public_project = page.get_by_role("link", name="หน้าสาธารณะ").get_attribute("href")
    assert not [e for e in page.console_errors if "Content Security Policy" in e]

    browser = page.context.browser  # new contexts in the same browser: no staff session there
    # 4. The public sees the measure, the update and its evidence, without signing in.
    anon = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    anon.goto(f"{url}/p/{agency_id}/plans/")
    assert title in anon.locator("main").inner_text()
    assert "40.00%" in anon.locator("main").inner_text()
    anon.get_by_role("link", name=title).first.click()
    assert "ประชาสัมพันธ์ผ่านผู้นำชุมชนครบทุกชุมชนแล้ว" in anon.locator("main").inner_text()
    with anon.expect_response("**/plans/evidence/*/") as info:
        anon.get_by_role("link", name="ภาพการประชุมผู้นำชุมชน").click()
    assert info.value.status == 200 and info.value.body() == picture

    # 5. Register for the project on a phone-sized page.
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()
    phone.goto(public_project)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    phone.get_by_label("ชื่อ-นามสกุล").fill("นายทดลอง ลงทะเบียน")
    phone.get_by_label("เบอร์โทรศัพท์").fill("0811112222")
    phone.get_by_role("button", name="ลงทะเบียน").click()
    assert phone.locator("#id_consent-error").is_visible()  # the PDPA notice must be accepted
    phone.get_by_label("ข้าพเจ้าได้อ่านและยอมรับประกาศการคุ้มครองข้อมูลส่วนบุคคลข้างต้น").first.check()
    phone.get_by_role("button", name="ลงทะเบียน").click()
    phone.wait_for_selector("text=ลงทะเบียนเรียบร้อยแล้ว")
    assert "นายทดลอง" not in phone.locator("main").inner_text()  # personal data never public

    page.goto(url + project_path)
    assert "นายทดลอง ลงทะเบียน" in page.locator("main").inner_text()
