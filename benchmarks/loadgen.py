"""The load generator the web benchmarks share: closed-loop clients on loopback, one connection per request.

The clients are coroutines in one event loop. Threads would queue for the interpreter lock between
reading an answer and timing it, and the measured latencies would include that wait (seen: p95 203 ms
with 50 threads against 166-188 ms with 50 coroutines, for the same server).
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def request(port: int, method: str, path: str, body: bytes | None = None, headers=None):
    """(status, body) of one request on its own connection (gunicorn's sync workers close it after)."""
    body = body or b""
    head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body or method == "POST":
        head.append(f"Content-Length: {len(body)}")
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        raw = await reader.read(-1)  # until the server closes the connection
    finally:
        writer.close()
    header, _, data = raw.partition(b"\r\n\r\n")
    return int(header.split(b" ", 2)[1]), data


def run_clients(
    port: int, make, clients: int, seconds: float, max_requests: int | None = None, on_ok=None, ok=(200,)
):
    """`clients` clients, each sending `make(rng)` = (method, path, body, headers, ...) one after another for
    `seconds` (at most `max_requests` in all); `on_ok(request, body)` sees every answer whose status is in
    `ok` (200 unless told). Returns requests per second, p50 and p95 latency in ms of those answers, and
    the errors."""
    latencies: list[float] = []
    errors: list[str] = []
    budget = [max_requests if max_requests is not None else float("inf")]

    async def client(k: int, stop: float) -> None:
        rng = random.Random(k)
        while time.perf_counter() < stop and budget[0] > 0:
            budget[0] -= 1
            req = make(rng)
            start = time.perf_counter()
            try:
                status, data = await request(port, *req[:4])
            except OSError as exc:
                errors.append(f"{req[1]}: {exc}")
                continue
            taken = time.perf_counter() - start
            if status not in ok:
                errors.append(f"{req[1]}: HTTP {status} {data[:120]!r}")
                continue
            latencies.append(taken)
            if on_ok is not None:
                on_ok(req, data)

    async def run() -> float:
        t0 = time.perf_counter()
        await asyncio.gather(*(client(k, t0 + seconds) for k in range(clients)))
        return time.perf_counter() - t0

    elapsed = asyncio.run(run())
    ms = sorted(x * 1000 for x in latencies) or [float("nan")]
    return {
        "rps": len(latencies) / elapsed,
        "p50": ms[len(ms) // 2],
        "p95": ms[int(len(ms) * 0.95)],
        "n": len(latencies),
        "errors": len(errors),
        "example_error": errors[0] if errors else "",
    }


def wait_until_up(port: int, path: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            asyncio.run(request(port, "GET", path))
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


PG = "postgresql://postgres@127.0.0.1:5432"

# The benchmarked server's settings and URLs: the platform plus one bare view, the baseline of every ratio.
BENCH_SETTINGS = """
from prongsai.web.settings import *  # noqa: F403
ROOT_URLCONF = "bench_urls"
"""
BENCH_URLS = """
from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), path("", include("prongsai.web.urls"))]
"""


def ensure_database(name: str) -> None:
    """Create the benchmark's own PostgreSQL database once (never the `test` database of the tests)."""
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            conn.execute(f'create database "{name}"')


def start_gunicorn(env: dict, workers: int = 2) -> tuple:
    """The platform under gunicorn on a free loopback port (the benchmarks' server): (process, port)."""
    import subprocess
    import sys

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "prongsai.web.wsgi:application", "--workers", str(workers)]
        + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        env=env,
    )
    return server, port


def bench_environment(database: str, tmp: Path) -> dict:
    """The benchmarked server's environment (its settings and URLs written into `tmp`, the benchmark's own
    database), also applied to this process so it can populate that database: the env for gunicorn."""
    (tmp / "bench_settings.py").write_text(BENCH_SETTINGS)
    (tmp / "bench_urls.py").write_text(BENCH_URLS)
    own = {
        "DATABASE_URL": f"{PG}/{database}",
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PRONGSAI_VAR_DIR": str(tmp / "var"),
        "SECURE_COOKIES": "0",
        "SECRET_KEY": "bench-only-secret-key",
    }
    os.environ.update(own)
    sys.path.insert(0, str(tmp))
    return dict(os.environ, PYTHONPATH=f"{tmp}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
