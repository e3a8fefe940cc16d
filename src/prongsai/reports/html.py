"""HTML renderer: one self-contained file (fonts and charts inlined), headings, table headers, alt text."""

from __future__ import annotations

import base64
from functools import cache
from html import escape
from pathlib import Path
from string import Template

from .document import Document, Figure, Heading, Keep, PageBreak, Paragraph, Table
from .fonts import sarabun_file

TEMPLATES = Path(__file__).parent / "templates"
SVG_NS = "http://www.w3.org/2000/svg"


@cache
def _font_faces() -> str:
    faces = []
    for style, weight in (("Regular", 400), ("Bold", 700)):
        data = base64.b64encode(sarabun_file(style).read_bytes()).decode()
        faces.append(
            "@font-face{font-family:'Sarabun';font-style:normal;"
            f"font-weight:{weight};src:url(data:font/ttf;base64,{data}) format('truetype');}}"
        )
    return "\n".join(faces)


def _words(pieces: tuple[str, ...]) -> str:
    """Plain text as is; each word to keep whole in a no-wrap span (Chromium's own Thai breaking splits
    แก้|ไข and ignores `word-break: keep-all` for Thai). A `<wbr>` between two spans keeps the break
    there that the spans would otherwise hide."""
    out = []
    for k, piece in enumerate(pieces):
        if k % 2:
            out.append(f'<span class="w">{escape(piece)}</span>')
        elif piece:
            out.append(escape(piece))
        elif 0 < k < len(pieces) - 1:
            out.append("<wbr>")
    return "".join(out)


def _text(text: str, wrap=None) -> str:
    if wrap is None:
        return "<br>".join(escape(line) for line in text.split("\n"))
    return "<br>".join(_words(wrap(line)) for line in text.split("\n"))


def _table(t: Table, wrap) -> str:
    out = ["<table>"]
    if t.caption:
        out.append(f'<caption class="visually-hidden">{escape(t.caption)}</caption>')
    out.append(
        "<colgroup>" + "".join(f'<col style="width:{c.width_mm}mm">' for c in t.columns) + "</colgroup>"
    )
    out.append(
        "<thead><tr>"
        + "".join(f'<th scope="col">{_text(c.title, wrap)}</th>' for c in t.columns)
        + "</tr></thead>"
    )
    out.append("<tbody>")
    for row in t.layout():
        cells = []
        for i, c in row:
            align = c.align or t.columns[i].align
            attrs = f' colspan="{c.colspan}"' if c.colspan > 1 else ""
            attrs += f' rowspan="{c.rowspan}"' if c.rowspan > 1 else ""
            cls = f"a-{align}" + (" b" if c.bold else "")
            cells.append(f'<td class="{cls}"{attrs}>{_text(c.text, wrap)}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _block(b, wrap) -> str:
    if isinstance(b, Heading):
        level = min(b.level + 1, 6)  # h1 is the document title
        return f"<h{level}>{_text(b.text, wrap)}</h{level}>"
    if isinstance(b, Paragraph):
        body = "".join(
            f'<span class="nowrap">{_text(t)}</span>' if keep else _text(t, wrap) for t, keep in b.segments()
        )
        if b.bold:
            body = f"<strong>{body}</strong>"
        if b.style == "item":
            return f"<ul><li>{body}</li></ul>"
        return f'<p class="{escape(b.style)}">{body}</p>'
    if isinstance(b, Table):
        return _table(b, wrap)
    if isinstance(b, Figure):
        # The chart's SVG inline: its text is set in the page's own Sarabun, and read out as one image.
        # (HTML needs no namespace on an inline SVG: the file names no address at all.)
        svg = b.svg.replace(
            f'<svg xmlns="{SVG_NS}" ',
            f'<svg role="img" aria-label="{escape(b.alt)}" style="width:{b.width_mm}mm;max-width:100%;height:auto" ',
            1,
        )
        return f"<figure>{svg}<figcaption>{_text(b.caption, wrap)}</figcaption></figure>"
    if isinstance(b, PageBreak):
        return '<div class="page-break"></div>'
    if isinstance(b, Keep):
        return '<div class="keep">' + "\n".join(_block(x, wrap) for x in b.blocks) + "</div>"
    raise TypeError(type(b))


def render_html(doc: Document) -> bytes:
    blocks = list(doc.blocks)
    # The leading title paragraphs become the page's one <h1>.
    titles = []
    while blocks and isinstance(blocks[0], Paragraph) and blocks[0].style == "title":
        titles.append(blocks.pop(0).text)
    h1 = "<h1>" + "<br>".join(escape(t) for t in titles) + "</h1>" if titles else ""
    template = Template((TEMPLATES / "document.html").read_text(encoding="utf-8"))
    css = (TEMPLATES / "document.css").read_text(encoding="utf-8")
    html = template.substitute(
        lang=escape(doc.lang),
        title=escape(doc.title),
        author=escape(doc.author),
        style=_font_faces() + "\n" + css,
        body=h1 + "\n" + "\n".join(_block(b, doc.pieces) for b in blocks),
    )
    return html.encode("utf-8")
