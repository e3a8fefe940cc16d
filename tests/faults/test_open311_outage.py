"""Fault test: the database server dies under Open311 load and comes back.

A private PostgreSQL cluster (tests/faults/pgcluster.py) serves the app under gunicorn; a few client threads
POST requests (JSON and XML, each with its own Idempotency-Key); the cluster is stopped with
`pg_ctl stop -m immediate` while they go on, then started again. Checked: every POST acknowledged with a
service_request_id is in the database (acknowledged = stored); every answer is a 200 or a 503, and each 503
is a GeoReport error in the format asked for with Retry-After, never a 500 or an HTML page (while a person
opening the front page gets the HTML outage page, 503 with Retry-After); the app
recovers by itself; resending an outage-answered POST with its Idempotency-Key stores it once.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest

from .pgcluster import Cluster, free_port, server_bin

pytestmark = pytest.mark.fault

CLIENTS = 4
ENOUGH = 20  # answers wanted in each phase before moving on
PHASE_LIMIT = 40  # seconds to wait for them before giving up (a hang guard, nothing is timed)
RETRY_AFTER = "7"
RESENT = 20  # outage-answered POSTs of each format resent afterwards with their Idempotency-Key

SETUP = """
import json, django
from django.core.management import call_command
django.setup()
call_command("migrate", interactive=False, verbosity=0)
from prongsai.web.agencies.services import agency_create
from prongsai.web.open311.services import apikey_issue
from prongsai.web.services.services import catalogue_load
agency = agency_create(name="เทศบาลทดสอบความทนทาน", type="เทศบาลตำบล", province="จังหวัดทดสอบ", dla_code="99999902")
catalogue_load(agency=agency)
print(json.dumps({"key": apikey_issue(agency=agency, name="fault", actor=None)[1], "dla": agency.dla_code}))
"""


@dataclass
class Answer:
    phase: str  # when the request was sent: up, down, restarting, back, retry
    fmt: str
    idempotency_key: str
    status: int
    content_type: str
    retry_after: str | None
    body: bytes


def post(port: int, fmt: str, body: dict, idempotency_key: str, phase: str) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": idempotency_key}
        conn.request("POST", f"/open311/v2/requests.{fmt}", urlencode(body), headers)
        r = conn.getresponse()
        return Answer(
            phase,
            fmt,
            idempotency_key,
            r.status,
            r.getheader("Content-Type", ""),
            r.getheader("Retry-After"),
            r.read(),
        )
    finally:
        conn.close()


def service_request_id(answer: Answer) -> str:
    if answer.fmt == "json":
        return json.loads(answer.body)[0]["service_request_id"]
    return ET.fromstring(answer.body).find("request/service_request_id").text


def georeport_503(answer: Answer) -> bool:
    """A GeoReport error list with code 503 in the format asked for, with Retry-After."""
    if answer.status != 503 or answer.retry_after != RETRY_AFTER:
        return False
    if answer.fmt == "json":
        if not answer.content_type.startswith("application/json"):
            return False
        errors = json.loads(answer.body)
        return errors[0]["code"] == 503 and "ฐานข้อมูล" in errors[0]["description"]
    if not answer.content_type.startswith("text/xml"):
        return False
    root = ET.fromstring(answer.body)
    return (
        root.tag == "errors"
        and root.find("error/code").text == "503"
        and bool(root.find("error/description").text)
    )


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + PHASE_LIMIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def test_acknowledged_requests_survive_a_database_crash_and_the_outage_answers_503(tmp_path):
    bin_dir = server_bin()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) are not installed: apt-get install postgresql"
        )
    cluster = Cluster(bin_dir)
    server = None
    try:
        cluster.init()
        cluster.start()
        import psycopg

        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute("create database prongsai")
        env = dict(
            os.environ,
            DATABASE_URL=cluster.url("prongsai"),
            DJANGO_SETTINGS_MODULE="prongsai.web.settings",
            PRONGSAI_VAR_DIR=str(tmp_path / "var"),
            SECRET_KEY="fault-test-only-secret-key",
            SECURE_COOKIES="0",
            PRONGSAI_RETRY_AFTER=RETRY_AFTER,
        )
        setup = subprocess.run(
            [sys.executable, "-c", SETUP], env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert setup.returncode == 0, setup.stderr
        ids = json.loads(setup.stdout.strip().splitlines()[-1])
        port = free_port()
        with open(tmp_path / "gunicorn.log", "w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "prongsai.web.wsgi:application", "--workers", "2"]
                + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
                env=env,
                stdout=log,
                stderr=log,
            )
        body = {
            "api_key": ids["key"],
            "jurisdiction_id": ids["dla"],
            "service_code": "road-repair",
            "description": "หลุมบนถนน ทดสอบความทนทาน",
            "lat": "14.0150",
            "long": "99.5310",
            "attribute[problem]": "pothole",
        }
        wait_for(lambda: _up(port), "gunicorn to answer")

        phase = ["up"]
        answers: list[Answer] = []
        stop = threading.Event()

        def client(k: int) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                sent_in = phase[0]
                fmt = "xml" if (n + k) % 3 == 0 else "json"
                try:
                    answer = post(port, fmt, body, uuid.uuid4().hex, sent_in)
                except OSError as exc:  # no answer at all: counted as status 0, which fails the test
                    answer = Answer(sent_in, fmt, "", 0, "", None, str(exc).encode())
                answers.append(answer)
                if answer.status != 200:
                    time.sleep(0.05)  # a short pause, not the full Retry-After: the test wants many answers

        def count(sent_in: str, status: int | None = None) -> int:
            return sum(1 for a in list(answers) if a.phase == sent_in and status in (None, a.status))

        threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        try:
            wait_for(lambda: count("up", 200) >= ENOUGH, "acknowledged POSTs before the crash")
            cluster.stop("immediate")  # the server processes are killed: no shutdown, no checkpoint
            phase[0] = "down"  # requests sent from here on meet no database at all
            wait_for(lambda: count("down") >= ENOUGH, "answers during the outage")
            front_page = _get(port, "/")  # people meet the outage page, not a 500
            phase[0] = "restarting"
            cluster.start()
            phase[0] = "back"
            wait_for(lambda: count("back", 200) >= ENOUGH, "acknowledged POSTs after the restart")
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=60)

        # Every outage-answered POST resent with its Idempotency-Key, as the 503 invites.
        refused = [a for a in answers if a.status == 503]
        sample = [a for a in refused if a.fmt == "json"][:RESENT] + [a for a in refused if a.fmt == "xml"][
            :RESENT
        ]
        retried = [post(port, a.fmt, body, a.idempotency_key, "retry") for a in sample]
        answers += retried

        acknowledged = {a.idempotency_key: service_request_id(a) for a in answers if a.status == 200}
        with psycopg.connect(cluster.url("prongsai")) as conn:
            stored = dict(
                conn.execute(
                    "select tracking_no, idempotency_key from cases_case where tracking_no = any(%s)",
                    (list(acknowledged.values()),),
                ).fetchall()
            )
            duplicates = conn.execute(
                "select idempotency_key from cases_case where idempotency_key <> ''"
                " group by idempotency_key having count(*) > 1"
            ).fetchall()
        by_status: dict[int, int] = {}
        for a in answers:
            by_status[a.status] = by_status.get(a.status, 0) + 1
        print(
            f"\nOpen311 under a database crash: {len(answers)} answers {dict(sorted(by_status.items()))}; "
            f"sent while up {count('up')}, down {count('down')}, restarting {count('restarting')}, "
            f"back {count('back')}; 503s resent with their Idempotency-Key {len(retried)}; acknowledged {len(acknowledged)}, "
            f"stored {len(stored)}, lost {len(set(acknowledged.values()) - set(stored))}"
        )

        assert front_page[0] == 503 and front_page[1].startswith("text/html"), front_page[:2]
        assert front_page[2] == RETRY_AFTER and "ฐานข้อมูลขัดข้องชั่วคราว" in front_page[3]
        assert set(by_status) <= {200, 503}, by_status  # never a 500, never an HTML error page
        assert count("down", 503) == count("down") >= ENOUGH  # no database, so every one refused
        not_georeport = [a for a in answers if a.status == 503 and not georeport_503(a)]
        assert not_georeport == [], not_georeport[:3]
        assert {a.fmt for a in answers if a.status == 503} == {"json", "xml"}
        assert set(acknowledged.values()) <= set(stored), "acknowledged but not stored"
        assert all(stored[no] == key for key, no in acknowledged.items())
        assert [a.status for a in retried] == [200] * len(retried)
        assert duplicates == []
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cluster.remove()


def _get(port: int, path: str) -> tuple[int, str, str | None, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.getheader("Content-Type", ""), r.getheader("Retry-After"), r.read().decode()
    finally:
        conn.close()


def _up(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/open311/v2/discovery.json")
        return conn.getresponse().status == 200
    except OSError:
        return False
