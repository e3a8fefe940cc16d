"""A new agency sets itself up in a real browser: imported from the register with its administrator's
e-mail, the administrator (not a superuser) sets a password from the e-mailed link, invites a staff
member who does the same and signs in, then adds a service that shows on the public catalogue, the
agency's home page and in Open311 services.json. Mail goes through a real SMTP server on loopback."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import urllib.request

import pytest
from aiosmtpd.controller import Controller

from tests.web.cases.conftest import Inbox

from .conftest import site_running

REGISTER = "รหัส,ชื่อหน่วยงาน,ประเภท,จังหวัด,อำเภอ,อีเมลผู้ดูแลระบบ\n07990101,องค์การบริหารส่วนตำบลหนองทดลอง,อบต.,จังหวัดทดลอง,อำเภอเมือง,admin@nongtest.example\n"
SERVICE = "ขอรับถังขยะครัวเรือน"
PASSWORD = "onboard-Pass-7315"


@pytest.fixture
def mailbox():
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _link(inbox, to: str) -> str:
    [mail] = [m for m in inbox.messages if m["To"] == to]
    return re.search(r"https?://\S+/", mail.get_body(("plain",)).get_content()).group(0)


def _set_password_and_sign_in(page, link: str, url: str, username: str) -> None:
    page.goto(link)
    page.get_by_label("รหัสผ่านใหม่", exact=True).fill(PASSWORD)
    page.get_by_label("ยืนยันรหัสผ่านใหม่").fill(PASSWORD)
    page.get_by_role("button", name="ตั้งรหัสผ่าน").click()
    page.wait_for_url("**/accounts/login/**")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").last.click()
    page.wait_for_load_state()


@pytest.mark.e2e
def test_imported_agency_sets_up_staff_and_a_service(tmp_path, mailbox, browser_page):
    inbox, port = mailbox
    mail_env = {
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "DEFAULT_FROM_EMAIL": "noreply@prongsai.example",
    }
    with site_running(tmp_path, mail_env) as site:
        url, page = site["url"], browser_page
        register = tmp_path / "register.csv"
        register.write_text(REGISTER, encoding="utf-8")
        out = subprocess.run(
            [*site["cli"], "agencies", "import", str(register)],
            env=site["env"],
            capture_output=True,
            text=True,
        )
        assert out.returncode == 0, out.stdout + out.stderr
        assert "ส่งคำเชิญผู้ดูแลระบบแล้ว 1 ราย" in out.stdout

        # The administrator's own invitation, then the staff page (not Django admin).
        _set_password_and_sign_in(page, _link(inbox, "admin@nongtest.example"), url, "admin@nongtest.example")
        page.goto(url + "/")
        agency_link = page.get_by_role("link", name="องค์การบริหารส่วนตำบลหนองทดลอง").first
        agency_path = agency_link.get_attribute("href")
        agency_id = int(re.search(r"/(\d+)/", agency_path).group(1))
        page.goto(f"{url}/a/{agency_id}/staff/")
        assert "/admin/" not in page.url
        page.get_by_label("อีเมล (ใช้เป็นชื่อผู้ใช้)").fill("somsri@nongtest.example")
        page.get_by_label("ชื่อ-นามสกุล").fill("สมศรี ทดลองงาน")
        page.get_by_label("บทบาท").select_option("ita_coordinator")
        page.locator("#invite").click()
        page.wait_for_load_state()
        assert "somsri@nongtest.example" in page.locator("main").inner_text()

        # The service, published.
        page.goto(f"{url}/a/{agency_id}/services/new/")
        page.get_by_label("รหัสบริการ (ภาษาอังกฤษ)").fill("bin-request")
        page.get_by_label("ชื่อบริการ", exact=True).fill(SERVICE)
        page.get_by_label("ขั้นตอนการให้บริการ").fill("ยื่นคำขอ\nเจ้าหน้าที่ตรวจสอบ\nรับถังขยะ")
        page.get_by_label("เผยแพร่ให้ประชาชนเห็นทันที").check()
        page.locator("#save").click()
        page.wait_for_url(f"**/a/{agency_id}/services/")
        assert f"บันทึกบริการ {SERVICE} แล้ว" in page.locator("main").inner_text(), page.locator(
            "main"
        ).inner_text()

        # The staff member's link, from another browser context (signed out).
        staff = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        _set_password_and_sign_in(
            staff, _link(inbox, "somsri@nongtest.example"), url, "somsri@nongtest.example"
        )
        staff.goto(f"{url}/a/{agency_id}/")
        assert "องค์การบริหารส่วนตำบลหนองทดลอง" in staff.locator("h1").inner_text()

        # The public side: catalogue, home page, Open311.
        anon = page.context.browser.new_context().new_page()
        anon.goto(f"{url}/p/{agency_id}/services/")
        assert SERVICE in anon.locator("main").inner_text()
        anon.goto(f"{url}/p/{agency_id}/")
        assert SERVICE in anon.locator("main").inner_text()
        with urllib.request.urlopen(f"{url}/open311/v2/services.json?jurisdiction_id=07990101") as r:
            services = json.load(r)
        assert SERVICE in [s["service_name"] for s in services]
