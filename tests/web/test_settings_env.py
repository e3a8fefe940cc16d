"""Settings read from the environment: mail server, sender and the public address used in notices."""

from __future__ import annotations

import json
import os
import subprocess
import sys

NAMES = [
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_TIMEOUT",
    "DEFAULT_FROM_EMAIL",
    "PRONGSAI_PUBLIC_URL",
]

# A fresh interpreter: settings are read once at import, so this process's settings cannot show it.
SCRIPT = (
    "import json, django; from django.conf import settings; django.setup(); "
    f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}))"
)


def _settings(tmp_path, **env) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in NAMES}
    clean.update(
        DJANGO_SETTINGS_MODULE="prongsai.web.settings",
        PRONGSAI_VAR_DIR=str(tmp_path),
        SECRET_KEY="test-secret-key-not-used-for-anything",
        **env,
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=clean, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_mail_and_public_url_come_from_the_environment(tmp_path):
    got = _settings(
        tmp_path,
        EMAIL_HOST="smtp.example.go.th",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="ita@example.go.th",
        EMAIL_HOST_PASSWORD="s3cret",
        EMAIL_USE_TLS="1",
        EMAIL_USE_SSL="0",
        EMAIL_TIMEOUT="5",
        DEFAULT_FROM_EMAIL="ITA <ita@example.go.th>",
        PRONGSAI_PUBLIC_URL="https://ita.example.go.th/",
    )
    assert got == {
        "EMAIL_HOST": "smtp.example.go.th",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "ita@example.go.th",
        "EMAIL_HOST_PASSWORD": "s3cret",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 5,
        "DEFAULT_FROM_EMAIL": "ITA <ita@example.go.th>",
        "PRONGSAI_PUBLIC_URL": "https://ita.example.go.th",  # no trailing slash: paths start with one
    }


def test_mail_defaults(tmp_path):
    got = _settings(tmp_path)
    assert got["EMAIL_HOST"] == "localhost" and got["EMAIL_PORT"] == 25
    assert got["EMAIL_HOST_USER"] == got["EMAIL_HOST_PASSWORD"] == got["PRONGSAI_PUBLIC_URL"] == ""
    assert got["EMAIL_USE_TLS"] is False and got["EMAIL_USE_SSL"] is False
    assert got["DEFAULT_FROM_EMAIL"] == "webmaster@localhost"
    assert got["EMAIL_TIMEOUT"] == 10  # a silent mail server must not hold the worker for long


def test_an_empty_database_url_means_the_embedded_sqlite_file(tmp_path):
    script = (
        "import django; from django.conf import settings; django.setup(); "
        "d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="prongsai.web.settings", PRONGSAI_VAR_DIR=str(tmp_path), DATABASE_URL=""
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    engine, name = done.stdout.split()
    assert engine == "django.db.backends.sqlite3" and name == str(tmp_path / "prongsai.sqlite3")
