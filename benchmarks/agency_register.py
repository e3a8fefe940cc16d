"""Benchmark: the national register import, 8,000 agencies into a fresh database, then the same file again.

Targets (issue 11): import ≤ 20 s, re-import ≤ 10 s. Each database runs in its own process (the settings
read DATABASE_URL once): SQLite in a temporary file, and PostgreSQL when a URL is given with --postgres
or DATABASE_URL. Each run empties the database first (`flush`), times reading the CSV plus the import,
then times the re-import (which must find nothing to change). Prints the median of the runs and the
ratio to each target (below 1.00 meets it).

Run: .venv/bin/python benchmarks/agency_register.py [--rows 8000] [--runs 3]
     [--postgres postgresql://postgres@127.0.0.1:5432/DBNAME]   (that database is emptied)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"import": 20.0, "reimport": 10.0}
TYPES = ("เทศบาลตำบล", "อบต.", "เทศบาลเมือง", "ทน.", "อบจ.", "กรม", "สถานศึกษา", "มหาวิทยาลัย")
PROVINCES = ("กาญจนบุรี", "เชียงใหม่", "ขอนแก่น", "สงขลา", "นครราชสีมา", "อุบลราชธานี", "ภูเก็ต", "ตาก")


def write_register(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["รหัส", "ชื่อหน่วยงาน", "ประเภท", "จังหวัด", "อำเภอ", "หน่วยงานกำกับดูแล", "อีเมลผู้ดูแลระบบ"])
        for k in range(rows):
            province = PROVINCES[k % len(PROVINCES)]
            out.writerow(
                [
                    f"{k:08d}",
                    f"หน่วยงานทดสอบที่ {k} จังหวัด{province}",
                    TYPES[k % len(TYPES)],
                    f"จังหวัด{province}",
                    f"อำเภอที่ {k % 20}",
                    f"สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{province}",
                    f"admin{k}@example.go.th" if k % 4 == 0 else "",  # a quarter name an administrator
                ]
            )


def child(rows: int, runs: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from prongsai.web.agencies.register import register_import
    from prongsai.web.agencies.register_file import register_read

    call_command("migrate", interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "register.csv"
        write_register(path, rows)
        figures = {"import": [], "reimport": []}
        for _ in range(runs):
            call_command("flush", interactive=False, verbosity=0)
            start = time.perf_counter()
            report = register_import(rows=register_read(path))
            figures["import"].append(time.perf_counter() - start)
            assert len(report.created) == rows, report
            start = time.perf_counter()
            again = register_import(rows=register_read(path))
            figures["reimport"].append(time.perf_counter() - start)
            assert again.unchanged == rows and not again.changed, again
    print(json.dumps(figures))


def run_backend(label: str, url: str, rows: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as var:
        env = dict(os.environ, DATABASE_URL=url or f"sqlite:///{var}/bench.sqlite3", PRONGSAI_VAR_DIR=var)
        done = subprocess.run(
            [sys.executable, __file__, "--child", "--rows", str(rows), "--runs", str(runs)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode:
        sys.exit(f"{label}: {done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=8000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.rows, args.runs)
    backends = [("SQLite", "")] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    print(f"register import: {args.rows} rows, median of {args.runs} runs")
    for label, url in backends:
        figures = run_backend(label, url, args.rows, args.runs)
        for what, target in TARGETS.items():
            median = statistics.median(figures[what])
            each = ", ".join(f"{v:.2f}" for v in figures[what])
            print(
                f"  {label:<10} {what:<8} median {median:6.2f} s  (runs {each})  "
                f"target ≤ {target:.0f} s  ratio {median / target:.2f}"
            )


if __name__ == "__main__":
    main()
