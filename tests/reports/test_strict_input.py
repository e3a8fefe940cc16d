"""`prongsai report` refuses what the file gets wrong in the tables it reads, before writing anything."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from prongsai.cli import main

from .test_missing_and_batch import THIN

MEASURE = '\n[[measures]]\nindicator = 3\nactivity = "การทดสอบ"\n'
# (what the file adds, words of the message: its line and what is allowed)
BAD = {
    "responsable": (
        MEASURE + 'responsable = ["กองคลัง"]\n',
        "บรรทัด 23, คอลัมน์/ช่อง measures[0].responsable: ไม่รู้จัก measures[0].responsable (ใช้ได้: indicator, "
        "indicators, activity, analysis, methods, start, end, responsible, budget, kpi, target)",
    ),
    "focus-singular": (
        "\n[focus]\nindicator = [2]\n",
        "บรรทัด 21, คอลัมน์/ช่อง focus.indicator: ไม่รู้จัก focus.indicator (ใช้ได้: indicators, plan_year)",
    ),
    "analysis-i11": (
        '\n[analysis]\ni11 = "ข้อความ"\n',
        "บรรทัด 21, คอลัมน์/ช่อง analysis.i11: [analysis] i11: ไม่มีตัวชี้วัดที่ 11 ในปีงบประมาณ 2568",
    ),
    "analysis-x8": (
        '\n[analysis]\nx8 = "ข้อความ"\n',
        "บรรทัด 21, คอลัมน์/ช่อง analysis.x8: [analysis] ใช้ชื่อ i1 … i10 ตามเลขตัวชี้วัด (พบ 'x8')",
    ),
    "measure-unknown-indicator": (
        MEASURE.replace("indicator = 3", "indicator = 12"),
        "บรรทัด 21, คอลัมน์/ช่อง measures[0].indicator: [[measures]] indicator: ไม่มีตัวชี้วัดที่ 12",
    ),
    "signoff-key": ('\n[signoff]\nsigned = "2026-01-01"\n', "บรรทัด 21, คอลัมน์/ช่อง signoff.signed"),
    "measure-date": (
        MEASURE + "start = 2025-13-01\n",
        "ไฟล์ TOML ไม่ถูกต้อง",  # TOML itself refuses a 13th month, with its line
    ),
    "measure-date-text": (
        MEASURE + 'start = "1 ต.ค. 68"\n',
        "บรรทัด 23, คอลัมน์/ช่อง measures[0].start: วันที่ต้องอยู่ในรูปแบบ ปปปป-ดด-วว (ค.ศ.)",
    ),
    "measure-methods": (
        MEASURE + "methods = [1, 2]\n",
        "บรรทัด 23, คอลัมน์/ช่อง measures[0].methods: ต้องเป็นข้อความหรือรายการข้อความ",
    ),
    "plan-year": (
        "\n[focus]\nplan_year = 25690\n",
        "บรรทัด 21, คอลัมน์/ช่อง focus.plan_year: [focus] plan_year ต้องเป็นปีงบประมาณ (พ.ศ.) 2568 ถึง 2573",
    ),
    "unknown-section": ('\n[report]\nformat = "pdf"\n', "ไม่รู้จักหัวข้อ [report]"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_report_refuses_a_bad_table_with_its_line_and_writes_nothing(tmp_path, case):
    extra, words = BAD[case]
    src = tmp_path / "bad.toml"
    src.write_text(THIN + extra, encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(src), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2, res.output
    assert res.output.startswith("ข้อผิดพลาด:") and words in res.output, res.output
    assert "Traceback" not in res.output and "ValueError" not in res.output
    assert not (tmp_path / "o").exists()


def test_an_empty_focus_lets_the_analysis_choose(tmp_path):
    src = tmp_path / "empty-focus.toml"
    src.write_text(THIN + "\n[focus]\nindicators = []\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(src), "--format", "html", "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
