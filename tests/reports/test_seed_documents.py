"""The seed municipality's document, in all three formats, read back and compared with the seed."""

from __future__ import annotations

import re
import zipfile
from html import unescape

import pytest
from docx import Document as open_docx

from prongsai.ita.inputs import read_records
from prongsai.reports import build_documents
from prongsai.reports.document import Heading, Paragraph, flat
from prongsai.reports.ita_document import build_context

from .readback import (
    EXAMPLE,
    RPR_ORDER,
    SECTPR_ORDER,
    HtmlDoc,
    W,
    complex_script_faults,
    docx_part,
    order_faults,
    pdf_fonts,
    pdf_text,
    seed_rows,
    squash,
)


@pytest.fixture(scope="module")
def seed_docs(tmp_path_factory):
    (record,) = read_records(EXAMPLE)
    out = tmp_path_factory.mktemp("seed")
    return build_documents(record, out_dir=out)


@pytest.fixture(scope="module")
def docx_tables(seed_docs):
    d = open_docx(seed_docs["docx"])
    by_header = {}
    for t in d.tables:
        by_header[t.rows[0].cells[0].text] = [[c.text for c in row.cells] for row in t.rows]
    return d, by_header


def _expected_indicator_rows():
    rows, _ = seed_rows()
    assert len(rows) == 10
    # Indicator names come from the framework (the seed misspells two), so they are not compared here.
    return [(r[0], r[1], r[3], r[4], squash(r[5])) for r in rows]


def test_docx_reproduces_the_seed_table_and_measures(docx_tables):
    d, tables = docx_tables
    rows = tables["ลำดับ"]
    assert rows[0] == ["ลำดับ", "เครื่องมือการประเมิน", "ตัวชี้วัด", "คะแนน", "ผลการประเมิน", "การวิเคราะห์"]
    got = [(r[0], r[1], r[3], r[4], squash(r[5])) for r in rows[1:]]
    assert got == _expected_indicator_rows()
    _, measure = seed_rows()
    m = tables["กิจกรรม"]
    assert m[0] == ["กิจกรรม", "ผลการวิเคราะห์ตัวชี้วัดที่สอดคล้อง", "วิธีการดำเนินการ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ"]
    assert [squash(c) for c in m[1]] == [squash(c) for c in measure]
    assert m[1][2].split("\n")[1].startswith("๒.จัดทำคู่มือ")  # numbered methods, one per line
    assert m[1][3] == "๑ ต.ค. ๒๕๖๘ –\n๓๐ ก.ย. ๒๕๖๙"  # each date whole on its own line
    text = "\n".join(p.text for p in d.paragraphs)
    assert "คะแนนภาพรวมของเทศบาลเมืองปากแพรก : ๙๙.๔๔ คะแนน ระดับผลการประเมิน ผ่านดีเยี่ยม" in text
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ของเทศบาลเมืองปากแพรก" in text
    assert "ปากพริก" not in text  # one agency name field: the seed's misspelt title cannot recur
    assert "พิจารณาเลือก ตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน เพื่อดำเนินการพัฒนาในปีงบประมาณ พ.ศ.๒๕๖๙" in text
    assert "ผลการประเมินของปีก่อนหน้าไม่มีในข้อมูลนำเข้า" in text
    tools = tables["เครื่องมือการประเมิน"]
    assert [r[1] for r in tools[1:4]] == ["99.87", "98.27", "100.00"]
    assert [r[3] for r in tools[1:]] == ["29.96", "29.48", "40.00", "99.44"]


