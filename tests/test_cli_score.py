"""`prongsai score`, `score-survey` and `frameworks` as a user runs them: real processes, real files."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "pakphraek-2568.toml"


def prongsai(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "prongsai.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def test_score_table_prints_the_seed():
    out = prongsai("score", EXAMPLE)
    assert out.returncode == 0, out.stderr
    for text in ("99.44", "ผ่านดีเยี่ยม", "99.87", "98.27", "29.96", "29.48", "40.00", "96.53"):
        assert text in out.stdout


def test_score_table_thai_digits():
    out = prongsai("score", EXAMPLE, "--digits", "thai")
    assert "๙๙.๔๔" in out.stdout and "99.44" not in out.stdout


def test_score_json_contract():
    out = prongsai("score", EXAMPLE, "--format", "json")
    assert out.returncode == 0, out.stderr
    (item,) = json.loads(out.stdout)
    assert item["agency"] == "เทศบาลเมืองปากแพรก"
    assert item["agency_info"]["code"] == "04710107"
    assert item["fiscal_year"] == 2568
    assert item["total"] == 99.44
    assert item["level"] == "ผ่านดีเยี่ยม"
    assert item["tools"] == {
        "IIT": {"score": 99.87, "weighted": 29.96, "weight": 0.3},
        "EIT": {"score": 98.27, "weighted": 29.48, "weight": 0.3},
        "OIT": {"score": 100.0, "weighted": 40.0, "weight": 0.4},
    }
    assert [i["score"] for i in item["indicators"]][:2] == [99.78, 100.0]
    assert all(i["passed"] for i in item["indicators"])


def test_score_batch_csv_json_and_csv(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("agency,fiscal_year,iit,eit,oit\nก,2568,99,84,99\nข,2565,80,80,80\n", encoding="utf-8")
    items = json.loads(prongsai("score", path, "--format", "json").stdout)
    assert [(i["agency"], i["total"], i["level"]) for i in items] == [("ก", 94.5, "ผ่าน"), ("ข", 80.0, "B")]
    assert items[0]["indicators"] == []
    rows = list(csv.DictReader(io.StringIO(prongsai("score", path, "--format", "csv").stdout)))
    assert rows[0]["total"] == "94.50" and rows[0]["eit_weighted"] == "25.20" and rows[1]["level"] == "B"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("agency,fiscal_year,iit,eit,oit\nก,2568,99,184,99\n", "บรรทัด 2"),
        ("agency,fiscal_year,iit,eit,oit\nก,2599,99,84,99\n", "2599"),
        ("", "ว่าง"),
    ],
)
def test_bad_input_exits_2_with_a_located_thai_message(tmp_path, content, words):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    out = prongsai("score", path, "--format", "json")
    assert out.returncode == 2
    assert out.stdout == ""  # nothing written
    assert "ข้อผิดพลาด" in out.stderr and words in out.stderr and "bad.csv" in out.stderr


def test_missing_file_exits_2(tmp_path):
    out = prongsai("score", tmp_path / "none.toml")
    assert out.returncode == 2 and "ไม่พบไฟล์" in out.stderr


def test_score_survey(tmp_path):
    from prongsai.ita.framework import get_framework

    cols = [p.id for q in get_framework(2564).surveys["IIT"].questions for p in q.parts]
    yes_no = {"i4", "i5", "i6", "i26"}
    rows = [",".join(cols)] + [",".join("0" if c in yes_no else str(v) for c in cols) for v in (1, 4)]
    path = tmp_path / "answers.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = prongsai("score-survey", path, "--year", "2564", "--tool", "IIT", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["respondents"] == 2
    assert next(q for q in data["questions"] if q["id"] == "i1")["score"] == 50.0
    assert next(q for q in data["questions"] if q["id"] == "i9")["score"] == 50.0
    out = prongsai("score-survey", path, "--year", "2568", "--tool", "IIT")
    assert out.returncode == 2 and "ยังไม่มีแบบสอบถาม" in out.stderr


def test_frameworks_lists_years_and_confidence():
    out = prongsai("frameworks")
    assert out.returncode == 0
    for year in range(2563, 2570):
        assert str(year) in out.stdout
    assert "unverified" in out.stdout and "reported" in out.stdout
