"""The officer's path in a real browser: sign in, enter a year with one bad value, fix it, see the level,
generate the PDF in the background worker and download it."""

from __future__ import annotations

import subprocess

import pytest

SCORES = {
    1: "99.78",
    2: "100",
    3: "100",
    4: "99.57",
    5: "100",
    6: "99.11",
    7: "99.16",
    8: "96.53",
    9: "100",
    10: "100",
}


@pytest.mark.e2e
def test_enter_results_fix_error_and_download_pdf(live_site, browser_page, tmp_path):
    page, url = browser_page, live_site["url"]
    page.goto(url + "/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(live_site["username"])
    page.get_by_label("รหัสผ่าน").fill(live_site["password"])
    page.get_by_role("button", name="เข้าสู่ระบบ").last.click()
    page.wait_for_url(f"{url}/a/{live_site['agency_id']}/")  # staff land on their own agency

    page.goto(f"{url}/a/{live_site['agency_id']}/results/new/")
    page.get_by_label("ปีงบประมาณ").select_option("2568")
    for number, value in SCORES.items():
        page.locator(f"#id_i{number}").fill("9653" if number == 8 else value)  # one bad value
    page.get_by_role("button", name="ตรวจและบันทึก").click()

    error = page.locator("#id_i8-error")
    assert "0 ถึง 100" in error.inner_text()
    assert page.locator("#id_i8").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_i1").input_value() == "99.78"  # the other entries are kept

    page.locator("#id_i8").fill("96.53")
    page.get_by_role("button", name="ตรวจและบันทึก").click()
    page.wait_for_selector("#total")
    assert page.locator("#total").inner_text() == "99.44"
    assert page.locator("#level").inner_text() == "ผ่านดีเยี่ยม"
    assert "99.44 คะแนน ไม่ต่ำกว่า 95 คะแนน" in page.locator("#level-reason").inner_text()  # in words

    page.get_by_label("DOCX").uncheck()
    page.locator("#generate").click()
    download_button = page.get_by_role("link", name="ดาวน์โหลด PDF")
    download_button.wait_for(timeout=120_000)  # htmx polls the status until the worker is done
    with page.expect_download() as info:
        download_button.click()
    pdf = tmp_path / "out.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "เทศบาลตำบลทดลอง" in text
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