def test_docx_runs_carry_complex_script_settings(seed_docs):
    with zipfile.ZipFile(seed_docs["docx"]) as z:
        xml = z.read("word/document.xml").decode()
    d = open_docx(seed_docs["docx"])
    runs = [r for p in d.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r
        for t in d.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.strip()
    ]
    assert len(runs) > 50
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for r in runs:
        rpr = r._r.rPr
        fonts = rpr.find(f"{ns}rFonts")
        assert all(
            fonts.get(f"{ns}{slot}") == "TH Sarabun New" for slot in ("ascii", "hAnsi", "cs", "eastAsia")
        )
        assert rpr.find(f"{ns}sz") is not None and rpr.find(f"{ns}szCs") is not None
        assert rpr.find(f"{ns}sz").get(f"{ns}val") == rpr.find(f"{ns}szCs").get(f"{ns}val")
        if rpr.find(f"{ns}b") is not None:
            assert rpr.find(f"{ns}bCs") is not None
        assert rpr.find(f"{ns}lang").get(f"{ns}bidi") == "th-TH"
    assert "w:gridCol" in xml and 'w:tblHeader w:val="true"' in xml
    alts = [
        el.get("descr")
        for el in d.inline_shapes._body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert len(alts) == 4 and any("99.44" in a for a in alts)


@pytest.mark.parametrize(("font", "body"), [("TH Sarabun New", "32"), ("Sarabun", "22")])
def test_docx_defaults_and_styles_set_thai_as_complex_script(tmp_path, font, body):
    # 16 pt TH Sarabun New draws about as large as 11 pt Sarabun (DESIGN.md): sizes follow the font.
    (record,) = read_records(EXAMPLE)
    path = build_documents(record, formats=("docx",), out_dir=tmp_path, docx_font=font)["docx"]
    styles = docx_part(path, "word/styles.xml")
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert complex_script_faults(defaults, font, body) == []
    by_id = {st.get(f"{W}styleId"): st for st in styles.iter(f"{W}style")}
    assert complex_script_faults(by_id["Normal"].find(f"{W}rPr"), font, body) == []
    heading = by_id["Heading1"].find(f"{W}rPr")
    assert complex_script_faults(heading, font) == []
    assert heading.find(f"{W}b").get(f"{W}val") == "1" and heading.find(f"{W}bCs").get(f"{W}val") == "1"
    # Every run that carries text, in the body and in the footer (the page number), is complete too
    # (the runs that hold the charts carry none).
    runs = [
        r.find(f"{W}rPr")
        for part in ("word/document.xml", "word/footer1.xml")
        for r in docx_part(path, part).iter(f"{W}r")
        if r.find(f"{W}t") is not None or r.find(f"{W}instrText") is not None
    ]
    assert len(runs) > 50 and [f for r in runs for f in complex_script_faults(r, font)] == []


def test_docx_xml_keeps_the_schema_order(seed_docs):
    # Word refuses ("unreadable content") or silently ignores elements out of the schema's order:
    # the page-number format (Thai digits) appended after w:docGrid was ignored by LibreOffice.
    faults = []
    for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml"):
        for rpr in docx_part(seed_docs["docx"], part).iter(f"{W}rPr"):
            faults += order_faults(rpr, RPR_ORDER)
    body = docx_part(seed_docs["docx"], "word/document.xml")
    (sect,) = body.iter(f"{W}sectPr")
    faults += order_faults(sect, SECTPR_ORDER)
    assert sect.find(f"{W}pgNumType").get(f"{W}fmt") == "thaiNumbers"
    for tblpr in body.iter(f"{W}tblPr"):
        tags = [t.tag for t in tblpr]
        assert tags.index(f"{W}tblCellMar") < tags.index(f"{W}tblLook")
    assert faults == []


def test_pdf_embeds_only_sarabun_and_reads_back(seed_docs):
    fonts = pdf_fonts(seed_docs["pdf"])
    assert fonts and all(f.split("+")[-1].startswith("Sarabun-") for f in fonts)
    # pdftotext drops a hyphen that ends a line (it re-joins "words"), so hyphens are not compared.
    text = squash(pdf_text(seed_docs["pdf"])).replace("-", "")
    assert squash("คะแนนภาพรวมของเทศบาลเมืองปากแพรก : ๙๙.๔๔ คะแนน ระดับผลการประเมิน ผ่านดีเยี่ยม") in text
    assert "ปากพริก" not in text
    for number, _tool, score, _verdict, paragraph in _expected_indicator_rows():
        assert paragraph.replace("-", "") in text, number
        assert score in text
    _, measure = seed_rows()
    # The period's two lines sit beside the methods' first lines, and pdftotext interleaves them.
    start, end = "๑ต.ค.๒๕๖๘", "๓๐ก.ย.๒๕๖๙"  # squashed, without the dash (hyphens are not compared)
    assert start in text and end in text
    beside = text.replace(start, "").replace(end, "")
    for cell in measure[:3]:  # activity, analysis, methods; the narrow columns interleave line by line
        assert squash(cell).replace("-", "") in beside
    for unit in ("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "หน่วยตรวจสอบภายใน"):
        assert unit in text


def test_pdf_text_layer_has_no_doubled_thai_clusters(seed_docs):
    # typst/typst#7610: with GPOS mark positioning on, stacked clusters come out twice ("ขั้ขั้นตอน")
    text = squash(pdf_text(seed_docs["pdf"]))
    assert squash("ขั้นตอน") in text and "ขั้ขั้" not in text and "ทั้ทั้" not in text
    assert not re.search(r"([ก-ฮ][ั-ฺ็-๎]*[่-๋][ั-ฺ็-๎]*)\1", text)


def test_html_is_self_contained_and_accessible(seed_docs):
    html = seed_docs["html"].read_text(encoding="utf-8")
    doc = HtmlDoc(html)
    assert not doc.external and "http://" not in html and "https://" not in html
    assert '<html lang="th">' in html and "@font-face" in html
    indicator = next(t for t, h in zip(doc.tables, doc.headers, strict=True) if h and h[0][1] == "ลำดับ")
    header = next(h for h in doc.headers if h and h[0][1] == "ลำดับ")
    assert all(scope == "col" for scope, _ in header)
    got = [(r[0], r[1], r[3], r[4], squash(r[5])) for r in indicator[1:]]
    assert got == _expected_indicator_rows()
    measures = next(t for t in doc.tables if t and t[0][0] == "กิจกรรม")
    _, measure = seed_rows()
    assert [squash(c) for c in measures[1]] == [squash(c) for c in measure]
    assert len(doc.alts) == 4
    assert "99.44" in doc.alts[0] and "ผ่านดีเยี่ยม" in doc.alts[0]
    assert "96.53" in doc.alts[3] and "98.27" in doc.alts[2] and "29.48" in doc.alts[2]
    assert "ไม่มีผลการประเมินของปีก่อนหน้า" in doc.alts[1]
    assert doc.headings[0].startswith("ผลการประเมินคุณธรรม")
    assert "ผลการประเมินรายตัวชี้วัด" in doc.headings


def test_level_label_is_never_split_across_lines(seed_docs):
    # Thai breaks lines between dictionary words: "ผ่านดี" ending a line over "เยี่ยม" reads as
    # another level. The seed's total line is longer than the page is wide, so it must break elsewhere.
    lines = [ln.strip() for ln in pdf_text(seed_docs["pdf"]).splitlines() if ln.strip()]
    label = "ผ่านดีเยี่ยม"
    assert any(label in ln for ln in lines)
    for a, b in zip(lines, lines[1:], strict=False):
        for k in range(1, len(label)):
            assert not (a.endswith(label[:k]) and b.startswith(label[k:])), (a, b)
    html = seed_docs["html"].read_text(encoding="utf-8")
    assert f'<span class="nowrap">{label}</span>' in html


def test_every_paragraph_of_the_context_reads_back_in_all_three_formats(seed_docs):
    # The text layer as a whole, not just the seed's strings: nothing lost, doubled or re-shaped.
    (record,) = read_records(EXAMPLE)
    blocks = flat(build_context(record).document.blocks)
    texts = [squash(b.text).replace("-", "") for b in blocks if isinstance(b, Heading | Paragraph)]
    assert len([t for t in texts if t]) > 20
    pdf = squash(pdf_text(seed_docs["pdf"])).replace("-", "")
    docx = squash("".join(p.text for p in open_docx(seed_docs["docx"]).paragraphs)).replace("-", "")
    html = seed_docs["html"].read_text(encoding="utf-8")
    html = squash(unescape(re.sub(r"<[^>]+>", "", html.split("<body>", 1)[1]))).replace("-", "")
    for name, layer in (("pdf", pdf), ("docx", docx), ("html", html)):
        assert [t for t in texts if t not in layer] == [], name


def test_paragraph_segments_keep_the_longest_label():
    p = Paragraph("จากผ่านดีเป็นผ่านดีเยี่ยม", keep=("ผ่านดี", "ผ่านดีเยี่ยม"))
    assert p.segments() == [("จาก", False), ("ผ่านดี", True), ("เป็น", False), ("ผ่านดีเยี่ยม", True)]
    assert Paragraph("").segments() == [] and Paragraph("ผ่าน").segments() == [("ผ่าน", False)]
