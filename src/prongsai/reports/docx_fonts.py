"""The packaged Sarabun embedded in a DOCX (ECMA-376 Part 1 §17.8.1, obfuscated), under the font name
the document uses, so LibreOffice lays the file out as the PDF does wherever the font is missing.

Word keeps using an installed "TH Sarabun New". Without it (LibreOffice on Debian maps the name to
Laksaman, which draws larger: 10 pages instead of 5) the embedded copy is used. "TH Sarabun New" draws
about 0.69× as large as Sarabun at the same size (templates/ita_analysis.th.toml [docx_sizes]), so the
copy embedded under that name is Sarabun with a larger em (unitsPerEm): at 16 pt it draws exactly as
Sarabun at 11 pt, the size of the PDF."""

from __future__ import annotations

import io
import uuid
from functools import lru_cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from lxml import etree

from .fonts import sarabun_file

OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
STYLES = (("Regular", "w:embedRegular"), ("Bold", "w:embedBold"))
# What may follow w:embedTrueTypeFonts in w:settings (CT_Settings order), to insert it in its place.
_SETTINGS_AFTER = (  # noqa: SIM905 - a schema's list, kept readable
    "embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate linkStyles "
    "stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView trackRevisions "
    "doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme "
    "styleLockQFSet defaultTabStop"
).split()


@lru_cache(maxsize=8)
def font_bytes(style: str, family: str, scale: float) -> bytes:
    """Sarabun-`style` renamed to `family`, drawing `scale` times as large as Sarabun at one size."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(sarabun_file(style)))
    font["head"].unitsPerEm = round(font["head"].unitsPerEm / scale)
    if "DSIG" in font:
        del font["DSIG"]  # the signature no longer matches
    full = family if style == "Regular" else f"{family} {style}"
    names = {1: family, 2: style, 4: full, 6: f"{family.replace(' ', '')}-{style}", 16: family, 17: style}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """XOR the first 32 bytes with the key's 16 bytes read from its last hex pair back (§17.8.1)."""
    mask = bytes.fromhex(key.hex)[::-1]
    head = bytes(b ^ mask[k % 16] for k, b in enumerate(data[:32]))
    return head + data[32:]


def embed_fonts(document, family: str, scale: float) -> None:
    """Add the regular and bold faces to the font table of a python-docx `document`."""
    package = document.part.package
    table = next(p for p in package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = parse_xml(table.blob)
    for old in root.findall(qn("w:font")):
        if old.get(qn("w:name")) == family:
            root.remove(old)
    font = etree.SubElement(root, qn("w:font"))
    font.set(qn("w:name"), family)
    for tag, value in (("w:charset", "DE"), ("w:family", "swiss"), ("w:pitch", "variable")):
        etree.SubElement(font, qn(tag)).set(qn("w:val"), value)  # DE: the Thai character set
    for k, (style, tag) in enumerate(STYLES, 1):
        key = uuid.UUID(int=uuid.uuid5(uuid.NAMESPACE_URL, f"prongsai:{family}:{style}").int)
        part = Part(
            PackURI(f"/word/fonts/font{k}.odttf"),
            OBFUSCATED,
            obfuscate(font_bytes(style, family, scale), key),
            package,
        )
        embed = etree.SubElement(font, qn(tag))
        embed.set(qn("r:id"), table.relate_to(part, RT.FONT))
        embed.set(qn("w:fontKey"), "{" + str(key).upper() + "}")
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    settings = document.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        flag = OxmlElement("w:embedTrueTypeFonts")
        after = next((c for c in settings if etree.QName(c).localname in _SETTINGS_AFTER), None)
        if after is None:
            settings.append(flag)
        else:
            after.addprevious(flag)
