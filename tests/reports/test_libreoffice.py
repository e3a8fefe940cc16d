"""The DOCX as LibreOffice lays it out (Debian's libreoffice-writer-nogui with fonts-thai-tlwg, which maps
"TH Sarabun New" to the larger Laksaman): the embedded Sarabun is used, the page count is the PDF's
within one page, header words and scores stay whole, and lines in cells do not run into each other."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from prongsai.ita.inputs import read_records
from prongsai.reports import build_documents

from .readback import EXAMPLE, pdf_fonts

FAILING = Path(__file__).parent / "fixtures" / "failing-2566.toml"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (make install adds libreoffice-writer-nogui)"
)
XHTML = "{http://www.w3.org/1999/xhtml}"


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def layout_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def line_pitches(pdf: Path) -> list[float]:
    """Within each text block, the distance between one line's top and the next one's, over the line's
    height as pdftotext gives it (the font's bounding box, the same for every line of one font)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    out = []
    for block in root.iter(f"{XHTML}block"):
        lines = list(block.iter(f"{XHTML}line"))
        for a, b in zip(lines, lines[1:], strict=False):
            pitch = float(b.get("yMin")) - float(a.get("yMin"))
            if pitch > 0:
                out.append(pitch / (float(a.get("yMax")) - float(a.get("yMin"))))
    return out


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Both profiles as Prongsai's PDF and as LibreOffice's PDF of Prongsai's DOCX (one soffice run)."""
    tmp = tmp_path_factory.mktemp("lo")
    out = {}
    for name, src in (("seed", EXAMPLE), ("failing", FAILING)):
        (record,) = read_records(src)
        out[name] = build_documents(record, formats=("docx", "pdf"), out_dir=tmp / name)
    docx = [str(p["docx"]) for p in out.values()]
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp / "lo"), *docx],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for p in out.values():
        p["lo"] = tmp / "lo" / (p["docx"].stem + ".pdf")
    return out


@pytest.mark.parametrize("name", ["seed", "failing"])
def test_libreoffice_uses_the_embedded_sarabun(converted, name):
    fonts = [f.split("+")[-1] for f in pdf_fonts(converted[name]["lo"])]
    text_fonts = [f for f in fonts if f != "OpenSymbol"]  # the bullets' symbol font
    assert text_fonts and all(f.startswith("THSarabunNew") for f in text_fonts), fonts


@pytest.mark.parametrize("name", ["seed", "failing"])
def test_libreoffice_page_count_is_the_pdfs_within_one(converted, name):
    ours, theirs = pages(converted[name]["pdf"]), pages(converted[name]["lo"])
    assert abs(ours - theirs) <= 1, (ours, theirs)


@pytest.mark.parametrize("name", ["seed", "failing"])
def test_header_words_and_scores_stay_whole(converted, name):
    text = layout_text(converted[name]["lo"])
    # The header words whole: never their head at a line's end over their last letter (ลำดั / บ).
    # (LibreOffice's text layer reorders some stacked marks, ผู้รบั: the words here have none.)
    for word in ("ลำดับ", "คะแนน", "ประเมิน", "กิจกรรม", "ระยะเวลา"):
        assert word in text
        assert not re.search(re.escape(word[:-1]) + "(?!" + re.escape(word[-1]) + ")", text), word
    (record,) = read_records(EXAMPLE if name == "seed" else FAILING)
    scores = {f"{v:.2f}" for v in record.indicators.values()}
    numbers = set(re.findall(r"\d+\.\d+", text))
    assert scores <= numbers, sorted(scores - numbers)  # 100.00 never as 100.0 over 0


@pytest.mark.parametrize("name", ["seed", "failing"])
def test_lines_in_cells_do_not_collide(converted, name):
    # Single spacing (1.3 em for Sarabun) let stacked marks touch the line above: lines are 1.1 spaced,
    # which puts a line's top at least 0.72 of the font's bounding box below the one before it.
    pitches = line_pitches(converted[name]["lo"])
    assert len(pitches) > 50 and min(pitches) >= 0.72, (min(pitches), statistics.median(pitches))
