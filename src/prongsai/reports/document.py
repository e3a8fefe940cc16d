"""The report context: a renderer-neutral document made of headings, paragraphs, tables and figures.

Every renderer (DOCX, PDF, HTML) walks the same `Document`; text in it is final (digits already in
the chosen style), so renderers only lay it out. Other documents (e.g. implementation reports) are
built the same way and rendered by the same renderers."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from functools import cached_property


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
    # Rows spanned downwards. The rows it spans stay together on a page (a measure and its budget line).
    rowspan: int = 1


# A row taller than this (estimated) may split across pages: whole, it would leave most of a page empty
# or stick out at the bottom (the usable A4 height is 252 mm).
SPLIT_ROWS_TALLER_THAN_MM = 150
_THAI_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""  # accessible summary (HTML caption, DOCX table description)

    def layout(self) -> list[list[tuple[int, Cell]]]:
        """Each row's cells with the column each starts in, skipping columns that a cell spanning
        down from a row above still covers."""
        covered: dict[tuple[int, int], bool] = {}
        out = []
        for r, row in enumerate(self.rows):
            col, placed = 0, []
            for cell in row:
                while covered.get((r, col)):
                    col += 1
                placed.append((col, cell))
                for dr in range(1, cell.rowspan):
                    for dc in range(cell.colspan):
                        covered[(r + dr, col + dc)] = True
                col += cell.colspan
            out.append(placed)
        return out

    def covered(self, r: int) -> set[int]:
        """Columns of row `r` held by a cell spanning down from above."""
        layout, held = self.layout(), set()
        for above in range(r):
            for col, cell in layout[above]:
                if above + cell.rowspan > r:
                    held |= set(range(col, col + cell.colspan))
        return held

    def groups(self) -> list[tuple[int, int]]:
        """(first row, last row) of the runs of rows joined by a cell spanning down."""
        out, start, end = [], 0, 0
        for r, row in enumerate(self.rows):
            if r > end:
                out.append((start, end))
                start = end = r
            end = max(end, r + max((c.rowspan for c in row), default=1) - 1)
        if self.rows:
            out.append((start, end))
        return out

    def height_mm(self, first: int, last: int, size_pt: float = 9.5) -> float:
        """A rough height of rows first..last: Thai at `size_pt` is about 0.16 em wide a character
        (marks take none) and 1.45 em a line."""
        char_mm, line_mm = size_pt * 0.3528 * 0.47, size_pt * 0.3528 * 1.45
        total = 0.0
        for col_cells in self.layout()[first : last + 1]:
            lines = 1
            for col, cell in col_cells:
                width = sum(c.width_mm for c in self.columns[col : col + cell.colspan]) - 2.8
                per_line = max(1, int(width / char_mm))
                n = sum(-(-len(_THAI_MARKS.sub("", ln)) // per_line) or 1 for ln in cell.text.split("\n"))
                lines = max(lines, n if cell.rowspan == 1 else 0)
            total += lines * line_mm + 2.8
        return total

    def breakable(self) -> list[bool]:
        """Per row: may it split across pages (its group is estimated taller than the limit)?"""
        out = [False] * len(self.rows)
        for first, last in self.groups():
            tall = self.height_mm(first, last) > SPLIT_ROWS_TALLER_THAN_MM
            out[first : last + 1] = [tall] * (last - first + 1)
        return out


@dataclass(frozen=True)
class Figure:
    svg: str  # the chart itself (charts.py); the HTML inlines it
    alt: str  # carries the chart's numbers, for screen readers and text search
    caption: str
    width_mm: float = 150
    name: str = "figure"

    @cached_property
    def png(self) -> bytes:
        """The chart as a PNG, for the PDF and the DOCX: rasterised once, when first asked for."""
        from .raster import svg_png

        return svg_png(self.svg)


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Keep:
    """Blocks kept together on one page (a chart beside the table of its numbers)."""

    blocks: tuple


Block = Heading | Paragraph | Table | Figure | PageBreak | Keep


def flat(blocks) -> list:
    """The blocks with every `Keep` opened: for readers that walk the text, not the layout."""
    out = []
    for b in blocks:
        out.extend(flat(b.blocks) if isinstance(b, Keep) else [b])
    return out


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
        """Plain data for the Typst template: figures become file names (or base64 when none given),
        keyed by their position in `flat(blocks)`."""
        position = {id(b): k for k, b in enumerate(flat(self.blocks))}

        def one(b) -> dict | None:
            if isinstance(b, Keep):
                return {"kind": "keep", "blocks": [j for x in b.blocks if (j := one(x))]}
            if isinstance(b, Figure):
                src = (figure_files or {}).get(position[id(b)]) or base64.b64encode(b.png).decode()
                caption = self.pieces(b.caption)
                return {"kind": "figure", "file": src, "alt": b.alt, "caption": caption, "width": b.width_mm}
            return _json(b, self.pieces)

        blocks = [j for b in self.blocks if (j := one(b))]
        return {"title": self.title, "lang": self.lang, "page_digits": self.page_digits, "blocks": blocks}


def _json(b, wrap) -> dict | None:
    """One heading, paragraph, table or page break as plain data, its text in pieces (thaiwrap.py)."""
    if isinstance(b, Heading):
        return {"kind": "heading", "text": b.text, "parts": wrap(b.text), "level": b.level}
    if isinstance(b, Paragraph):
        # A kept phrase is one piece (a word to keep whole); the rest is broken between words.
        segments = [{"parts": ("", t, "") if keep else wrap(t)} for t, keep in b.segments()]
        return {"kind": "paragraph", "text": b.text, "segments": segments, "style": b.style, "bold": b.bold}
    if isinstance(b, Table):
        return {
            "kind": "table",
            "breakable": b.breakable(),
            "caption": b.caption,
            "columns": [{"title": wrap(c.title), "width": c.width_mm, "align": c.align} for c in b.columns],
            "rows": [
                [
                    {
                        "lines": [wrap(line) for line in c.text.split("\n")],
                        "colspan": c.colspan,
                        "rowspan": c.rowspan,
                        "bold": c.bold,
                        "align": c.align or b.columns[i].align,
                    }
                    for i, c in row
                ]
                for row in b.layout()
            ],
        }
    if isinstance(b, PageBreak):
        return {"kind": "pagebreak"}
    return None
