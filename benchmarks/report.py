"""Benchmark `prongsai report`: one agency (DOCX+PDF+HTML, four charts) and a 100-agency batch, each as a
whole command, beside LibreOffice headless turning the same DOCX into PDF (the route agencies use today).

Prints medians of several runs (wall clock and CPU seconds of the command and its workers), the
targets, and LibreOffice's DOCX->PDF time for the same file in the same run as a ratio: on a shared
machine the wall clock drifts with the load, the ratio and the CPU seconds much less. Installs
libreoffice-writer-nogui with apt-get when `soffice` is missing (and says so). Never part of the tests."""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "pakphraek-2568.toml"
PRONGSAI = [str(Path(sys.executable).parent / "prongsai")]
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
BATCH_RUNS = int(os.environ.get("BENCH_BATCH_RUNS", "3"))


CPU_TIMES: list[float] = []  # CPU seconds (user + system) of each timed command, children included


def timed(cmd: list[str], **kw) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_TIMES.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def median_of(runs: int, make_cmd) -> tuple[float, list[float], float]:
    """Median wall clock, every run's wall clock, and the median CPU seconds."""
    CPU_TIMES.clear()
    times = [timed(make_cmd(k)) for k in range(runs)]
    return statistics.median(times), times, statistics.median(CPU_TIMES)


def batch_csv(path: Path, n: int = 100) -> None:
    rng = random.Random(2568)
    lines = ["agency,fiscal_year," + ",".join(f"i{k}" for k in range(1, 11))]
    for a in range(n):
        scores = [f"{min(100, max(40, rng.gauss(93, 6))):.2f}" for _ in range(10)]
        lines.append(f"เทศบาลตำบลตัวอย่าง{a + 1:03d},2568," + ",".join(scores))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def ensure_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("LibreOffice is not installed: running apt-get install -y libreoffice-writer-nogui", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            [*sudo, "apt-get", "install", "-y", "-qq", "libreoffice-writer-nogui"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        print(f"could not install LibreOffice ({exc}); skipping the comparison")
        return None
    return shutil.which("soffice") or shutil.which("libreoffice")


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="prongsai-bench-"))
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average {load:.2f} at the start (figures drift with the load)")
    try:
        single, s_times, s_cpu = median_of(
            RUNS, lambda k: [*PRONGSAI, "report", str(EXAMPLE), "--out", str(tmp / f"one{k}")]
        )
        print(
            f"one agency, docx+pdf+html, 4 charts (whole command): median {single:.3f} s over {RUNS} runs "
            f"{[round(t, 3) for t in s_times]}, CPU {s_cpu:.3f} s  (target <= 1.0 s)"
        )
        csv = tmp / "batch.csv"
        batch_csv(csv)
        batch, b_times, b_cpu = median_of(
            BATCH_RUNS,
            lambda k: [*PRONGSAI, "report", str(csv), "--out", str(tmp / f"batch{k}"), "--jobs", "2"],
        )
        print(
            f"100 agencies in batch, 2 workers: median {batch:.2f} s over {BATCH_RUNS} runs "
            f"{[round(t, 2) for t in b_times]}, CPU {b_cpu:.1f} s ({b_cpu / 100 * 1000:.0f} ms per agency; "
            "target <= 25 s on 2 cores)"
        )
        docx = next((tmp / "one0").glob("*.docx"))
        soffice = ensure_soffice()
        if not soffice:
            return
        profile = tmp / "lo-profile"

        def lo(k: int) -> list[str]:
            return [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp / f"lo{k}"),
                str(docx),
            ]

        timed(lo(99))  # first start creates the profile: not counted
        lo_median, lo_times, lo_cpu = median_of(RUNS, lo)
        print(
            f"LibreOffice headless, same DOCX -> PDF: median {lo_median:.3f} s over {RUNS} runs "
            f"{[round(t, 3) for t in lo_times]}, CPU {lo_cpu:.3f} s"
        )
        print(
            f"ratio: LibreOffice DOCX->PDF / prongsai report (all three formats) = {lo_median / single:.2f} "
            f"wall, {lo_cpu / s_cpu:.2f} CPU"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
