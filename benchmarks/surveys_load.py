"""Benchmark: the agency's own surveys at national scale (issue 15).

Prints, each the median of several runs:
1. responses acknowledged per second and p95 latency for 50 clients posting to one survey and to many
   surveys (`POST /api/surveys/{id}/responses`) through gunicorn (2 sync workers) on PostgreSQL, beside a
   bare Django view served by the same gunicorn (the ceiling); and responses lost (acknowledged with 201
   but not in the database afterwards);
2. the scores of a 100,000-response survey: the results selector alone and the whole results page;
3. `score-survey` on a realistic 1,000,000-response export (respondent_id, date, blank answers, CR LF)
   beside the pandas baseline and the parse-only floor (pyarrow's CSV reader) on the same file.

Targets (issue 15): ≥ 400 responses/s, p95 ≤ 150 ms, 0 lost, results ≤ 1 s, score-survey ≤ 0.4 s.
Clients reach the server as if through the site's proxy (X-Forwarded-For from 127.0.0.1, a trusted proxy),
each request from one of many addresses, so the per-address limit applies as it would in production.
It uses its own database `prongsai_bench_surveys` (its surveys are deleted at the start), never the test
database. Run: .venv/bin/python benchmarks/surveys_load.py [--seconds 10] [--runs 3] [--skip-load]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
from loadgen import (
    BENCH_SETTINGS,
    BENCH_URLS,
    PG,
    ensure_database,
    run_clients,
    start_gunicorn,
    wait_until_up,
)

DB = "prongsai_bench_surveys"
DATA = Path(__file__).resolve().parent / "data"
MAX_PER_RUN = 20000
MANY = 200  # surveys in the "many surveys" scenario
BIG = 100_000  # responses of the survey whose results page is timed
EXPORT_ROWS = 1_000_000


def prepare() -> dict:
    """Migrate; the bench agency with one survey, MANY surveys and a BIG-response survey."""
    import datetime as dt
    import random

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    from django.db import connection
    from django.utils import timezone

    from prongsai.web.agencies.models import Agency, Role
    from prongsai.web.agencies.services import agency_create, staff_add
    from prongsai.web.surveys.answers_codec import answers_encode
    from prongsai.web.surveys.definitions import parts_of
    from prongsai.web.surveys.models import IdempotentSubmission, RateCount, Response, Survey
    from prongsai.web.surveys.services import survey_create

    agency = Agency.objects.filter(dla_code="99999902").first() or agency_create(
        name="เทศบาลทดสอบแบบสำรวจ", type="เทศบาลตำบล", province="จังหวัดทดสอบ", dla_code="99999902"
    )
    user = staff_add(agency=agency, username=f"bench-{uuid.uuid4().hex[:8]}", role=Role.ITA_COORDINATOR)
    Survey.objects.filter(agency=agency).delete()
    RateCount.objects.all().delete()
    IdempotentSubmission.objects.all().delete()
    with connection.cursor() as cursor:  # start without the last run's dead rows, as autovacuum would
        for model in (Survey, Response, RateCount, IdempotentSubmission):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    today = timezone.localdate()

    def new(title):
        return survey_create(
            agency=agency,
            actor=user,
            fiscal_year=2569,
            kind="external",
            title=title,
            opens_on=today - dt.timedelta(days=1),
            closes_on=today + dt.timedelta(days=30),
        )

    one = new("หนึ่งแบบสำรวจ")
    many = [new(f"แบบสำรวจที่ {k}") for k in range(MANY)]
    big = new("แบบสำรวจหนึ่งแสนคำตอบ")
    parts = parts_of(big.definition)
    rng = random.Random(15)
    rows = [
        Response(
            survey=big,
            day=today,
            answers=answers_encode(
                {
                    p["id"]: ("" if p["blank_allowed"] and rng.random() < 0.05 else rng.choice(p["codes"]))
                    for p in parts
                },
                parts,
            ),
        )
        for _ in range(BIG)
    ]
    Response.objects.bulk_create(rows, batch_size=5000)
    return {"agency": agency, "user": user, "one": one, "many": many, "big": big, "parts": parts}


def results_timings(big, user, runs: int) -> tuple[float, float]:
    from django.test import Client
    from django.urls import reverse

    from prongsai.web.surveys.selectors import survey_results

    def selector():
        survey_results(survey=big)

    client = Client()
    client.force_login(user)
    url = reverse("surveys:results", args=[big.agency_id, big.pk])

    def page():
        assert client.get(url).status_code == 200

    return _median(selector, runs), _median(page, runs)


def _median(fn, runs: int) -> float:
    fn()  # warm: imports, connections, caches
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def make_export(path: Path) -> None:
    """A realistic export: respondent_id, date, 2 % blank answers, CR LF line ends (FY2564 IIT columns)."""
    if path.exists() and path.stat().st_size:
        return
    import pyarrow as pa
    from pyarrow import csv as pacsv

    from prongsai.ita.framework import get_framework

    survey = get_framework(2564).surveys["IIT"]
    rng = np.random.default_rng(2569)
    names, arrays = ["respondent_id", "date"], [pa.array(np.arange(1, EXPORT_ROWS + 1))]
    days = np.array([f"2026-03-{d:02d}" for d in range(1, 32)])
    arrays.append(pa.array(days[rng.integers(0, 31, EXPORT_ROWS)]))
    for q in survey.questions:
        for part in q.parts:
            codes = np.array(sorted(int(c) for c in survey.scales[part.scale]), dtype=np.int8)
            mask = rng.random(EXPORT_ROWS) < 0.02
            arrays.append(pa.array(rng.choice(codes, size=EXPORT_ROWS), mask=mask))
            names.append(part.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        fh.write((",".join(names) + "\r\n").encode())
        pacsv.write_csv(
            pa.table(arrays, names=names),
            fh,
            pacsv.WriteOptions(include_header=False, eol="\r\n", quoting_style="none"),
        )
    tmp.replace(path)


def export_timings(path: Path, runs: int) -> dict:
    from prongsai.ita.answers import IGNORED_COLUMNS
    from prongsai.ita.framework import get_framework
    from prongsai.ita.survey import score_answers_file

    fw = get_framework(2564)
    survey = fw.surveys["IIT"]

    def prongsai():
        return score_answers_file(path, fw, "IIT")

    def pandas_baseline():
        import pandas as pd

        df = pd.read_csv(path, usecols=lambda c: c.lower() not in IGNORED_COLUMNS)
        by_indicator: dict[int, list[float]] = {}
        for q in survey.questions:
            parts = [
                df[p.id].map({int(c): v for c, v in survey.scales[p.scale].items()}).mean() for p in q.parts
            ]
            by_indicator.setdefault(q.indicator, []).append(sum(parts) / len(parts))
        return {k: sum(v) / len(v) for k, v in by_indicator.items()}

    def parse_floor():
        from pyarrow import csv as pacsv

        return pacsv.read_csv(path, read_options=pacsv.ReadOptions(use_threads=True)).num_rows

    ours = prongsai()
    base = pandas_baseline()
    for k, v in base.items():  # the same answers from both
        assert abs(float(ours.indicators[k]) - v) < 1e-6, (k, ours.indicators[k], v)
    return {
        "prongsai": _median(prongsai, runs),
        "pandas": _median(pandas_baseline, runs),
        "floor": _median(parse_floor, runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--skip-load", action="store_true", help="only the results page and the export")
    args = parser.parse_args()

    ensure_database(DB)
    tmp = Path(tempfile.mkdtemp(prefix="prongsai-bench-surveys-"))
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
    (tmp / "bench_urls.py").write_text(BENCH_URLS)
    env = dict(
        os.environ,
        DATABASE_URL=f"{PG}/{DB}",
        DJANGO_SETTINGS_MODULE="bench_settings",
        PRONGSAI_VAR_DIR=str(tmp / "var"),
        SECURE_COOKIES="0",
        SECRET_KEY="bench-only-secret-key",
        TRUSTED_PROXIES="127.0.0.1",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        PYTHONPATH=f"{tmp}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    )
    for k in (
        "DATABASE_URL",
        "DJANGO_SETTINGS_MODULE",
        "PRONGSAI_VAR_DIR",
        "SECURE_COOKIES",
        "SECRET_KEY",
        "TRUSTED_PROXIES",
        "ALLOWED_HOSTS",
    ):
        os.environ[k] = env[k]
    sys.path.insert(0, str(tmp))
    ids = prepare()
    parts = ids["parts"]

    def body(rng) -> bytes:
        answers = {
            p["id"]: ("" if p["blank_allowed"] and rng.random() < 0.05 else rng.choice(p["codes"]))
            for p in parts
        }
        return json.dumps({"answers": answers}).encode()

    def post_to(survey_ids):
        def make(rng):
            headers = {
                "Content-Type": "application/json",
                "Idempotency-Key": uuid.uuid4().hex,
                "X-Forwarded-For": f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
            }
            return "POST", f"/api/surveys/{rng.choice(survey_ids)}/responses", body(rng), headers

        return make

    from prongsai.web.surveys.models import Response

    survey_ids = {"one": [ids["one"].pk], "many": [s.pk for s in ids["many"]]}
    scenarios = {
        "bare Django view (baseline)": (lambda rng: ("GET", "/bench/bare/", None, None), (200,), None),
        "POST responses, one survey": (post_to(survey_ids["one"]), (201,), survey_ids["one"]),
        f"POST responses, {MANY} surveys": (post_to(survey_ids["many"]), (201,), survey_ids["many"]),
    }
    figures = {name: [] for name in scenarios}
    acked = stored = 0
    if not args.skip_load:
        server, port = start_gunicorn(env)
        try:
            wait_until_up(port, "/bench/bare/")
            for make, ok, _ in scenarios.values():  # warm up connections in both workers
                run_clients(port, make, 8, 1.5, ok=ok)
            before = Response.objects.filter(survey_id__in=survey_ids["one"] + survey_ids["many"]).count()
            for _ in range(args.runs):
                for name, (make, ok, posts) in scenarios.items():
                    figure = run_clients(
                        port, make, args.clients, args.seconds, max_requests=MAX_PER_RUN, ok=ok
                    )
                    figures[name].append(figure)
                    if posts:
                        acked += figure["n"]
        finally:
            server.terminate()
            server.wait(timeout=30)
        stored = (
            Response.objects.filter(survey_id__in=survey_ids["one"] + survey_ids["many"]).count() - before
        )

    selector, page = results_timings(ids["big"], ids["user"], max(args.runs, 5))
    export = DATA / f"survey-export-{EXPORT_ROWS}.csv"
    make_export(export)
    scored = export_timings(export, max(args.runs, 5))

    if figures["bare Django view (baseline)"]:
        print(
            f"\nPostgreSQL ({DB}); gunicorn 2 sync workers; {args.clients} clients on loopback; "
            f"{args.runs} runs × {args.seconds:.0f} s per scenario (at most {MAX_PER_RUN} requests); medians"
        )
        print(f"{'scenario':34} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'÷ bare':>8} {'errors':>7}")
        bare = statistics.median(r["rps"] for r in figures["bare Django view (baseline)"])
        for name, runs in figures.items():
            p50 = statistics.median(r["p50"] for r in runs)
            p95 = statistics.median(r["p95"] for r in runs)
            rps = statistics.median(r["rps"] for r in runs)
            errors = sum(r["errors"] for r in runs)
            print(f"{name:34} {p50:8.1f} {p95:8.1f} {rps:8.1f} {rps / bare:8.3f} {errors:7d}")
            if errors:
                print(f"   e.g. {next(r['example_error'] for r in runs if r['errors'])}")
        for name in list(scenarios)[1:]:
            runs = figures[name]
            rps, p95 = statistics.median(r["rps"] for r in runs), statistics.median(r["p95"] for r in runs)
            print(
                f"{name}: {rps:.1f} responses acknowledged/s (target ≥ 400: {'met' if rps >= 400 else 'NOT met'}); "
                f"p95 {p95:.1f} ms (target ≤ 150: {'met' if p95 <= 150 else 'NOT met'})"
            )
        print(
            f"responses acknowledged (201): {acked}; new rows in the database: {stored}; lost: {max(acked - stored, 0)}"
        )
    print(f"\nscores of a {BIG:,}-response survey (median of {max(args.runs, 5)}):")
    print(f"  results selector (engine's scorer on the stored answers): {selector:.3f} s")
    print(
        f"  whole results page (signed in, HTML):                    {page:.3f} s   (target ≤ 1 s: "
        f"{'met' if page <= 1 else 'NOT met'})"
    )
    size = export.stat().st_size / 1e6
    print(
        f"\nscore-survey on a realistic {EXPORT_ROWS:,}-response export ({size:.0f} MB: respondent_id, date, "
        f"2 % blanks, CR LF), median of {max(args.runs, 5)}:"
    )
    print(
        f"  prongsai (score_answers_file):           {scored['prongsai']:.3f} s   (target ≤ 0.4 s: "
        f"{'met' if scored['prongsai'] <= 0.4 else 'NOT met'})"
    )
    print(f"  pandas baseline (read_csv + map + mean): {scored['pandas']:.3f} s")
    print(f"  parse-only floor (pyarrow read_csv):     {scored['floor']:.3f} s")


if __name__ == "__main__":
    main()
