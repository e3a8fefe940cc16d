"""Benchmark: Open311 POST and the public tracking page under gunicorn (2 workers) on PostgreSQL.

50 concurrent clients on loopback, bounded in time and count. Each POST carries its own Idempotency-Key;
every tracking number the server acknowledged is kept and, after the runs, looked up in the database:
the script prints how many acknowledged submissions are missing (lost). Targets (issue 6): at least 200
accepted submissions per second and p95 at most 200 ms. A bare Django view served by the same gunicorn is
measured in the same run as the baseline (ceiling).

It uses its own database `prongsai_bench_cases` (created on first use; its cases are deleted at the start),
never the test database. Run: .venv/bin/python benchmarks/requests_load.py [--seconds 10] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlencode

from loadgen import (
    BENCH_SETTINGS,
    BENCH_URLS,
    PG,
    ensure_database,
    run_clients,
    start_gunicorn,
    wait_until_up,
)

DB = "prongsai_bench_cases"
MAX_PER_RUN = 20000  # requests per scenario run, whatever the time
TRACKED = 500  # existing cases the tracking-page clients open


def prepare() -> dict:
    """Migrate, create the bench agency with the demo catalogue and an API key, and cases to track."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from prongsai.web.agencies.models import Agency
    from prongsai.web.agencies.services import agency_create
    from prongsai.web.cases.models import Case
    from prongsai.web.cases.services import case_submit
    from prongsai.web.open311.models import ApiKey
    from prongsai.web.open311.services import apikey_issue
    from prongsai.web.services.services import catalogue_load

    agency = Agency.objects.filter(dla_code="99999901").first() or agency_create(
        name="เทศบาลทดสอบภาระ", type="เทศบาลตำบล", province="จังหวัดทดสอบ", dla_code="99999901"
    )
    Case.objects.filter(agency=agency).delete()
    ApiKey.objects.filter(agency=agency).delete()
    from django.db import connection

    with (
        connection.cursor() as cursor
    ):  # start each run without the last run's dead rows, as autovacuum would
        for model in (Case, ApiKey):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        cursor.execute("VACUUM ANALYZE cases_caseevent")
        cursor.execute("VACUUM ANALYZE open311_apikeyusage")
    services = {s.code: s for s in catalogue_load(agency=agency)}
    _row, key = apikey_issue(agency=agency, name="bench", actor=None)
    tracked = []
    for k in range(TRACKED):
        case, _ = case_submit(
            agency=agency,
            kind="request",
            service=services["road-repair"],
            description=f"ถนนชำรุด {k}",
            address="ถนนทดสอบ",
            attributes={"problem": "pothole"},
        )
        tracked.append(f"/track/{case.tracking_no}/{case.secret}/")
    return {"agency": agency, "key": key, "tracked": tracked}


def load(port: int, make, clients: int, seconds: float, acked: list) -> dict:
    """`make(rng)` = (method, path, body, headers, expect_id); every tracking number acknowledged goes to
    `acked`."""

    def ok(req, data: bytes) -> None:
        if req[4]:
            acked.append(json.loads(data)[0]["service_request_id"])

    return run_clients(port, make, clients, seconds, max_requests=MAX_PER_RUN, on_ok=ok)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()

    ensure_database(DB)
    tmp = Path(tempfile.mkdtemp(prefix="prongsai-bench-cases-"))
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
    (tmp / "bench_urls.py").write_text(BENCH_URLS)
    env = dict(
        os.environ,
        DATABASE_URL=f"{PG}/{DB}",
        DJANGO_SETTINGS_MODULE="bench_settings",
        PRONGSAI_VAR_DIR=str(tmp / "var"),
        SECURE_COOKIES="0",
        SECRET_KEY="bench-only-secret-key",
        PYTHONPATH=f"{tmp}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    )
    for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PRONGSAI_VAR_DIR", "SECURE_COOKIES", "SECRET_KEY"):
        os.environ[k] = env[k]
    sys.path.insert(0, str(tmp))
    ids = prepare()
    agency, key, tracked = ids["agency"], ids["key"], ids["tracked"]

    def post(rng):
        body = urlencode(
            {
                "api_key": key,
                "jurisdiction_id": agency.dla_code,
                "service_code": "road-repair",
                "description": "หลุมบนถนน ทดสอบภาระ",
                "lat": "14.0150",
                "long": "99.5310",
                "attribute[problem]": rng.choice(["pothole", "footpath", "drain"]),
            }
        ).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": uuid.uuid4().hex}
        return "POST", "/open311/v2/requests.json", body, headers, True

    scenarios = {
        "bare Django view (baseline)": lambda rng: ("GET", "/bench/bare/", None, None, False),
        "Open311 POST requests.json": post,
        "public tracking page": lambda rng: ("GET", rng.choice(tracked), None, None, False),
    }
    server, port = start_gunicorn(env)
    acked: list[str] = []
    figures = {name: [] for name in scenarios}
    try:
        wait_until_up(port, "/bench/bare/")
        for make in scenarios.values():  # warm up connections in both workers
            load(port, make, 8, 1.5, acked)
        for _ in range(args.runs):
            for name, make in scenarios.items():
                figures[name].append(load(port, make, args.clients, args.seconds, acked))
    finally:
        server.terminate()
        server.wait(timeout=30)

    from prongsai.web.cases.models import Case

    stored = set()
    for i in range(0, len(acked), 5000):
        stored |= set(
            Case.objects.filter(agency=agency, tracking_no__in=acked[i : i + 5000]).values_list(
                "tracking_no", flat=True
            )
        )
    lost = len(set(acked) - stored)
    print(
        f"\nPostgreSQL ({DB}); gunicorn 2 sync workers; {args.clients} clients on loopback; "
        f"{args.runs} runs × {args.seconds:.0f} s per scenario (at most {MAX_PER_RUN} requests); medians of the runs"
    )
    print(f"{'scenario':32} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'÷ bare':>8} {'errors':>7}")
    bare = statistics.median(r["rps"] for r in figures["bare Django view (baseline)"])
    for name, runs in figures.items():
        p50 = statistics.median(r["p50"] for r in runs)
        p95 = statistics.median(r["p95"] for r in runs)
        rps = statistics.median(r["rps"] for r in runs)
        errors = sum(r["errors"] for r in runs)
        print(f"{name:32} {p50:8.1f} {p95:8.1f} {rps:8.1f} {rps / bare:8.3f} {errors:7d}")
        if errors:
            print(f"   e.g. {next(r['example_error'] for r in runs if r['errors'])}")
    post_runs = figures["Open311 POST requests.json"]
    rps, p95 = statistics.median(r["rps"] for r in post_runs), statistics.median(r["p95"] for r in post_runs)
    print(
        f"\naccepted submissions/s: {rps:.1f} (target ≥ 200: {'met' if rps >= 200 else 'NOT met'}); "
        f"p95 {p95:.1f} ms (target ≤ 200: {'met' if p95 <= 200 else 'NOT met'})"
    )
    print(f"acknowledged submissions: {len(acked)}; found in the database: {len(stored)}; lost: {lost}")


if __name__ == "__main__":
    main()
