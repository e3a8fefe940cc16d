"""SVG charts as PNG for the DOCX (Word and LibreOffice show a PNG everywhere): rasterised by Typst, the
compiler the PDF already loads, with the packaged Sarabun only: the picture's text is the PDF's text."""

from __future__ import annotations

PPI = 170  # the pixels per inch of a chart's PNG: sharp in print at the document's 150 mm

_PAGE = '#set page(width: auto, height: auto, margin: 0pt)\n#image(bytes(sys.inputs.svg), format: "svg")\n'


def svg_png(svg: str, ppi: int = PPI) -> bytes:
    """One PNG of the SVG at its own size (its width and height attributes, in points)."""
    from .pdf import compile_typst

    return compile_typst(input=_PAGE.encode(), format="png", ppi=ppi, sys_inputs={"svg": svg})
