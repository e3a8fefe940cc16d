"""Benchmark: 1,000,000 IIT respondents from CSV → question and indicator scores; and a 10,000-row batch.

Prints, from the same run: Prongsai's time (median of several runs), a vectorised pandas baseline
(read_csv, a value mapping per column, means — no Python loop over rows), the parse-only floor (pyarrow's
multi-threaded CSV reader), both ratios, and the peak memory of Prongsai's path (in its own process).
Run: .venv/bin/python benchmarks/score_surveys.py [--respondents N] [--runs K]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent / "data"
YEAR, TOOL = 2564, "IIT"


def make_answers(path: Path, respondents: int) -> list[str]:
    import pyarrow as pa
    from pyarrow import csv as pacsv

    from prongsai.ita.framework import get_framework

    survey = get_framework(YEAR).surveys[TOOL]
    rng = np.random.default_rng(2568)
    columns, arrays = [], []
    for q in survey.questions:
        for part in q.parts:
            codes = np.array(sorted(int(c) for c in survey.scales[part.scale]), dtype=np.int8)
            arrays.append(pa.array(rng.choice(codes, size=respondents)))
            columns.append(part.id)
    if not path.exists() or path.stat().st_size == 0:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        pacsv.write_csv(pa.table(arrays, names=columns), tmp, pacsv.WriteOptions(include_header=True))
        tmp.replace(path)
    return columns


def prongsai_scores(path: Path):
    from prongsai.ita.framework import get_framework
    from prongsai.ita.survey import score_answers_file

    return score_answers_file(path, get_framework(YEAR), TOOL)


def pandas_baseline(path: Path) -> dict[int, float]:
    import pandas as pd

    from prongsai.ita.framework import get_framework

    survey = get_framework(YEAR).surveys[TOOL]
    df = pd.read_csv(path)
    by_indicator: dict[int, list[float]] = {}
    for q in survey.questions:
        parts = [df[p.id].map({int(c): v for c, v in survey.scales[p.scale].items()}).mean() for p in q.parts]
        by_indicator.setdefault(q.indicator, []).append(sum(parts) / len(parts))
    return {k: sum(v) / len(v) for k, v in by_indicator.items()}


def parse_floor(path: Path) -> int:
    from pyarrow import csv as pacsv

    return pacsv.read_csv(path, read_options=pacsv.ReadOptions(use_threads=True)).num_rows


def timed(fn, path: Path, runs: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn(path)
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def child(mode: str, path: str) -> None:
    """Run one path in a fresh process and print its peak RSS (for the memory figure)."""
    fn = {"prongsai": prongsai_scores, "pandas": pandas_baseline}[mode]
    fn(Path(path))
    # VmHWM is this process's own peak RSS (ru_maxrss would carry the parent's peak across exec)
    status = Path("/proc/self/status").read_text()
    peak_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
    print(json.dumps({"peak_mb": peak_kb / 1024}))


def batch_benchmark(rows: int, runs: int) -> float:
    from prongsai.ita.inputs import read_records
    from prongsai.ita.records import score_record

    path = DATA / f"batch-{rows}.csv"
    if not path.exists():
        rng = np.random.default_rng(7)
        lines = ["agency,fiscal_year," + ",".join(f"i{k}" for k in range(1, 11))]
        for n in range(rows):
            scores = ",".join(f"{v:.2f}" for v in rng.uniform(60, 100, 10))
            lines.append(f"หน่วยงาน {n},{2564 + n % 5},{scores}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(p):
        return [score_record(r) for r in read_records(p)]

    median, results = timed(run, path, runs)
    assert len(results) == rows
    return median


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--respondents", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    path = DATA / f"iit-{YEAR}-{args.respondents}.csv"
    columns = make_answers(path, args.respondents)
    size_mb = path.stat().st_size / 1e6
    print(
        f"file: {path.name}: {args.respondents:,} respondents × {len(columns)} answer columns, {size_mb:.0f} MB"
    )

    # warm the page cache and the imports once, so every contender starts alike
    parse_floor(path)
    ours, scores = timed(prongsai_scores, path, args.runs)
    base, base_scores = timed(pandas_baseline, path, args.runs)
    floor, _ = timed(parse_floor, path, args.runs)
    for k, v in base_scores.items():  # same answers from both paths
        assert abs(float(scores.indicators[k]) - v) < 1e-6, (k, scores.indicators[k], v)

    # the general path (pyarrow parse), taken when a file has blank answers, quotes or longer codes
    blanks = DATA / f"iit-{YEAR}-{args.respondents}-blanks.csv"
    if not blanks.exists():
        text = path.read_text()
        head, _, body = text.partition("\n")
        blanks.write_text(head + "\n" + body.replace("\n4,", "\n,", 1000))
    general, _ = timed(prongsai_scores, blanks, args.runs)

    peaks = {}
    for mode in ("prongsai", "pandas"):
        out = subprocess.run(
            [sys.executable, __file__, "--child", mode, str(path)], capture_output=True, text=True
        )
        peaks[mode] = json.loads(out.stdout.strip().splitlines()[-1])["peak_mb"]

    q2 = Decimal("0.01")
    print("indicator scores:", {k: str(v.quantize(q2)) for k, v in scores.indicators.items()})
    print(f"median of {args.runs} runs, file → question and indicator scores:")
    print(
        f"  prongsai (fixed-width block counts)     : {ours:.3f} s   peak memory {peaks['prongsai']:.0f} MB"
    )
    print(f"  pandas baseline (read_csv + map + mean): {base:.3f} s   peak memory {peaks['pandas']:.0f} MB")
    print(f"  prongsai general path (pyarrow parse):   {general:.3f} s   (a file with blank answers)")
    print(f"  parse-only floor (pyarrow read_csv):     {floor:.3f} s")
    print(f"  ratio prongsai / pandas baseline: {ours / base:.2f}  (speed-up {base / ours:.1f}×)")
    print(f"  ratio prongsai / parse-only floor: {ours / floor:.2f}")
    target = "met" if ours <= 0.4 and peaks["prongsai"] <= 1024 else "NOT met"
    print(f"  target (median ≤ 0.4 s, peak ≤ 1 GB): {target}")
    batch = batch_benchmark(10_000, args.runs)
    print(f"batch: 10,000 agency-years from CSV → scored results: {batch:.3f} s (median of {args.runs})")


if __name__ == "__main__":
    main()
