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


HEAD = "agency,fiscal_year," + ",".join(f"i{k}" for k in range(1, 11))
SEED = "99.78,100,100,99.57,100,99.11,99.16,96.53,100,100"
AGENCY = '[agency]\nname = "ทดสอบ"\n\n[result]\nfiscal_year = {year}\n\n[result.indicators]\n{indicators}\n'
SEED_LINES = "\n".join(f"i{k} = {v}" for k, v in enumerate(SEED.split(","), 1))


def _xlsx(path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)


SEED_CELLS = [float(v) for v in SEED.split(",")]
# Every kind of bad input the issue lists, in each file format: (file name, content, words in the message)
BAD_INPUTS = [
    ("out.csv", f"{HEAD}\nก,2568,100.01,{SEED.split(',', 1)[1]}\n", "0 ถึง 100"),
    ("text.csv", f"{HEAD}\nก,2568,สูง,{SEED.split(',', 1)[1]}\n", "ตัวเลข"),
    ("missing.csv", f"{HEAD.removesuffix(',i10')}\nก,2568,{SEED.rsplit(',', 1)[0]}\n", "ตัวชี้วัดที่ 10"),
    ("dup.csv", f"{HEAD},i2\nก,2568,{SEED},100\n", "ซ้ำ"),
    ("year.csv", f"{HEAD}\nก,2570,{SEED}\n", "2570"),
    ("mixed.csv", f"{HEAD}\nก,2568,{SEED}\nข,2568,{','.join(['0.9'] * 10)}\n", "0–1"),
    ("mixedrow.csv", f"{HEAD}\nก,2568,0.9978,{SEED.split(',', 1)[1]}\n", "0–1"),
    ("empty.csv", "", "ว่าง"),
    ("headonly.csv", f"{HEAD}\n", "ไม่มีข้อมูล"),
    ("tis.csv", f"{HEAD}\nเทศบาล,2568,{SEED}\n".encode("cp874"), "TIS-620"),
    ("utf16.csv", f"{HEAD}\nเทศบาล,2568,{SEED}\n".encode("utf-16"), "UTF-16"),
    (
        "out.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES.replace("i1 = 99.78", "i1 = 101")),
        "0 ถึง 100",
    ),
    ("text.toml", AGENCY.format(year=2568, indicators=SEED_LINES.replace("i1 = 99.78", 'i1 = "x"')), "ตัวเลข"),
    ("missing.toml", AGENCY.format(year=2568, indicators=SEED_LINES.replace("i10 = 100", "")), "ตัวชี้วัดที่ 10"),
    ("dup.toml", AGENCY.format(year=2568, indicators=SEED_LINES + "\nI1 = 99"), "ซ้ำ"),
    ("year.toml", AGENCY.format(year=2599, indicators=SEED_LINES), "2599"),
    ("mixed.toml", AGENCY.format(year=2568, indicators=SEED_LINES.replace("i10 = 100", "i10 = 1")), "0–1"),
    ("empty.toml", "", "ว่าง"),
    ("tis.toml", AGENCY.format(year=2568, indicators=SEED_LINES).encode("cp874"), "UTF-8"),
    (
        "history.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES)
        + "\n[[history]]\nfiscal_year = 2560\ntools = { IIT = 9 }\n",
        "2560",
    ),
    # The tables the analysis and the report read are checked too, by `score` as by `report`.
    (
        "responsable.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES)
        + '\n[[measures]]\nindicator = 8\nactivity = "ก"\nresponsable = ["กองคลัง"]\n',
        "บรรทัด 22, คอลัมน์/ช่อง measures[0].responsable: ไม่รู้จัก measures[0].responsable (ใช้ได้: indicator,",
    ),
    (
        "focus1.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES) + "\n[focus]\nindicator = [2]\n",
        "บรรทัด 20, คอลัมน์/ช่อง focus.indicator: ไม่รู้จัก focus.indicator (ใช้ได้: indicators, plan_year)",
    ),
    (
        "i11.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES) + '\n[analysis]\ni11 = "ข้อความ"\n',
        "บรรทัด 20, คอลัมน์/ช่อง analysis.i11: [analysis] i11: ไม่มีตัวชี้วัดที่ 11 ในปีงบประมาณ 2568",
    ),
    (
        "x8.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES) + '\n[analysis]\nx8 = "ข้อความ"\n',
        "บรรทัด 20, คอลัมน์/ช่อง analysis.x8: [analysis] ใช้ชื่อ i1 … i10",
    ),
    (
        "focus11.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES) + "\n[focus]\nindicators = [11]\n",
        "ไม่มีตัวชี้วัดที่ 11",
    ),
    (
        "measure11.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES)
        + '\n[[measures]]\nindicators = [8, 11]\nactivity = "ก"\n',
        "บรรทัด 20, คอลัมน์/ช่อง measures[0].indicators: [[measures]] indicators: ไม่มีตัวชี้วัดที่ 11",
    ),
    (
        "measuredate.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES)
        + '\n[[measures]]\nindicator = 8\nactivity = "ก"\nend = "สิ้นปี"\n',
        "บรรทัด 22, คอลัมน์/ช่อง measures[0].end: วันที่ต้องอยู่ในรูปแบบ",
    ),
    (
        "signoff.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES) + '\n[signoff]\nnmae = "ก"\n',
        "บรรทัด 20, คอลัมน์/ช่อง signoff.nmae",
    ),
    (
        "divisions.toml",
        AGENCY.format(year=2568, indicators=SEED_LINES).replace('"ทดสอบ"', '"ทดสอบ"\ndivisions = "กองคลัง"'),
        "บรรทัด 3, คอลัมน์/ช่อง agency.divisions",
    ),
    ("out.xlsx", [HEAD.split(","), ["ก", 2568, 120, *SEED_CELLS[1:]]], "0 ถึง 100"),
    ("text.xlsx", [HEAD.split(","), ["ก", 2568, "สูง", *SEED_CELLS[1:]]], "ตัวเลข"),
    ("missing.xlsx", [HEAD.split(",")[:-1], ["ก", 2568, *SEED_CELLS[:-1]]], "ตัวชี้วัดที่ 10"),
    ("dup.xlsx", [HEAD.split(",") + ["i2"], ["ก", 2568, *SEED_CELLS, 100]], "ซ้ำ"),
    ("year.xlsx", [HEAD.split(","), ["ก", 2599, *SEED_CELLS]], "2599"),
    ("mixed.xlsx", [HEAD.split(","), ["ก", 2568, *SEED_CELLS], ["ข", 2568, *[0.9] * 10]], "0–1"),
    ("empty.xlsx", b"", "ว่าง"),
    ("headonly.xlsx", [HEAD.split(",")], "ไม่มีข้อมูล"),
    ("notxlsx.xlsx", f"{HEAD}\n".encode(), "XLSX"),
]


