"""The Sarabun font files shipped by the `fontpkg-sarabun` package: found locally, never fetched."""

from __future__ import annotations

from functools import cache
from pathlib import Path

FAMILY = "Sarabun"


@cache
def sarabun_dir() -> Path:
    """The directory holding Sarabun-*.ttf (inside the installed fontpkg_sarabun package)."""
    import fontpkg_sarabun

    base = Path(fontpkg_sarabun.__file__).parent
    for candidate in (base / "files", base):
        if (candidate / "Sarabun-Regular.ttf").is_file():
            return candidate
    found = next(base.rglob("Sarabun-Regular.ttf"), None)
    if found is None:
        raise FileNotFoundError(f"Sarabun-Regular.ttf not found under {base} (package fontpkg-sarabun)")
    return found.parent


def sarabun_file(style: str = "Regular") -> Path:
    return sarabun_dir() / f"Sarabun-{style}.ttf"


@cache
def advances(style: str = "Regular") -> tuple[dict[int, int], int]:
    """Each character's advance width in font units, and the units per em, read from the font's own
    cmap (format 4) and hmtx tables: enough to size a label's box in a chart without a font library.
    Marks above and below (Thai vowels and tone marks) have no advance of their own."""
    import struct

    data = sarabun_file(style).read_bytes()
    tables = {}
    for k in range(struct.unpack(">H", data[4:6])[0]):
        tag, _sum, offset, _len = struct.unpack(">4sIII", data[12 + 16 * k : 28 + 16 * k])
        tables[tag.decode("latin-1")] = offset
    units_per_em = struct.unpack(">H", data[tables["head"] + 18 : tables["head"] + 20])[0]
    n_metrics = struct.unpack(">H", data[tables["hhea"] + 34 : tables["hhea"] + 36])[0]
    hmtx = tables["hmtx"]
    widths = [struct.unpack(">H", data[hmtx + 4 * g : hmtx + 4 * g + 2])[0] for g in range(n_metrics)]
    cmap = tables["cmap"]
    sub = None
    for k in range(struct.unpack(">H", data[cmap + 2 : cmap + 4])[0]):
        platform, encoding, offset = struct.unpack(">HHI", data[cmap + 4 + 8 * k : cmap + 12 + 8 * k])
        if (platform, encoding) in ((3, 1), (0, 3)) and struct.unpack(
            ">H", data[cmap + offset : cmap + offset + 2]
        )[0] == 4:
            sub = cmap + offset
            break
    if sub is None:
        raise ValueError(f"{sarabun_file(style).name}: no Unicode BMP cmap (format 4)")
    segs = struct.unpack(">H", data[sub + 6 : sub + 8])[0] // 2
    ends = struct.unpack(f">{segs}H", data[sub + 14 : sub + 14 + 2 * segs])
    at = sub + 16 + 2 * segs
    starts = struct.unpack(f">{segs}H", data[at : at + 2 * segs])
    deltas = struct.unpack(f">{segs}h", data[at + 2 * segs : at + 4 * segs])
    range_at = at + 4 * segs
    offsets = struct.unpack(f">{segs}H", data[range_at : range_at + 2 * segs])
    out: dict[int, int] = {}
    for s in range(segs):
        for code in range(starts[s], ends[s] + 1):
            if code == 0xFFFF:
                continue
            if offsets[s] == 0:
                glyph = (code + deltas[s]) & 0xFFFF
            else:
                where = range_at + 2 * s + offsets[s] + 2 * (code - starts[s])
                glyph = struct.unpack(">H", data[where : where + 2])[0]
                glyph = (glyph + deltas[s]) & 0xFFFF if glyph else 0
            if glyph:
                out[code] = widths[min(glyph, n_metrics - 1)]
    return out, units_per_em


def text_width(text: str, size: float, style: str = "Regular") -> float:
    """The width of `text` set at `size` (in the size's units), without kerning."""
    widths, em = advances(style)
    fallback = widths.get(ord("n"), em // 2)
    return sum(widths.get(ord(ch), fallback) for ch in text) * size / em
