"""Profile: where a page's time goes under load, on the same data and server as benchmarks/web_load.py.

For each page asked for it prints (1) CPU milliseconds per request spent by the gunicorn workers, the
PostgreSQL server processes and the load generator, read from /proc around a loaded run (2 workers, 50
clients), and (2) with --functions, the heaviest functions inside one worker (cProfile in a single
gunicorn worker, after every page it will be asked for has been shown once, so "warm" is warm).
Figures with the profiler on are inflated by it (most for template code); compare them with each other.

Run: .venv/bin/python benchmarks/web_profile.py [--pages bare warm cold compare national] [--functions 25]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pstats
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import web_load
from loadgen import bench_environment, free_port, request, start_gunicorn, wait_until_up

# The profiled worker's application: the platform, each request under cProfile once `PROFILE_AFTER`
# requests have passed (the warm-up), the statistics written when the worker exits.
PROFILED_APP = """
import atexit, cProfile, os
from prongsai.web.wsgi import application as platform

profile, seen, after = cProfile.Profile(), [0], int(os.environ["PROFILE_AFTER"])


def application(environ, start_response):
    seen[0] += 1
    if seen[0] <= after:
        return list(platform(environ, start_response))
    profile.enable()
    try:
        return list(platform(environ, start_response))
    finally:
        profile.disable()


atexit.register(lambda: profile.dump_stats(os.environ["PROFILE_OUT"]))
"""


def _environment(tmp: Path) -> dict:
    (tmp / "profiled_app.py").write_text(PROFILED_APP)
    return bench_environment(web_load.DB, tmp)


def _pages(ids: dict) -> dict:
    year, pairs = web_load.YEARS[-1], [(a, y) for a in ids["all_agencies"] for y in web_load.YEARS]
    fresh = iter(__import__("random").Random(11).sample(pairs, len(pairs)))
    return {
        "bare": lambda rng: ("/bench/bare/", None),
        "warm": lambda rng: (lambda a: (f"/a/{a[0]}/", a[1]))(rng.choice(ids["dashboards"])),
        "cold": lambda rng: (lambda a: (f"/a/{a[0]}/?year={a[1]}", ids["root"]))(next(fresh)),
        "compare": lambda rng: (
            "/compare/?" + urlencode({"year": year, "province": ids["province"], "sort": "total"}),
            ids["supervisor"],
        ),
        "national": lambda rng: (
            "/national/?" + urlencode({"year": year, "province": ids["province"]}),
            ids["supervisor"],
        ),
    }


def _cpu_ticks() -> dict[str, int]:
    """CPU clock ticks so far of this machine's processes, by group."""
    out: dict[str, int] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        group = (
            "gunicorn"
            if "gunicorn" in command
            else "postgres"
            if "postgres" in command
            else "load generator"
            if int(pid) == os.getpid()
            else "other"
        )
        out[group] = out.get(group, 0) + int(fields[11]) + int(fields[12])
    return out


def cpu_per_request(env: dict, pages: dict, names: list[str], seconds: float) -> None:
    server, port = start_gunicorn(env)
    try:
        wait_until_up(port, "/bench/bare/")
        tick = os.sysconf("SC_CLK_TCK")
        print(f"\nCPU ms per request (gunicorn 2 workers, 50 clients, {seconds:.0f} s a page)")
        print(f"{'page':10} {'req/s':>8} {'workers':>9} {'postgres':>9} {'loadgen':>9} {'other':>7}")
        for name in names:
            web_load.load(port, pages[name], 8, 2)
            before = _cpu_ticks()
            figures = web_load.load(port, pages[name], 50, seconds)
            after = _cpu_ticks()
            n = figures["rps"] * seconds
            ms = {g: (after.get(g, 0) - before.get(g, 0)) / tick / n * 1000 for g in after}
            print(
                f"{name:10} {figures['rps']:8.0f} {ms.get('gunicorn', 0):9.2f} {ms.get('postgres', 0):9.2f} "
                f"{ms.get('load generator', 0):9.2f} {ms.get('other', 0):7.2f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


def functions(env: dict, ids: dict, pages: dict, name: str, seconds: float, top: int) -> None:
    out = Path(env["PRONGSAI_VAR_DIR"]).parent / f"{name}.pstats"
    warm_up = list(ids["dashboards"]) if name == "warm" else []
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "profiled_app:application", "--workers", "1"]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=dict(env, PROFILE_AFTER=str(len(warm_up) + 1), PROFILE_OUT=str(out)),
    )
    try:
        wait_until_up(port, "/bench/bare/")
        for agency, session in warm_up:  # every warm page shown once before the profile starts
            asyncio.run(request(port, "GET", f"/a/{agency}/", None, {"Cookie": f"sessionid={session}"}))
        figures = web_load.load(port, pages[name], 10, seconds)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    stats = pstats.Stats(str(out))
    print(f"\n{name}: {figures['n']} requests profiled in one worker; top {top} by own time, then by total")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats("prongsai|render|session|auth|psycopg/cursor", top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=["bare", "warm", "cold", "compare", "national"])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--functions", type=int, default=0, help="also profile each page's worker (top N)")
    args = parser.parse_args()
    web_load.ensure_database(web_load.DB)
    env = _environment(Path(tempfile.mkdtemp(prefix="prongsai-profile-")))
    ids = web_load.populate()
    pages = _pages(ids)
    cpu_per_request(env, pages, args.pages, args.seconds)
    for name in args.pages if args.functions else ():
        if name != "bare":
            functions(env, ids, pages, name, args.seconds, args.functions)


if __name__ == "__main__":
    main()
