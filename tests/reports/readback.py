"""Read generated documents back (pdftotext, python-docx, an HTML parser) and parse the seed document."""

from __future__ import annotations

import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "pakphraek-2568.toml"
# The seed document (the municipality's FY2568 analysis the project started from), kept as a fixture.
SEED = ROOT / "tests" / "reports" / "fixtures" / "ita-2568-analysis-pakphraek.txt"
THAI_DIGIT = re.compile(r"^[๐-๙]+\t")


def squash(text: str) -> str:
    """Without whitespace and with one kind of dash: the seed's table cells carry line-wrap spaces."""
    return re.sub(r"\s+", "", text).replace("–", "-")


def html_text(html: str) -> str:
    """The text a reader sees in an HTML document: tags (the word spans, <wbr>) removed, entities read."""
    from html import unescape

    body = html.split("<body>", 1)[-1]
    return unescape(re.sub(r"<br>", "\n", re.sub(r"<(?!br>)[^>]+>", "", body)))


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_fonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines()[2:] if line.strip()]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# ECMA-376 child order of w:rPr; Word reports a file that breaks it as damaged.
RPR_ORDER = (  # noqa: SIM905 - a schema's list, kept readable
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect "
    "bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()
SECTPR_ORDER = (  # noqa: SIM905 - a schema's list, kept readable
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders "
    "lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter "
    "docGrid printerSettings"
).split()


def docx_part(path: Path, name: str):
    """One XML part of a DOCX (e.g. "word/styles.xml"), parsed."""
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def local(el) -> str:
    return etree.QName(el).localname


def complex_script_faults(rpr, font: str, half_points: str | None = None) -> list[str]:
    """What a w:rPr lacks for Thai as a complex script (DESIGN.md): [] when it has it all."""
    if rpr is None:
        return ["no rPr"]
    faults = []
    fonts = rpr.find(f"{W}rFonts")
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        if fonts is None or fonts.get(f"{W}{slot}") != font:
            faults.append(f"rFonts {slot}")
    sz, szcs = rpr.find(f"{W}sz"), rpr.find(f"{W}szCs")
    if sz is None or szcs is None or sz.get(f"{W}val") != szcs.get(f"{W}val"):
        faults.append("sz/szCs")
    elif half_points is not None and szcs.get(f"{W}val") != half_points:
        faults.append(f"szCs {szcs.get(f'{W}val')} != {half_points}")
    if (rpr.find(f"{W}b") is None) != (rpr.find(f"{W}bCs") is None):
        faults.append("b without bCs")
    lang = rpr.find(f"{W}lang")
    if lang is None or lang.get(f"{W}bidi") != "th-TH":
        faults.append("lang bidi")
    return faults


def order_faults(parent, order: list[str]) -> list[str]:
    """Children of `parent` that are unknown or out of the schema's order."""
    tags = [local(c) for c in parent]
    if any(t not in order for t in tags):
        return [f"unknown child in {tags}"]
    ranks = [order.index(t) for t in tags]
    return [] if ranks == sorted(ranks) else [f"out of order: {tags}"]


def seed_rows() -> tuple[list[list[str]], list[str]]:
    """The seed's indicator rows (6 cells each) and its measure row (5 cells)."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if THAI_DIGIT.match(line)]
    measure = next(line.split("\t") for line in lines if line.startswith("การเปิดโอกาส"))
    return rows, measure


class HtmlDoc(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.headers: list[list[tuple[str, str]]] = []
        self.alts: list[str] = []
        self.headings: list[str] = []
        self.external: list[str] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append([])
            self.headers.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
            if tag == "th":
                self.headers[-1].append((a.get("scope", ""), ""))
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif tag == "img":
            self.alts.append(a.get("alt", ""))
            if not a.get("src", "").startswith("data:"):
                self.external.append(a.get("src", ""))
        elif tag == "svg" and a.get("role") == "img":  # an inline chart, read out by its label
            self.alts.append(a.get("aria-label", ""))
        elif tag in ("link", "script") and (a.get("href") or a.get("src")):
            self.external.append(a.get("href") or a.get("src"))
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            text = "".join(self._cell)
            self.tables[-1][-1].append(text)
            if tag == "th":
                scope, _ = self.headers[-1][-1]
                self.headers[-1][-1] = (scope, text)
            self._cell = None
        elif re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)
