"""DOCX renderer (python-docx): an editable Word file with Thai set as a complex script everywhere."""

from __future__ import annotations

import io
from copy import deepcopy

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from prongsai.textclean import text_clean

from .document import Document, Figure, Heading, Keep, PageBreak, Paragraph, Table
from .docx_fonts import embed_fonts
from .ita_document import texts

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
LANG = "th-TH"
CELL_MARGIN_TWIPS = 80  # 4 pt, the inset of the PDF template's table cells


def _child(parent, tag: str):
    """The first child `tag` of `parent`, created (in place) when missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def _set_rpr(rpr, font: str, size: float | None = None, bold: bool | None = None) -> None:
    """Font on all four slots, size as sz and szCs, bold as b and bCs, Thai as the complex-script language."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)  # drop theme-font attributes (asciiTheme …) that would override the name
    fonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)
    fonts.set(qn("w:hint"), "cs")
    rpr.insert(0, fonts)
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            el = _child(rpr, tag)
            el.set(qn("w:val"), "1" if bold else "0")
    if size is not None:
        half_points = str(round(size * 2))
        for tag in ("w:sz", "w:szCs"):
            _child(rpr, tag).set(qn("w:val"), half_points)
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:bidi"), LANG)
    _reorder(rpr)


# The complete child order of rPr (ECMA-376 CT_RPr). Every child must be listed: the styles of
# python-docx's template carry w:spacing and w:kern, which would otherwise be moved after w:lang.
_ORDER = (  # noqa: SIM905 - a schema's list, kept readable
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect "
    "bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath rPrChange"
).split()
_RANK = {qn(f"w:{t}"): k for k, t in enumerate(_ORDER)}
# What may follow pgNumType inside sectPr (CT_SectPr), to insert it in its place.
_AFTER_PGNUMTYPE = tuple(
    qn(f"w:{t}")
    for t in (
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
    )
)


def _reorder(rpr) -> None:
    # OOXML requires a fixed child order inside rPr; Word rejects files that break it.
    children = list(rpr)
    children.sort(key=lambda el: _RANK.get(el.tag, len(_ORDER)))
    for el in children:
        rpr.remove(el)
        rpr.append(el)


def _page_number_format(sect_pr, fmt: str) -> None:
    """w:pgNumType in its schema place (before w:cols); appended last, LibreOffice ignores it."""
    el = sect_pr.find(qn("w:pgNumType"))
    if el is None:
        el = OxmlElement("w:pgNumType")
        nxt = next((c for c in sect_pr if c.tag in _AFTER_PGNUMTYPE), None)
        if nxt is None:
            sect_pr.append(el)
        else:
            nxt.addprevious(el)
    el.set(qn("w:fmt"), fmt)


