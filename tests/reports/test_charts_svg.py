"""The charts are SVG drawn by Prongsai: well-formed, with ids of their own, inlined in the HTML, and a
PNG of the same drawing (rasterised by Typst, its Thai shaped there) in the PDF and the DOCX."""

from __future__ import annotations

import io
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest
from PIL import Image

from prongsai.ita.inputs import read_records
from prongsai.reports import build_documents
from prongsai.reports.charts import WIDTH
from prongsai.reports.document import Figure, flat
from prongsai.reports.fonts import text_width
from prongsai.reports.ita_document import build_context
from prongsai.reports.raster import PPI

from .readback import EXAMPLE, pdf_text, squash

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    (record,) = read_records(EXAMPLE)
    figures = [b for b in flat(build_context(record).document.blocks) if isinstance(b, Figure)]
    return figures, build_documents(record, out_dir=tmp_path_factory.mktemp("charts"))


def test_four_well_formed_charts_whose_pattern_ids_never_clash(seed):
    figures, _ = seed
    assert [f.name for f in figures] == ["overall", "history", "tools", "indicators"]
    ids: list[str] = []
    for f in figures:
        root = ET.fromstring(f.svg)
        assert root.tag == f"{SVG}svg" and root.get("width") == f"{WIDTH:.0f}pt"
        own = [e.get("id") for e in root.iter() if e.get("id")]
        assert all(i.startswith(f"{f.name}-") for i in own)
        used = set(re.findall(r"url\(#([^)]+)\)", f.svg))
        assert used <= set(own)  # every hatch used is defined in the same chart
        ids += own
    assert len(ids) == len(set(ids))


def test_the_pdf_shows_the_charts_as_pictures_and_its_text_layer_stays_clean(seed):
    figures, paths = seed
    text = pdf_text(paths["pdf"])
    # Typst would write SVG text out of order ("าผ่ น ดีเ ยี่ยม"): the PDF places the PNG instead.
    assert "าผ่ น" not in text and "ต้องป รับ" not in text
    assert "ผลการประเมินในภาพรวมเทียบกับช่วงระดับผลการประเมิน" in squash(text)  # the caption is text
    images = subprocess.run(
        ["pdfimages", "-list", str(paths["pdf"])], capture_output=True, text=True, check=True
    )
    assert sum(1 for line in images.stdout.splitlines()[2:] if line.split()[2] == "image") == len(figures)


def test_the_html_inlines_each_chart_as_one_labelled_image(seed):
    figures, paths = seed
    html = paths["html"].read_text(encoding="utf-8")
    assert html.count('<svg role="img" aria-label="') == 4
    assert "<img" not in html and "http://" not in html
    assert 'font-family="Sarabun"' in html


def test_the_docx_carries_a_png_of_each_chart_at_170_ppi(seed):
    figures, paths = seed
    with zipfile.ZipFile(paths["docx"]) as z:
        media = sorted(n for n in z.namelist() if n.startswith("word/media/"))
        images = [Image.open(io.BytesIO(z.read(n))) for n in media]
    assert len(images) == 4 and all(i.format == "PNG" for i in images)
    for image, f in zip(images, figures, strict=True):
        height_pt = float(ET.fromstring(f.svg).get("height").removesuffix("pt"))
        assert image.size == (round(WIDTH / 72 * PPI), round(height_pt / 72 * PPI))
        # Not blank: dark ink (bars, text) covers part of it.
        dark = sum(1 for p in image.convert("L").get_flattened_data() if p < 100)
        assert dark > 0.005 * image.size[0] * image.size[1]


def test_label_widths_come_from_the_fonts_own_advances():
    # Thai marks above and below take no width; a wider string is wider.
    assert text_width("ก", 10) == text_width("กี่", 10) > 0
    assert text_width("ผ่านดีเยี่ยม", 10) > text_width("ผ่าน", 10)
    assert text_width("100.00", 8) == pytest.approx(8 / 10 * text_width("100.00", 10))


def test_threads_share_the_typst_compiler_one_compile_at_a_time():
    """The web's workers may use threads: compiling on the process's one compiler from several at once
    must not fail (Typst raised "Already borrowed" without the lock)."""
    from concurrent.futures import ThreadPoolExecutor

    from prongsai.reports.raster import svg_png

    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40pt" height="20pt"><rect width="40" height="20"/></svg>'
    with ThreadPoolExecutor(4) as pool:
        pngs = list(pool.map(lambda _: svg_png(svg), range(16)))
    assert len(set(pngs)) == 1 and pngs[0].startswith(b"\x89PNG")
