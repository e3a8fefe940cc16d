"""Documents from thin inputs (no history, no measures, a failing indicator) and the batch command."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx

from prongsai.cli import main
from prongsai.ita.inputs import read_records
from prongsai.reports import build_documents

from .readback import HtmlDoc, html_text, pdf_fonts

THIN = """
[agency]
name = "องค์การบริหารส่วนตำบลทดสอบ"

[result]
fiscal_year = 2568

[result.indicators]
i1 = 90
i2 = 92
i3 = 80
i4 = 96
i5 = 97
i6 = 88
i7 = 93
i8 = 86
i9 = 100
i10 = 75
"""


def _thin(tmp_path: Path):
    src = tmp_path / "thin.toml"
    src.write_text(THIN, encoding="utf-8")
    (record,) = read_records(src)
    return record


def test_thin_input_gives_a_sound_document_that_says_what_is_missing(tmp_path):
    paths = build_documents(_thin(tmp_path), out_dir=tmp_path / "out")
    d = open_docx(paths["docx"])
    text = "\n".join(p.text for p in d.paragraphs)
    assert "ผลการประเมินของปีก่อนหน้าไม่มีในข้อมูลนำเข้า" in text
    assert "ไม่มีมาตรการสำหรับตัวชี้วัดที่ ๓ และ ๑๐ ในข้อมูลนำเข้า" in text  # drafts are announced, as a list
    tables = {t.rows[0].cells[0].text: [[c.text for c in r.cells] for r in t.rows] for t in d.tables}
    rows = tables["ลำดับ"][1:]
    verdicts = {r[0]: r[4] for r in rows}
    assert verdicts["๓"] == "ไม่ผ่านเกณฑ์" and verdicts["๑๐"] == "ไม่ผ่านเกณฑ์" and verdicts["๑"] == "ผ่านเกณฑ์"
    assert "ไม่ผ่านเกณฑ์ ๘๕ คะแนน" in rows[2][5] and "รักษามาตรฐาน" not in rows[2][5]
    measures = tables["กิจกรรม"][1:]
    assert measures[0][0].startswith("[ร่าง]")
    assert "ตัวชี้วัดที่ ๓" in measures[0][1] and "ตัวชี้วัดที่ ๑๐" in measures[2][1]  # in their numbers' order
    # The seed's phrasing: "จึงต้องดำเนินการเผยแพร่…" for the activity "การเผยแพร่…", never "ดำเนินการการ".
    assert "จึงต้องดำเนินการเผยแพร่การดำเนินการ" in measures[2][1]
    assert not any("ดำเนินการการ" in m[1] for m in measures)
    assert measures[0][3] == "๑ ต.ค. ๒๕๖๘ –\n๓๐ ก.ย. ๒๕๖๙"  # no dates given: the plan's fiscal year
    assert "งบประมาณ: ไม่ได้ระบุในข้อมูลนำเข้า" in measures[1][-1]  # beside the activity spanning down
    assert "ผ่านดี" in text and "ยกระดับผลการประเมินจากระดับผ่านดีเป็นระดับผ่านดีเยี่ยม" in text
    # What is missing is listed in its own section: earlier years, and the measures that were drafted.
    missing = text.split("ข้อมูลที่ไม่มีในข้อมูลนำเข้า\n", 1)[1]
    assert "ผลการประเมินของปีก่อนหน้าไม่มีในข้อมูลนำเข้า" in missing
    assert "มาตรการสำหรับตัวชี้วัดที่ ๓ และ ๑๐ ไม่มีในข้อมูลนำเข้า" in missing
    html = HtmlDoc(paths["html"].read_text(encoding="utf-8"))
    assert any("ไม่ผ่านเกณฑ์" in a for a in html.alts)
    assert all(f.split("+")[-1].startswith("Sarabun-") for f in pdf_fonts(paths["pdf"]))


def test_arabic_running_digits_option(tmp_path):
    paths = build_documents(_thin(tmp_path), formats=("html",), out_dir=tmp_path, digits="arabic")
    html = paths["html"].read_text(encoding="utf-8")
    assert "1 ต.ค. 2568 –<br>30 ก.ย. 2569" in html and "๒๕๖๘" not in html


def test_files_are_readable_as_the_umask_allows(tmp_path):
    # Written through mkstemp (0600) and renamed: without a chmod, the web server or a colleague on a
    # shared folder could not open the documents.
    old = os.umask(0o022)
    try:
        paths = build_documents(_thin(tmp_path), formats=("html", "pdf"), out_dir=tmp_path / "out")
    finally:
        os.umask(old)
    assert {stat.S_IMODE(p.stat().st_mode) for p in paths.values()} == {0o644}


def test_an_override_that_contradicts_the_score_is_printed_with_a_warning(tmp_path):
    src = tmp_path / "override.toml"
    src.write_text(THIN + '\n[analysis]\ni3 = "ทั้งนี้ควรรักษามาตรฐานนี้ไว้"\n', encoding="utf-8")
    (record,) = read_records(src)
    html = HtmlDoc(build_documents(record, formats=("html",), out_dir=tmp_path)["html"].read_text("utf-8"))
    row = next(r for r in html.tables[1] if r and r[0] == "๓")
    assert row[4] == "ไม่ผ่านเกณฑ์" and row[5] == "ทั้งนี้ควรรักษามาตรฐานนี้ไว้"  # the agency's words, as written
    text = html_text((tmp_path / "ita-2568-องค์การบริหารส่วนตำบลทดสอบ.html").read_text("utf-8"))
    assert "โปรดตรวจสอบก่อนลงนาม: ตัวชี้วัดที่ ๓: ข้อความวิเคราะห์ที่ระบุมีคำว่า “รักษามาตรฐาน” ซึ่งขัดกับคะแนน ๘๐.๐๐" in text


def test_tool_scores_only_still_give_the_what_if(tmp_path):
    src = tmp_path / "tools.toml"
    src.write_text(
        '[agency]\nname = "เทศบาลตำบลเครื่องมือ"\n[result]\nfiscal_year = 2568\n'
        "[result.tools]\niit = 90.5\neit = 84.2\noit = 96\n",
        encoding="utf-8",
    )
    (record,) = read_records(src)
    d = open_docx(build_documents(record, formats=("docx",), out_dir=tmp_path)["docx"])
    text = "\n".join(p.text for p in d.paragraphs)
    assert "ระดับผลการประเมิน ผ่าน" in text
    # every tool at 85 or more
    assert (
        "ยกระดับผลการประเมินจากระดับผ่านเป็นระดับผ่านดี ต้องเพิ่มคะแนนอย่างน้อย ดังนี้ เครื่องมือ EIT จาก ๘๔.๒๐ เป็น ๘๕.๐๐ คะแนน"
        in text
    )
    assert "คะแนนรายตัวชี้วัดไม่มีในข้อมูลนำเข้า" in text


def test_failure_leaves_no_files(tmp_path, monkeypatch):
    import prongsai.reports.build as build

    real = build.render

    def failing(built, fmt, **kw):
        if fmt == "html":  # the last format fails after the others rendered
            raise RuntimeError("renderer failed")
        return real(built, fmt, **kw)

    monkeypatch.setattr(build, "render", failing)
    out = tmp_path / "none"
    with pytest.raises(RuntimeError):
        build.build_documents(_thin(tmp_path), out_dir=out)
    assert not out.exists() or not any(out.iterdir())


def test_report_command_single_file(tmp_path):
    src = tmp_path / "a.toml"
    src.write_text(THIN, encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(src), "--format", "html,pdf", "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert sorted(p.suffix for p in (tmp_path / "o").iterdir()) == [".html", ".pdf"]


def test_a_focus_on_an_unknown_indicator_is_an_input_error(tmp_path):
    src = tmp_path / "focus.toml"
    src.write_text(THIN + "\n[focus]\nindicators = [11]\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(src), "--format", "html", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    # Thai first, located, and "[focus]" printed as written (not eaten as console markup).
    assert (
        "บรรทัด 21, คอลัมน์/ช่อง focus.indicators: [focus] indicators: ไม่มีตัวชี้วัดที่ 11 ในปีงบประมาณ 2568"
        in res.output
    )
    assert not (tmp_path / "o").exists()


def test_a_focus_named_twice_gets_one_draft(tmp_path):
    src = tmp_path / "focus.toml"
    src.write_text(THIN + "\n[focus]\nindicators = [8, 8]\n", encoding="utf-8")
    (record,) = read_records(src)
    d = open_docx(build_documents(record, formats=("docx",), out_dir=tmp_path)["docx"])
    measures = next(t for t in d.tables if t.rows[0].cells[0].text == "กิจกรรม")
    firsts = {r.cells[0]._tc: r.cells[0].text for r in measures.rows[1:]}  # spanning down: one cell
    assert [text for text in firsts.values() if text.startswith("[ร่าง]")] == [
        "[ร่าง] การเปิดโอกาสให้บุคคลภายนอกเข้ามามีส่วนร่วมในการปรับปรุงการให้บริการของหน่วยงาน"
    ]


def test_report_command_batch_reports_a_failure_while_the_others_finish(tmp_path):
    src = tmp_path / "batch.csv"
    src.write_text(
        "agency,fiscal_year,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10\n"
        "เทศบาลตำบลหนึ่ง,2568,90,92,80,96,97,88,93,70,100,75\n"
        "เทศบาลตำบลสอง,2599,99,99,99,99,99,96,94,93,100,100\n"
        "องค์การบริหารส่วนตำบลสาม,2568,99,99,99,99,99,96,94,93,100,100\n",
        encoding="utf-8",
    )
    out = tmp_path / "o"
    res = CliRunner().invoke(main, ["report", str(src), "--out", str(out), "--jobs", "2"])
    assert res.exit_code == 1
    assert "เทศบาลตำบลสอง" in res.output and "2599" in res.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        f"ita-2568-{n}.{ext}"
        for n in ("เทศบาลตำบลหนึ่ง", "องค์การบริหารส่วนตำบลสาม")
        for ext in ("docx", "html", "pdf")
    )
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left behind


def test_report_command_batch_goes_on_past_an_unreadable_row(tmp_path):
    src = tmp_path / "batch.csv"
    src.write_text(
        "agency,fiscal_year,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10\n"
        "เทศบาลตำบลหนึ่ง,2568,90,92,80,96,97,88,93,70,100,75\n"
        "เทศบาลตำบลสอง,2568,99,abc,99,99,99,96,94,93,100,100\n"
        "องค์การบริหารส่วนตำบลสาม,2568,99,99,99,99,99,96,94,93,100,100\n",
        encoding="utf-8",
    )
    out = tmp_path / "o"
    res = CliRunner().invoke(main, ["report", str(src), "--out", str(out), "--format", "html"])
    assert res.exit_code == 1
    assert "บรรทัด 3" in res.output and "i2" in res.output and "'abc'" in res.output
    assert "สำเร็จ 2 หน่วยงาน ไม่สำเร็จ 1 หน่วยงาน" in res.output
    assert {p.name for p in out.iterdir()} == {
        "ita-2568-เทศบาลตำบลหนึ่ง.html",
        "ita-2568-องค์การบริหารส่วนตำบลสาม.html",
    }


def test_report_command_refuses_a_table_whose_every_row_is_bad(tmp_path):
    src = tmp_path / "batch.csv"
    src.write_text(
        "agency,fiscal_year,i1,i2,i3,i4,i5,i6,i7,i8,i9,i10\n"
        ",2568,90,92,80,96,97,88,93,70,100,75\n"
        "เทศบาลตำบลสอง,25x8,99,99,99,99,99,96,94,93,100,100\n",
        encoding="utf-8",
    )
    out = tmp_path / "o"
    res = CliRunner().invoke(main, ["report", str(src), "--out", str(out)])
    assert res.exit_code == 2
    assert "บรรทัด 2" in res.output and "บรรทัด 3" in res.output
    assert not out.exists() or not list(out.iterdir())