class _Writer:
    """Walks a `Document` into python-docx. Paragraphs are stamped from prototypes: each combination of
    style, alignment, size and weight is built once through python-docx (so the XML is what python-docx
    would write) and then copied per line, which is several times faster than building every run's
    properties again."""

    def __init__(self, doc: Document, font: str):
        self.doc, self.font = doc, font
        sizes = texts()["docx_sizes"]
        self.size = sizes.get(font, sizes["Sarabun"])
        self.d = new_docx()
        # The packaged Sarabun goes inside the file under the font's name, drawn to that font's sizes.
        embed_fonts(self.d, font, sizes["Sarabun"]["body"] / self.size["body"])
        self._end = self.d.element.body.sectPr  # body content goes before the final section properties
        self._protos: dict[tuple, CT_P] = {}
        self._style_ids: dict[str, str] = {}
        self._page()
        self._styles()

    def _page(self) -> None:
        s = self.d.sections[0]
        s.orientation = WD_ORIENT.PORTRAIT
        s.page_width, s.page_height = Mm(210), Mm(297)
        s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(25), Mm(20), Mm(30), Mm(20)
        if self.doc.page_digits == "thai":
            _page_number_format(s._sectPr, "thaiNumbers")
        p = s.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run()
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)
        _set_rpr(run._r.get_or_add_rPr(), self.font, self.size["note"])

    def _styles(self) -> None:
        styles = self.d.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
        _set_rpr(rpr, self.font, self.size["body"])
        normal = styles["Normal"]
        _set_rpr(normal.element.get_or_add_rPr(), self.font, self.size["body"])
        normal.paragraph_format.space_after = Pt(2)
        # Single spacing is the font's ascent and descent (1.3 em for Sarabun): Thai marks above a line
        # touch the line before it. 1.1 lines give the pitch of the PDF (Typst's 0.75 em leading).
        normal.paragraph_format.line_spacing = 1.1
        for name in ("Heading 1", "Heading 2", "Title", "Caption"):
            try:
                st = styles[name]
            except KeyError:
                continue
            size = self.size["heading"] if name.startswith("Heading") else self.size["note"]
            _set_rpr(st.element.get_or_add_rPr(), self.font, size, bold=name != "Caption")
            st.font.color.rgb = RGBColor(0, 0, 0)
            st.font.italic = False
            _reorder(st.element.rPr)  # python-docx inserted color/i after the children it did not know
            st.paragraph_format.space_before = Pt(10 if name.startswith("Heading") else 0)
            st.paragraph_format.space_after = Pt(4)
        props = self.d.core_properties
        props.title, props.author, props.language = (
            text_clean(self.doc.title),
            text_clean(self.doc.author),
            LANG,
        )

    def _style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self.d.styles[name].style_id
        return self._style_ids[name]

    def _para(
        self,
        text: str,
        size: float,
        bold: bool,
        *,
        style=None,
        align=None,
        indent=None,
        tight=False,
        keep_next=False,
    ):
        """A new `w:p` (not yet placed) holding `text` in one run with the full Thai run properties."""
        key = (size, bold, style, align, indent, tight, keep_next)
        proto = self._protos.get(key)
        if proto is None:
            proto = OxmlElement("w:p")
            if style:
                proto.style = self._style_id(style)
            fmt = DocxParagraph(proto, None)
            if align:
                fmt.alignment = ALIGN[align]
            if tight:
                fmt.paragraph_format.space_after = Pt(0)
            if keep_next:
                fmt.paragraph_format.keep_with_next = True
            if indent is not None:
                fmt.paragraph_format.first_line_indent = indent
            _set_rpr(proto.add_r().get_or_add_rPr(), self.font, size, bold)
            self._protos[key] = proto
        p = deepcopy(proto)
        text = text_clean(text)  # XML cannot carry control characters: old rows must not stop the file
        if text:
            run = p[-1]
            if "\t" in text or "\n" in text:
                run.text = text  # python-docx turns tabs and line breaks into w:tab and w:br
            else:
                run.add_t(text)
        return p

    def _add(self, p) -> None:
        self._end.addprevious(p)

    def lines(self, tc, text: str, size: float, bold: bool, align: str, keep_next: bool = False) -> None:
        """Each line its own paragraph, so that Word and LibreOffice keep the line breaks of the source."""
        for line in text_clean(text).split("\n"):
            tc.append(self._para(line, size, bold, align=align, tight=True, keep_next=keep_next))

    def paragraph(self, b: Paragraph) -> None:
        size = (
            self.size["title"]
            if b.style == "title"
            else self.size["note"]
            if b.style == "note"
            else self.size["body"]
        )
        align = {"title": "center", "lead": "center", "sign": "right"}.get(b.style)
        indent = Mm(12.5) if b.style == "body" else None
        style = "List Bullet" if b.style == "item" else None
        self._add(self._para(b.text, size, b.bold, style=style, align=align, indent=indent))

    def table(self, t: Table) -> None:
        table = self.d.add_table(rows=1, cols=len(t.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        size = self.size["table"]
        # Word reads cell widths, LibreOffice reads the grid columns: set both.
        widths = [Mm(c.width_mm) for c in t.columns]
        for gc, w in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            gc.w = w
        header = table._tbl.tr_lst[0]
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header.get_or_add_trPr().append(repeat)  # the header row repeats on every page
        for tc, c, w in zip(header.tc_lst, t.columns, widths, strict=True):
            tc.width = w
            tc.remove(tc.p_lst[0])
            self.lines(tc, c.title, size, True, "center")
            _shade(tc, "E1E1E1")
        layout, breakable = t.layout(), t.breakable()
        group_last = {r: last for first, last in t.groups() for r in range(first, last + 1)}
        for r, row in enumerate(layout):
            tr = table._tbl.add_tr()
            if not breakable[r]:
                tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row stays whole on a page
            # Rows joined by a cell spanning down stay together: every line keeps with the next row.
            keep = r < group_last[r]
            held = {col: None for col in t.covered(r)}
            for i, c in sorted([*row, *held.items()], key=lambda x: x[0]):
                tc = tr.add_tc()
                span = 1 if c is None else c.colspan
                tc.width = Emu(sum(widths[i : i + span]))
                if span > 1:
                    tc.grid_span = span
                if c is None:
                    tc.vMerge = "continue"  # the cell above spans down over this one
                    continue
                if c.rowspan > 1:
                    tc.vMerge = "restart"
                tc.remove(tc.p_lst[0])
                self.lines(tc, c.text, size, c.bold, c.align or t.columns[i].align, keep_next=keep)
        tblpr = table._tbl.tblPr
        # Cell margins as in the PDF (4 pt a side, not Word's 1.9 mm): the column widths of the report
        # context are chosen for that room, so both formats break the narrow columns the same way.
        margins = OxmlElement("w:tblCellMar")
        for side in ("w:left", "w:right"):
            el = OxmlElement(side)
            el.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        look = tblpr.find(qn("w:tblLook"))
        if look is None:
            tblpr.append(margins)
        else:
            look.addprevious(margins)  # schema order: … tblLayout, tblCellMar, tblLook, tblCaption …
        if t.caption:
            desc = OxmlElement("w:tblDescription")
            desc.set(qn("w:val"), text_clean(t.caption))
            tblpr.append(desc)
        gap = OxmlElement("w:p")
        DocxParagraph(gap, None).paragraph_format.space_after = Pt(0)
        self._add(gap)

    def figure(self, f: Figure) -> None:
        p = self.d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        shape = p.add_run().add_picture(io.BytesIO(f.png), width=Mm(f.width_mm))
        shape._inline.docPr.set("descr", text_clean(f.alt))
        shape._inline.docPr.set("title", text_clean(f.caption))
        self._add(self._para(f.caption, self.size["note"], False, style="Caption", align="center"))

    def render(self) -> bytes:
        self.blocks(self.doc.blocks)
        buf = io.BytesIO()
        self.d.save(buf)
        return buf.getvalue()

    def keep(self, k: Keep) -> None:
        """Blocks kept on one page: every paragraph before the last block keeps with the next, and the
        table rows keep with the next row (Word and LibreOffice move the group as a whole)."""
        start = len(self._body())
        self.blocks(k.blocks)
        placed = self._body()[start:]
        for el in placed[:-1]:
            for p in el.iter(qn("w:p")):
                DocxParagraph(p, None).paragraph_format.keep_with_next = True

    def _body(self) -> list:
        return [el for el in self.d.element.body if el.tag != qn("w:sectPr")]

    def blocks(self, blocks) -> None:
        for b in blocks:
            if isinstance(b, Keep):
                self.keep(b)
            elif isinstance(b, Heading):
                style = f"Heading {min(b.level, 2)}"
                self._add(self._para(b.text, self.size["heading"], True, style=style))
            elif isinstance(b, Paragraph):
                self.paragraph(b)
            elif isinstance(b, Table):
                self.table(b)
            elif isinstance(b, Figure):
                self.figure(b)
            elif isinstance(b, PageBreak):
                self.d.add_page_break()


def _shade(tc, fill: str) -> None:
    tcpr = tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def render_docx(doc: Document, *, font: str = "TH Sarabun New") -> bytes:
    """DOCX bytes. `font` names the font Word should use: "TH Sarabun New" (the government standard)
    or "Sarabun"; sizes follow the font (see templates/ita_analysis.th.toml [docx_sizes])."""
    return _Writer(doc, font).render()
