"""Read generated documents back (pdftotext, python-docx, an HTML parser) and parse the seed document."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "pakphraek-2568.toml"
SEED = ROOT.parent / "shared" / "seed" / "ita-2568-analysis-pakphraek.txt"
THAI_DIGIT = re.compile(r"^[๐-๙]+\t")


def squash(text: str) -> str:
    """Without whitespace and with one kind of dash: the seed's table cells carry line-wrap spaces."""
    return re.sub(r"\s+", "", text).replace("–", "-")


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_fonts(path: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines()[2:] if line.strip()]


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
