"""Benchmark: the web platform under load on PostgreSQL (8,000 agencies × 5 fiscal years).

Serves the platform with gunicorn (2 sync workers) on loopback and drives it with 50 concurrent clients
for a fixed time per run: the agency dashboard (a random agency per request, as its own coordinator),
the supervisor's comparison over one province of 150 agencies, the national view of 8,000 agencies (issue
16 item 19), and a bare Django view served by the
same gunicorn (the ceiling). Prints median and p95 latency and requests per second (median of several
runs) and each page's throughput as a fraction of the bare view's.

It uses its own database (`prongsai_bench`, created on first use and reused) so it never touches the
test database. Run: .venv/bin/python benchmarks/web_load.py [--seconds 15] [--runs 3] [--clients 50]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

from loadgen import (
    bench_environment,
    ensure_database,
    run_clients,
    start_gunicorn,
    wait_until_up,
)

DB = "prongsai_bench"
AGENCIES, PROVINCE_SIZE, YEARS = 8000, 150, (2564, 2565, 2566, 2567, 2568)
TYPES = ("เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "เทศบาลเมือง", "เทศบาลนคร")
COORDINATORS = 400  # distinct agencies whose coordinators the dashboard clients sign in as


def populate() -> dict:
    """Migrate and fill the bench database once; return the ids the clients need."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from prongsai.web.agencies.models import Agency, Membership, Role, Supervision
    from prongsai.web.assessments.models import ItaResult
    from prongsai.web.assessments.services import result_score

    if Agency.objects.count() != AGENCIES or ItaResult.objects.count() != AGENCIES * len(YEARS):
        t0 = time.perf_counter()
        ItaResult.objects.all().delete()
        Agency.objects.all().delete()
        get_user_model().objects.filter(username__startswith="bench_").delete()
        rng = random.Random(2568)
        agencies = Agency.objects.bulk_create(
            Agency(
                name=f"หน่วยงานทดสอบ {k:05d}",
                type=TYPES[k % len(TYPES)],
                province=f"จังหวัดทดสอบ {k // PROVINCE_SIZE:02d}",
                dla_code=f"9{k:07d}",
            )
            for k in range(AGENCIES)
        )
        rows = []
        for agency in agencies:
            base = rng.uniform(60, 99)
            for year in YEARS:
                scores = {
                    n: Decimal(str(round(min(100, max(0, rng.gauss(base, 6))), 2))) for n in range(1, 11)
                }
                result = result_score(agency=agency, fiscal_year=year, indicators=scores, tools=None)
                tools = {t.code: result.rounded(t.score) for t in result.tools}
                rows.append(
                    ItaResult(
                        agency=agency,
                        fiscal_year=year,
                        source="import",
                        indicators={str(k): str(v) for k, v in scores.items()},
                        total=result.total,
                        level=result.level.label,
                        level_en=result.level.label_en,
                        level_reason=result.level.reason_th[:400],
                        iit=tools["IIT"],
                        eit=tools["EIT"],
                        oit=tools["OIT"],
                    )
                )
        ItaResult.objects.bulk_create(rows, batch_size=2000)
        from django.db import connection

        with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would give
            cursor.execute("ANALYZE")
        print(f"populated {AGENCIES} agencies × {len(YEARS)} years in {time.perf_counter() - t0:.0f} s")
    User = get_user_model()
    agencies = list(Agency.objects.order_by("pk").values_list("pk", flat=True))
    chosen = random.Random(1).sample(agencies, COORDINATORS)
    sessions = []
    for k, agency_id in enumerate(chosen):
        user, _ = User.objects.get_or_create(username=f"bench_coord_{k}")
        Membership.objects.get_or_create(
            user=user, agency_id=agency_id, defaults={"role": Role.ITA_COORDINATOR}
        )
        sessions.append((agency_id, _session(Client, user)))
    supervisor, _ = User.objects.get_or_create(username="bench_supervisor")
    province = Agency.objects.get(pk=agencies[0]).province
    in_province = Agency.objects.filter(province=province)
    Supervision.objects.filter(user=supervisor).delete()
    Supervision.objects.bulk_create(Supervision(user=supervisor, agency=a) for a in in_province)
    root, _ = User.objects.get_or_create(username="bench_root", defaults={"is_superuser": True})
    return {
        "dashboards": sessions,
        "root": _session(Client, root),
        "all_agencies": agencies,
        "supervisor": _session(Client, supervisor),
        "province": province,
        "province_agencies": in_province.count(),
    }


def _session(Client, user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def load(port: int, requests, clients: int, seconds: float) -> dict:
    """`clients` clients, each opening `requests(rng)` = (path, session) one after another for `seconds`."""

    def make(rng):
        path, session = requests(rng)
        return "GET", path, None, {"Cookie": f"sessionid={session}"} if session else {}

    figures = run_clients(port, make, clients, seconds)
    if figures["errors"]:
        raise RuntimeError(f"{figures['errors']} failed requests, e.g. {figures['example_error']}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()

    ensure_database(DB)
    env = bench_environment(DB, Path(tempfile.mkdtemp(prefix="prongsai-bench-")))
    ids = populate()

    server, port = start_gunicorn(env)
    try:
        wait_until_up(port, "/bench/bare/")
        dashboards, year = ids["dashboards"], YEARS[-1]
        # Cold views: every request an agency-year whose analysis this server has never shown (8,000
        # agencies × 5 years: enough for every run at today's throughput).
        pairs = [(a, y) for a in ids["all_agencies"] for y in YEARS]
        fresh = iter(random.Random(7).sample(pairs, len(pairs)))

        def cold(rng):  # one event loop: no lock needed
            agency, fy = next(fresh)
            return f"/a/{agency}/?year={fy}", ids["root"]

        scenarios = {
            "bare Django view (ceiling)": lambda rng: ("/bench/bare/", None),
            f"agency dashboard (warm: {COORDINATORS} agencies, own staff)": lambda rng: (
                lambda a: (f"/a/{a[0]}/", a[1])
            )(rng.choice(dashboards)),
            "agency dashboard (cold: first view of an agency-year)": cold,
            f"supervisor comparison ({ids['province_agencies']} agencies)": lambda rng: (
                "/compare/?" + urlencode({"year": year, "province": ids["province"], "sort": "total"}),
                ids["supervisor"],
            ),
            f"national view ({AGENCIES} agencies, a province chosen)": lambda rng: (
                "/national/?" + urlencode({"year": year, "province": ids["province"]}),
                ids["supervisor"],
            ),
        }
        for name, requests in scenarios.items():  # warm up every worker's connections and caches
            if "cold" not in name:
                load(port, requests, 8, 4 if "warm" in name else 1.5)
        figures = {name: [] for name in scenarios}
        for _ in range(args.runs):
            for name, requests in scenarios.items():
                figures[name].append(load(port, requests, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(
        f"\n{AGENCIES} agencies × {len(YEARS)} years on PostgreSQL; gunicorn 2 sync workers; "
        f"{args.clients} clients; {args.runs} runs × {args.seconds:.0f} s per page (medians of the runs)"
    )
    print(f"{'page':52} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'÷ bare':>8}")
    bare_rps = statistics.median(r["rps"] for r in figures["bare Django view (ceiling)"])
    for name, runs in figures.items():
        p50 = statistics.median(r["p50"] for r in runs)
        p95 = statistics.median(r["p95"] for r in runs)
        rps = statistics.median(r["rps"] for r in runs)
        print(f"{name:52} {p50:8.1f} {p95:8.1f} {rps:8.1f} {rps / bare_rps:8.3f}")


if __name__ == "__main__":
    main()
