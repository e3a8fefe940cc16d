"""The packaged Sarabun embedded in a DOCX (ECMA-376 Part 1 §17.8.1, obfuscated), under the font name
the document uses, so LibreOffice lays the file out as the PDF does wherever the font is missing.

Word keeps using an installed "TH Sarabun New". Without it (LibreOffice on Debian maps the name to
Laksaman, which draws larger: 10 pages instead of 5) the embedded copy is used. "TH Sarabun New" draws
about 0.69× as large as Sarabun at the same size (templates/ita_analysis.th.toml [docx_sizes]), so the
copy embedded under that name is Sarabun with a larger em (unitsPerEm): at 16 pt it draws exactly as
Sarabun at 11 pt, the size of the PDF."""

from __future__ import annotations

import struct
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
    """Sarabun-`style` renamed to `family`, drawing `scale` times as large as Sarabun at one size.

    Written straight into the font's tables (the em in `head`, the names in `name`): fontTools would
    do the same but costs 0.3 s to import, a third of a whole report run."""
    tables = _tables(sarabun_file(style).read_bytes())
    tables.pop(b"DSIG", None)  # the signature no longer matches
    head = bytearray(tables[b"head"])
    upm = struct.unpack_from(">H", head, 18)[0]
    struct.pack_into(">H", head, 18, round(upm / scale))
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set below over the whole file
    tables[b"head"] = bytes(head)
    full = family if style == "Regular" else f"{family} {style}"
    names = {1: family, 2: style, 4: full, 6: f"{family.replace(' ', '')}-{style}", 16: family, 17: style}
    tables[b"name"] = _renamed(tables[b"name"], names)
    font = bytearray(_sfnt(tables))
    offset = font.index(b"head") + 8
    head_at = struct.unpack_from(">I", font, offset)[0]
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(font)) & 0xFFFFFFFF)
    return bytes(font)


def _checksum(data: bytes) -> int:
    data = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


def _tables(font: bytes) -> dict[bytes, bytes]:
    (count,) = struct.unpack_from(">H", font, 4)
    out = {}
    for k in range(count):
        tag, _sum, offset, length = struct.unpack_from(">4sIII", font, 12 + 16 * k)
        out[tag] = font[offset : offset + length]
    return out


def _sfnt(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    n = len(tags)
    power = 1 << (n.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, n, power * 16, power.bit_length() - 1, n * 16 - power * 16)
    offset = 12 + 16 * n
    records, body = [], []
    for tag in tags:
        data = tables[tag]
        records.append(struct.pack(">4sIII", tag, _checksum(data), offset, len(data)))
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    return header + b"".join(records) + b"".join(body)


def _renamed(name: bytes, names: dict[int, str]) -> bytes:
    """A `name` table (format 0) with the Windows Unicode names of `names` replaced and every other
    record (copyright, licence, version …) kept as it was."""
    _fmt, count, storage = struct.unpack_from(">HHH", name, 0)
    records = []
    for k in range(count):
        pid, eid, lid, nid, length, offset = struct.unpack_from(">HHHHHH", name, 6 + 12 * k)
        if nid in names:
            continue
        records.append((pid, eid, lid, nid, name[storage + offset : storage + offset + length]))
    for nid, text in names.items():
        records.append((3, 1, 0x0409, nid, text.encode("utf-16-be")))
        records.append((1, 0, 0, nid, text.encode("mac_roman", "replace")))
    records.sort(key=lambda r: r[:4])
    head = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    table, strings = [head], bytearray()
    for pid, eid, lid, nid, data in records:
        table.append(struct.pack(">HHHHHH", pid, eid, lid, nid, len(data), len(strings)))
        strings += data
    return b"".join(table) + bytes(strings)


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
