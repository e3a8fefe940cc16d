"""Thai lines end between words, never inside one: the PDF (Typst) and the HTML (Chromium)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from prongsai.ita.inputs import read_records
from prongsai.reports import build_documents
from prongsai.reports.thaiwrap import ita_words, own_words, pieces

from .readback import EXAMPLE, pdf_text, squash

FAILING = Path(__file__).parent / "fixtures" / "failing-2566.toml"
# Words an officer reads as one that ICU's dictionary (Typst's and Chromium's) split at a line's end.
COMPOUNDS = (  # noqa: SIM905 - a list of words, kept readable
    "แก้ไข ถูกต้อง ขั้นตอน บุคคลภายนอก โปร่งใส รับทราบ ทั่วถึง ความคิดเห็น งบประมาณ ร้องเรียน ภายใน ดำเนินการ ตัวชี้วัด"
).split()


def split_words(lines: list[str]) -> list[tuple[str, str, str]]:
    """(word, end of a line, start of the next) wherever a line ends inside one of COMPOUNDS."""
    found = []
    for a, b in zip(lines, lines[1:], strict=False):
        ends = [s for s in re.split(r"\s{2,}", a.strip()) if s]
        starts = [s for s in re.split(r"\s{2,}", b.strip()) if s]
        for end in ends:
            for word in COMPOUNDS:
                for k in range(1, len(word)):
                    head, tail = word[:k], word[k:]
                    if (
                        end.endswith(head)
                        and not end.endswith(word)
                        and any(s.startswith(tail) for s in starts)
                    ):
                        found.append((word, end[-12:], tail))
    return found


@pytest.fixture(scope="module", params=["seed", "failing"])
def docs(request, tmp_path_factory):
    (record,) = read_records(EXAMPLE if request.param == "seed" else FAILING)
    return build_documents(record, formats=("pdf", "html"), out_dir=tmp_path_factory.mktemp(request.param))


def test_pieces_give_the_text_back_and_keep_the_compounds_whole():
    text = "หน่วยงานต้องแก้ไขขั้นตอนให้ถูกต้อง (IIT) พ.ศ.๒๕๖๘ ตัวชี้วัดที่ ๘ ของเทศบาลเมืองปากแพรก"
    got = pieces(text, own_words(["เทศบาลเมืองปากแพรก"]))
    assert "".join(got) == text
    words = got[1::2]
    for word in ("แก้ไข", "ขั้นตอน", "ถูกต้อง", "ตัวชี้วัด", "ปากแพรก"):
        assert word in words
    assert not any("IIT" in w or "๒๕๖๘" in w for w in words)  # only Thai words are kept whole
    assert pieces("IIT 99.87") == ("IIT 99.87",)
    assert set(COMPOUNDS) <= set(ita_words())


def test_pdf_lines_never_end_inside_a_word(docs):
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(docs["pdf"]), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    present = [w for w in COMPOUNDS if w in squash(out)]
    assert len(present) >= 8, present  # the profile really carries the compounds
    assert split_words(out.splitlines()) == []
    # The boxes leave nothing in the text layer: no zero-width space or word joiner to trip a search.
    assert "\u200b" not in out and "\u2060" not in out


def test_pdf_text_layer_still_gives_the_source_text(docs):
    text = squash(pdf_text(docs["pdf"]))
    assert squash("ตัวชี้วัด") in text and "\u200b" not in text


# Each line of every paragraph and table cell as the browser laid it out (one Range per character,
# a new line where a character's box starts lower).
LINES_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('p, td, th, li, h2, figcaption')) {
    const lines = []; let cur = null, top = null;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = walker.nextNode())) {
      for (let i = 0; i < n.data.length; i++) {
        const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
        const rects = r.getClientRects();
        if (!rects.length) continue;
        const t = rects[0].top;
        if (top === null || t > top + 4) { if (cur !== null) lines.push(cur); cur = ''; top = t; }
        cur += n.data[i];
      }
    }
    if (cur !== null) lines.push(cur);
    out.push(lines);
  }
  return out;
}"""


@pytest.mark.e2e
def test_html_lines_never_end_inside_a_word(docs):
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM_ARGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 900, "height": 1200})
            page.goto(docs["html"].as_uri())
            blocks = page.evaluate(LINES_JS)
            # A word kept whole must still fit its cell (a word wider than its column sticks out).
            overflowing = page.evaluate(
                "() => [...document.querySelectorAll('td, th')]"
                ".filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent)"
            )
        finally:
            browser.close()
    assert sum(len(b) > 1 for b in blocks) > 20  # many wrapped blocks: the check has lines to look at
    text = squash("".join("".join(b) for b in blocks))
    assert len([w for w in COMPOUNDS if w in text]) >= 8
    faults = [f for lines in blocks for f in split_words([ln.replace(" ", "  ") for ln in lines])]
    assert faults == []
    assert overflowing == []
