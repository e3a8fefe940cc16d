"""The finding as reported: 40 simultaneous wrong passwords against gunicorn with 4 worker processes
check at most the limit's number of passwords (on the SQLite file and on PostgreSQL)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS, WORKERS = 40, 4
SETUP = (
    "import django; django.setup(); from django.core.management import call_command; "
    "call_command('migrate', verbosity=0); from django.contrib.auth import get_user_model; "
    "get_user_model().objects.create_user('coord_w', password='right-Password-9317')"
)


def _database_url(tmp_path) -> str:
    if connection.vendor == "sqlite":  # the test database is in memory: the server gets a file of its own
        return f"sqlite:///{tmp_path / 'prongsai.sqlite3'}"
    db = connection.settings_dict  # PostgreSQL: the test database itself (committed rows, flushed after)
    return f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _login_page(base: str, server: subprocess.Popen) -> tuple[str, str]:
    """The CSRF cookie and form token, once a worker answers."""
    for _ in range(600):
        if server.poll() is not None:
            raise AssertionError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}{reverse('accounts:login')}", timeout=60) as response:
                cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"]).group(1)
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
                return cookie, token.group(1)
        except urllib.error.HTTPError:
            raise
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # not listening, or still starting
            time.sleep(0.1)
    raise AssertionError("gunicorn did not answer")


def _post_wrong(base: str, cookie: str, token: str, start: threading.Barrier, codes: list[int]) -> None:
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "coord_w", "password": "wrong"}
    ).encode()
    request = urllib.request.Request(
        f"{base}{reverse('accounts:login')}", data=body, headers={"Cookie": f"csrftoken={cookie}"}
    )
    start.wait()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:  # a loaded CI machine
            codes.append(response.status)
    except urllib.error.HTTPError as e:
        codes.append(e.code)


@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_passwords_against_four_workers(tmp_path, settings):
    checks = tmp_path / "checks.log"
    checks.touch()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TRUSTED_PROXIES")}
    env.update(
        DATABASE_URL=_database_url(tmp_path),
        DJANGO_SETTINGS_MODULE="tests.web.workers_settings",
        PYTHONPATH=str(ROOT),
        PRONGSAI_VAR_DIR=str(tmp_path),
        SECRET_KEY="test-secret-key-for-the-workers-test",
        SECURE_COOKIES="0",
        BEHIND_HTTPS_PROXY="0",
        PRONGSAI_LOGIN_LIMIT=str(settings.PRONGSAI_LOGIN_LIMIT),
        PRONGSAI_TEST_CHECKS_FILE=str(checks),
    )
    subprocess.run([sys.executable, "-c", SETUP], env=env, cwd=ROOT, check=True, timeout=300)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "prongsai.web.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(WORKERS), "--timeout", "300", "--log-level", "warning"],
        env=env,
        cwd=ROOT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        cookie, token = _login_page(base, server)
        start, codes = threading.Barrier(ATTEMPTS), []
        threads = [
            threading.Thread(target=_post_wrong, args=(base, cookie, token, start, codes))
            for _ in range(ATTEMPTS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=60)
    limit = settings.PRONGSAI_LOGIN_LIMIT
    assert len(checks.read_text().splitlines()) == limit
    assert sorted(codes) == [200] * limit + [429] * (ATTEMPTS - limit)
