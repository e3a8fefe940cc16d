"""Benchmark `prongsai report`: one agency (DOCX+PDF+HTML, four charts) and a 100-agency batch, each as a
whole command, beside LibreOffice headless turning the same DOCX into PDF (the route agencies use today).

Prints medians of several runs and the ratios. Installs libreoffice-writer-nogui with apt-get when
`soffice` is missing (and says so). Never part of the test run."""

from __future__ import annotations

import os
import random
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


def timed(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def median_of(runs: int, make_cmd) -> tuple[float, list[float]]:
    times = [timed(make_cmd(k)) for k in range(runs)]
    return statistics.median(times), times


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
    try:
        single, s_times = median_of(
            RUNS, lambda k: [*PRONGSAI, "report", str(EXAMPLE), "--out", str(tmp / f"one{k}")]
        )
        print(
            f"one agency, docx+pdf+html, 4 charts (whole command): median {single:.3f} s over {RUNS} runs "
            f"{[round(t, 3) for t in s_times]}  (target <= 1.0 s)"
        )
        csv = tmp / "batch.csv"
        batch_csv(csv)
        batch, b_times = median_of(
            BATCH_RUNS,
            lambda k: [*PRONGSAI, "report", str(csv), "--out", str(tmp / f"batch{k}"), "--jobs", "2"],
        )
        print(
            f"100 agencies in batch, 2 workers: median {batch:.2f} s over {BATCH_RUNS} runs "
            f"{[round(t, 2) for t in b_times]}  ({batch / 100 * 1000:.0f} ms per agency; target <= 25 s)"
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
        lo_median, lo_times = median_of(RUNS, lo)
        print(
            f"LibreOffice headless, same DOCX -> PDF: median {lo_median:.3f} s over {RUNS} runs "
            f"{[round(t, 3) for t in lo_times]}"
        )
        print(
            f"ratio: LibreOffice DOCX->PDF / prongsai report (all three formats) = {lo_median / single:.2f}"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
