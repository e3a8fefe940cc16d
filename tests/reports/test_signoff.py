"""The signatory's name, position and date in the document, from the input's [signoff] table, and
measures that serve several indicators."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from prongsai.cli import main
from prongsai.ita.errors import InputError
from prongsai.ita.inputs import read_records
from prongsai.reports.document import Paragraph, flat
from prongsai.reports.ita_document import build_context
from prongsai.reports.signoff import Signoff, signoff_from_input

from .readback import pdf_text, squash
from .test_missing_and_batch import THIN

SIGNED = (
    THIN
    + """
[signoff]
name = "นายสมชาย ใจดี"
position = "นายกองค์การบริหารส่วนตำบลทดสอบ"
date = 2026-03-30
"""
)


def _record(tmp_path: Path, text: str):
    src = tmp_path / "in.toml"
    src.write_text(text, encoding="utf-8")
    (record,) = read_records(src)
    return record


def _sign_lines(built) -> list[str]:
    return [b.text for b in flat(built.document.blocks) if isinstance(b, Paragraph) and b.style == "sign"]


def test_the_signatory_is_printed_by_name_position_and_date(tmp_path):
    lines = _sign_lines(build_context(_record(tmp_path, SIGNED)))
    assert lines[1:] == [
        "(นายสมชาย ใจดี)",
        "ตำแหน่ง นายกองค์การบริหารส่วนตำบลทดสอบ",
        "วันที่ ๓๐ มีนาคม ๒๕๖๙",
    ]


def test_without_a_signatory_the_lines_stay_to_be_filled_in_by_hand(tmp_path):
    lines = _sign_lines(build_context(_record(tmp_path, THIN)))
    assert lines[1].startswith("(....") and lines[2].startswith("ตำแหน่ง ....") and "พ.ศ. ...." in lines[3]


def test_signoff_input_errors_name_the_key():
    with pytest.raises(InputError) as bad_date:
        signoff_from_input({"date": "30/03/2569"}, path="in.toml")
    assert bad_date.value.column == "signoff.date" and "ปปปป-ดด-วว" in bad_date.value.message_th
    with pytest.raises(InputError) as misspelt:
        signoff_from_input({"nmae": "x"}, path="in.toml")
    assert misspelt.value.column == "signoff.nmae"
    assert signoff_from_input({"date": "2026-03-30"}) == Signoff(date=dt.date(2026, 3, 30))


def test_the_command_prints_the_signatory_in_the_pdf(tmp_path):
    src = tmp_path / "in.toml"
    src.write_text(SIGNED, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", str(src), "--out", str(out), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    (pdf,) = out.glob("*.pdf")
    text = squash(pdf_text(pdf))
    assert squash("(นายสมชาย ใจดี)") in text and squash("วันที่ ๓๐ มีนาคม ๒๕๖๙") in text


def test_a_measure_for_two_indicators_covers_both(tmp_path):
    text = (
        THIN
        + """
[focus]
indicators = [3, 10]

[[measures]]
indicators = [3, 10]
activity = "ประชุมชี้แจงแนวทางการใช้อำนาจและเผยแพร่มาตรการป้องกันการทุจริต"
"""
    )
    built = build_context(_record(tmp_path, text))
    assert built.drafted == ()
    assert [m.covers for m in built.measures] == [(3, 10)]


def test_a_measure_naming_an_unknown_indicator_is_refused(tmp_path):
    text = THIN + '\n[[measures]]\nindicators = [3, 42]\nactivity = "x"\n'
    with pytest.raises(InputError, match="ตัวชี้วัดที่ 42"):
        build_context(_record(tmp_path, text))
