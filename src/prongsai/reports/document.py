"""The report context: a renderer-neutral document made of headings, paragraphs, tables and figures.

Every renderer (DOCX, PDF, HTML) walks the same `Document`; text in it is final (digits already in
the chosen style), so renderers only lay it out. Other documents (e.g. implementation reports) are
built the same way and rendered by the same renderers."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | title | lead | note | item (a bulleted line) | sign (right-aligned)
    bold: bool = False
    # Phrases never to be broken across lines (PDF and HTML honour it; DOCX has no such run property).
    # Thai breaks between dictionary words, and a level label split as "ผ่านดี / เยี่ยม" reads as another level.
    keep: tuple[str, ...] = ()

    def segments(self) -> list[tuple[str, bool]]:
        """The text as (piece, keep together) pairs, longest phrase first where phrases overlap."""
        phrases = sorted({k for k in self.keep if k and k in self.text}, key=len, reverse=True)
        if not phrases:
            return [(self.text, False)] if self.text else []
        pattern = re.compile("(" + "|".join(map(re.escape, phrases)) + ")")
        return [(piece, k % 2 == 1) for k, piece in enumerate(pattern.split(self.text)) if piece]


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float
    align: str = "left"  # left | center | right


@dataclass(frozen=True)
class Cell:
    text: str  # "\n" separates lines kept as separate lines in every format
    colspan: int = 1
    bold: bool = False
    align: str | None = None  # None: the column's alignment


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""  # accessible summary (HTML caption, DOCX table description)


@dataclass(frozen=True)
class Figure:
    png: bytes
    alt: str  # carries the chart's numbers, for screen readers and text search
    caption: str
    width_mm: float = 150
    name: str = "figure"


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Figure | PageBreak


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]
    lang: str = "th"
    page_digits: str = "thai"  # page numbers
    author: str = ""
    meta: dict = field(default_factory=dict)
    # The agency's own words (its name, its units) that Thai line breaking keeps whole (thaiwrap.py).
    words: tuple[str, ...] = ()

    def pieces(self, text: str) -> tuple[str, ...]:
        """`text` as alternating plain text and words to keep on one line (thaiwrap.pieces)."""
        from .thaiwrap import own_words, pieces

        return pieces(text, own_words(self.words))

    def to_json(self, figure_files: dict[int, str] | None = None) -> dict:
        """Plain data for the Typst template: figures become file names (or base64 when none given)."""
        out = []
        wrap = self.pieces
        for k, b in enumerate(self.blocks):
            if isinstance(b, Heading):
                out.append({"kind": "heading", "text": b.text, "parts": wrap(b.text), "level": b.level})
            elif isinstance(b, Paragraph):
                # A kept phrase is one piece (a word to keep whole); the rest is broken between words.
                segments = [{"parts": ("", t, "") if k else wrap(t)} for t, k in b.segments()]
                out.append(
                    {
                        "kind": "paragraph",
                        "text": b.text,
                        "segments": segments,
                        "style": b.style,
                        "bold": b.bold,
                    }
                )
            elif isinstance(b, Table):
                out.append(
                    {
                        "kind": "table",
                        "caption": b.caption,
                        "columns": [
                            {"title": wrap(c.title), "width": c.width_mm, "align": c.align} for c in b.columns
                        ],
                        "rows": [
                            [
                                {
                                    "lines": [wrap(line) for line in c.text.split("\n")],
                                    "colspan": c.colspan,
                                    "bold": c.bold,
                                    "align": c.align or b.columns[i].align,
                                }
                                for i, c in _positioned(row)
                            ]
                            for row in b.rows
                        ],
                    }
                )
            elif isinstance(b, Figure):
                src = (figure_files or {}).get(k) or base64.b64encode(b.png).decode()
                out.append(
                    {
                        "kind": "figure",
                        "file": src,
                        "alt": b.alt,
                        "caption": wrap(b.caption),
                        "width": b.width_mm,
                    }
                )
            elif isinstance(b, PageBreak):
                out.append({"kind": "pagebreak"})
        return {"title": self.title, "lang": self.lang, "page_digits": self.page_digits, "blocks": out}


def _positioned(row: tuple[Cell, ...]):
    """Each cell with the index of the column it starts in (cells may span several columns)."""
    col = 0
    for cell in row:
        yield col, cell
        col += cell.colspan
