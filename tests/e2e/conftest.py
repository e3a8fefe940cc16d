"""A live site for browser tests: the real server and the real background worker on a random port,
on a fresh SQLite file, started the way `prongsai run` starts them."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "e2e-Password-5931"
SETUP = f"""
from django.contrib.auth import get_user_model
from prongsai.web.agencies.services import agency_create, staff_add
a = agency_create(name="เทศบาลตำบลทดลอง", type="เทศบาลตำบล", province="จังหวัดทดลอง", dla_code="09999999")
staff_add(agency=a, username="coordinator", role="ita_coordinator", password="{PASSWORD}")
print(a.pk)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def site_running(tmp_path, extra_env: dict | None = None):
    """Migrate a fresh SQLite file, add the test agency and its coordinator, start the server and the
    worker; `extra_env` reaches both (e.g. the mail settings of a loopback SMTP server)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        PRONGSAI_VAR_DIR=str(tmp_path), SECURE_COOKIES="0", DJANGO_SETTINGS_MODULE="prongsai.web.settings"
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env.update({"PRONGSAI_PUBLIC_URL": url, **(extra_env or {})})  # links in mails point at this site
    cli = [sys.executable, "-m", "prongsai.cli"]
    subprocess.run([*cli, "manage", "migrate", "-v", "0"], env=env, check=True)
    agency_id = int(
        subprocess.run(
            [*cli, "manage", "shell", "-v", "0", "-c", SETUP],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    procs = [
        subprocess.Popen(
            [*cli, "manage", "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [*cli, "worker", "--no-reload", "--interval", "0.2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield {
            "url": url,
            "agency_id": agency_id,
            "username": "coordinator",
            "password": PASSWORD,
            "env": env,
            "cli": cli,
        }
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture
def live_site(tmp_path):
    with site_running(tmp_path) as site:
        yield site


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.console_errors = []
        page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
        yield page
        context.close()
        browser.close()


def site_shell(site: dict, code: str) -> None:
    """Run Python in the live site's Django (same database), e.g. to store a result."""
    subprocess.run([*site["cli"], "manage", "shell", "-v", "0", "-c", code], env=site["env"], check=True)


def sign_in(page, site: dict, username: str | None = None, password: str | None = None) -> None:
    """Sign in on the live site's login page (the test agency's coordinator unless told otherwise)."""
    page.goto(site["url"] + "/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username or site["username"])
    page.get_by_label("รหัสผ่าน").fill(password or site["password"])
    page.get_by_role("button", name="เข้าสู่ระบบ").last.click()
    page.wait_for_load_state()
