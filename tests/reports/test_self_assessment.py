"""[[self_assessment]] in an agency file: the agency's own survey, printed as its own measurement beside
the official result; a wrong entry is refused with its line and field."""

from __future__ import annotations

import pytest

from prongsai.ita.errors import InputError
from prongsai.ita.inputs import read_records
from prongsai.reports import build_documents

from .readback import EXAMPLE, pdf_text

ENTRY = """
[[self_assessment]]
title = "แบบสำรวจผู้รับบริการ"
tool = "IIT"
start = 2026-03-01
end = 2026-03-31
responses = 214
min_responses = 10
verified = false
indicators = { 1 = 97.25, 2 = 98.5, 3 = 99.1 }
"""


def _file(tmp_path, extra: str):
    path = tmp_path / "agency.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_the_document_prints_the_survey_as_the_agencys_own_measurement(tmp_path):
    (record,) = read_records(_file(tmp_path, ENTRY))
    text = pdf_text(build_documents(record, formats=("pdf",), out_dir=tmp_path / "out")["pdf"])
    flat = " ".join(text.split())
    assert "ผลการสำรวจของหน่วยงานเอง (ไม่ใช่ผลการประเมินของสำนักงาน ป.ป.ช.)" in flat
    assert "ตามแบบ IIT ระหว่าง ๑ มี.ค. ๒๕๖๙ – ๓๑ มี.ค. ๒๕๖๙ มีผู้ตอบ ๒๑๔ คน" in flat
    assert "ยังไม่ได้ยืนยัน" in flat
    # Indicator 1: the survey's 97.25 beside the official 99.78, 2.53 lower.
    assert "97.25 99.78 −2.53" in flat


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        (('tool = "IIT"', 'tool = "OIT"'), "self_assessment[0].tool", "IIT หรือ EIT"),
        (
            ("indicators = { 1 = 97.25", "indicators = { 9 = 97.25"),
            "self_assessment[0].indicators",
            "ตัวชี้วัดที่ 9",
        ),
        (("2 = 98.5", "2 = 198.5"), "self_assessment[0].indicators", "0–100"),
        (("start = 2026-03-01", "start = 2026-04-01"), "self_assessment[0].start", "start ไม่หลัง end"),
        (("responses = 214", "respondents = 214"), "self_assessment[0].respondents", "ใช้ได้: title, tool"),
    ],
)
def test_a_wrong_entry_is_refused_with_its_line(tmp_path, change, column, words):
    path = _file(tmp_path, ENTRY.replace(*change))
    with pytest.raises(InputError) as e:
        read_records(path)
    assert e.value.column == column and words in str(e.value), str(e.value)
    assert e.value.line is not None and e.value.line > 60