@pytest.mark.parametrize(
    ("name", "content", "words", "fmt"),
    [(*b, ("table", "json", "csv")[k % 3]) for k, b in enumerate(BAD_INPUTS)],  # each format in turn
    ids=[b[0] for b in BAD_INPUTS],
)
def test_every_bad_input_exits_2_and_writes_nothing(tmp_path, name, content, words, fmt):
    path = tmp_path / name
    if isinstance(content, list):
        _xlsx(path, content)
    else:
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    out = prongsai("score", path, "--format", fmt, cwd=tmp_path)
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stdout == ""
    assert out.stderr.startswith("ข้อผิดพลาด:") and name in out.stderr and words in out.stderr, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no file written beside it


def test_error_text_is_printed_as_written(tmp_path):
    # rich markup must not eat the user's own text quoted in a message
    path = tmp_path / "s.toml"
    path.write_text(
        AGENCY.format(year=2568, indicators=SEED_LINES) + '\n[agnecy]\nname = "x"\n', encoding="utf-8"
    )
    out = prongsai("score", path)
    assert out.returncode == 2 and "[agnecy]" in out.stderr
    path = tmp_path / "b.csv"
    path.write_text("agency,fiscal_year,iit,eit,oit\n[red]ก,2568,99,99,99\n", encoding="utf-8")
    assert "[red]ก" in prongsai("score", path).stdout


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
    assert data["aggregation_confidence"] == "unverified"
    table = prongsai("score-survey", path, "--year", "2564", "--tool", "IIT")
    assert table.returncode == 0 and "ยังไม่ยืนยัน (unverified)" in table.stdout
    out = prongsai("score-survey", path, "--year", "2568", "--tool", "IIT")
    assert out.returncode == 2 and "ยังไม่มีแบบสอบถาม" in out.stderr
    out = prongsai("score-survey", path, "--year", "2599", "--tool", "IIT")
    assert out.returncode == 2 and "--year" in out.stderr and "2599" in out.stderr
    path.write_text("\n".join(rows + [rows[1].replace("1", "7", 1)]) + "\n", encoding="utf-8")
    out = prongsai("score-survey", path, "--year", "2564", "--tool", "IIT", "--format", "json")
    assert out.returncode == 2 and out.stdout == "" and "บรรทัด 4" in out.stderr and "i1" in out.stderr


def test_frameworks_lists_years_and_confidence():
    out = prongsai("frameworks")
    assert out.returncode == 0
    for year in range(2563, 2570):
        assert str(year) in out.stdout
    assert "unverified" in out.stdout and "reported" in out.stdout
    # which rules are unverified, by their key in the year's file
    line_2568 = next(ln for ln in out.stdout.splitlines() if ln.strip().startswith("2568:"))
    assert "levels.tool_scores" in line_2568 and "indicators[7]" in line_2568


def test_score_batch_xlsx_json_contract(tmp_path):
    path = tmp_path / "b.xlsx"
    thai = ["หน่วยงาน", "ปีงบประมาณ", *(f"ตัวชี้วัดที่ {k}" for k in range(1, 11))]
    _xlsx(path, [thai, ["ปากแพรก", 2568, *SEED_CELLS], ["ข", 2564, *[90] * 10]])
    out = prongsai("score", path, "--format", "json")
    assert out.returncode == 0, out.stderr
    first, second = json.loads(out.stdout)
    assert (first["agency"], first["fiscal_year"], first["total"], first["level"]) == (
        "ปากแพรก",
        2568,
        99.44,
        "ผ่านดีเยี่ยม",
    )
    assert {k: (v["score"], v["weighted"]) for k, v in first["tools"].items()} == {
        "IIT": (99.87, 29.96),
        "EIT": (98.27, 29.48),
        "OIT": (100.0, 40.0),
    }
    assert [i["score"] for i in first["indicators"]] == SEED_CELLS
    assert [i["passed"] for i in first["indicators"]] == [True] * 10
    assert (second["total"], second["level"]) == (90.0, "A")  # FY2564: the AA–F era
