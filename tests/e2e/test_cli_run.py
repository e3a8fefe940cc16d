"""`prongsai run` on a fresh installation: migrates, loads the seed, prints the password once and the URL."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest

from .conftest import _free_port


def _start(tmp_path, port):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECURE_COOKIES")
    }
    env.update(PRONGSAI_VAR_DIR=str(tmp_path), PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "prongsai.cli", "run", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _read_until_url(proc) -> str:
    out = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        out.append(line)
        if "http://" in line:
            return "".join(out)
    raise AssertionError("no URL printed:\n" + "".join(out))


def _processes_using(var_dir) -> list[str]:
    """Command lines of the running processes whose environment names this data directory."""
    marker = f"PRONGSAI_VAR_DIR={var_dir}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                if marker not in f.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                found.append(f.read().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def _stop(proc, var_dir, port=None):
    proc.terminate()
    proc.wait(timeout=30)
    if port is not None:  # the server child went down with it (no orphan left listening)
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0
    deadline = time.monotonic() + 15
    while _processes_using(var_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_using(var_dir) == []  # neither the server nor the worker is left behind


@pytest.mark.e2e
def test_run_first_start_then_second_start(tmp_path):
    port = _free_port()
    proc = _start(tmp_path, port)
    try:
        output = _read_until_url(proc)
        assert "เทศบาลเมืองปากแพรก" in output
        password = re.search(r"password\): (\S+)", output).group(1)
        assert len(password) >= 12
        assert f"http://127.0.0.1:{port}/" in output
        html = ""
        deadline = time.monotonic() + 180  # a hang guard: a loaded machine answers the first page slowly
        while not html and time.monotonic() < deadline:
            try:
                html = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60).read().decode()
            except OSError:
                time.sleep(0.2)
        assert "เทศบาลเมืองปากแพรก" in html and "99.44" in html
        # The printed password signs in, and the seed's FY2568 result is on its agency page.
        base = f"http://127.0.0.1:{port}"
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        form = browser.open(f"{base}/accounts/login/", timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        fields = {"csrfmiddlewaretoken": token, "username": "admin", "password": password, "next": "/mine/"}
        mine = (
            browser.open(f"{base}/accounts/login/", urllib.parse.urlencode(fields).encode(), timeout=10)
            .read()
            .decode()
        )
        agency_id = re.search(r'href="/a/(\d+)/"', mine).group(1)
        page = browser.open(f"{base}/a/{agency_id}/", timeout=30).read().decode()
        assert "99.44" in page and "ผ่านดีเยี่ยม" in page and "การปรับปรุงการทำงาน" in page
    finally:
        _stop(proc, tmp_path, port)
    proc = _start(tmp_path, _free_port())  # the second start neither reloads the seed nor prints a password
    try:
        output = _read_until_url(proc)
        assert "password):" not in output and "โหลดข้อมูลตัวอย่าง" not in output
        assert "prongsai manage changepassword admin" in output
    finally:
        _stop(proc, tmp_path)
