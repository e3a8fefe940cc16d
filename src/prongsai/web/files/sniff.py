"""What a file really is, from its bytes (signatures in types.toml): kept types, active content, PDF actions."""

from __future__ import annotations

import io
import re
import tomllib
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

HEAD = 1024  # bytes looked at for signatures and active content
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True)
class FileType:
    mime: str
    suffix: str
    magic: tuple[bytes, ...] = ()
    at: tuple[tuple[int, bytes], ...] = ()
    raster: bool = False
    pillow: str = ""
    zip_member: str = ""
    zip_mimetype: str = ""


@dataclass(frozen=True)
class Signatures:
    types: tuple[FileType, ...]
    active: tuple[tuple[str, tuple[str, ...], tuple[bytes, ...]], ...]  # (name, text markers, hex markers)
    pdf_refused: frozenset[str]
    pdf_max_inflated: int
    zip_refused: tuple[str, ...]

    @property
    def raster_types(self) -> frozenset[str]:
        return frozenset(t.mime for t in self.types if t.raster)


@cache
def signatures() -> Signatures:
    data = tomllib.loads((Path(__file__).with_name("types.toml")).read_text(encoding="utf-8"))
    types = tuple(
        FileType(
            mime=t["mime"],
            suffix=t["suffix"],
            magic=tuple(bytes.fromhex(h) for h in t.get("magic", ())),
            at=tuple((int(o), bytes.fromhex(h)) for o, h in t.get("at", ())),
            raster=bool(t.get("raster", False)),
            pillow=t.get("pillow", ""),
            zip_member=t.get("zip_member", ""),
            zip_mimetype=t.get("zip_mimetype", ""),
        )
        for t in data["type"]
    )
    active = tuple(
        (
            a["name"],
            tuple(s.lower() for s in a.get("text", ())),
            tuple(bytes.fromhex(h) for h in a.get("hex", ())),
        )
        for a in data["active"]
    )
    return Signatures(
        types=types,
        active=active,
        pdf_refused=frozenset(data["pdf"]["refused_names"]),
        pdf_max_inflated=int(data["pdf"]["max_inflated_bytes"]),
        zip_refused=tuple(data["zip"]["refused_members"]),
    )


def raster_types() -> frozenset[str]:
    return signatures().raster_types


def active_kind(content: bytes) -> str | None:
    """The name of the runnable content the file starts with (HTML, SVG, a script …), or None."""
    head = content[:HEAD]
    for name, _, markers in signatures().active:
        if any(head.startswith(m) for m in markers):
            return name
    text = head
    for bom, encoding in _WIDE_BOMS:  # markup in UTF-16 or UTF-32 still runs in a browser
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, errors="ignore").encode("utf-8")
            break
    text = text.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    for name, markers, _ in signatures().active:
        if any(text.startswith(m.encode()) for m in markers):
            return name
    return None


def _matches(t: FileType, head: bytes) -> bool:
    if t.magic and not any(head.startswith(m) for m in t.magic):
        return False
    return all(head[o : o + len(h)] == h for o, h in t.at)


def _zip_type(content: bytes, candidates: list[FileType]) -> tuple[FileType | None, str]:
    """(type, problem): the office format an archive holds, or why it cannot be kept."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            names = z.namelist()
            refused = [n for n in names if n.startswith(signatures().zip_refused)]
            if refused:
                return None, "macro"
            mimetype = z.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError):
        return None, "unreadable"
    for t in candidates:
        if (t.zip_member and t.zip_member in names) or (t.zip_mimetype and t.zip_mimetype == mimetype):
            return t, ""
    return None, "unknown"


def raster_format(content: bytes) -> str | None:
    """Pillow's name for the picture (JPEG, PNG …) if it decodes within Pillow's pixel limit, else None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                fmt = image.format
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return fmt


def content_sniff(content: bytes) -> tuple[FileType | None, str]:
    """(type, problem) for the bytes: problem is "" when the file is one of the kept types, else one of
    "active:<name>", "macro", "not-raster", "unreadable", "unknown"."""
    kind = active_kind(content)
    if kind:
        return None, f"active:{kind}"
    head = content[:HEAD]
    found = [t for t in signatures().types if _matches(t, head)]
    if not found:
        return None, "unknown"
    if any(t.zip_member or t.zip_mimetype for t in found):
        return _zip_type(content, found)
    t = found[0]
    if t.raster:
        try:
            fmt = raster_format(content)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return None, "too-many-pixels"
        if fmt != t.pillow:
            return None, "not-raster"
    return t, ""


_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_STREAM = re.compile(rb"stream\r?\n")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")


def _names(data: bytes) -> set[str]:
    return {
        _HEX.sub(lambda m: bytes([int(m.group(1), 16)]), n).decode("latin-1") for n in _NAME.findall(data)
    }


def _object_streams(content: bytes, budget: int):
    """The inflated bytes of each object stream (/Type /ObjStm), where a PDF may pack the dictionaries
    that name its actions; page drawings and pictures are not opened. Yields None when the budget runs
    out (the rest cannot be checked)."""
    for match in _STREAM.finditer(content):
        start = match.end()
        dictionary = content[max(0, match.start() - 1024) : match.start()].rsplit(b" obj", 1)[-1]
        end = content.find(b"endstream", start)
        if end < 0:
            return
        if "ObjStm" not in _names(dictionary):
            continue
        try:
            data = zlib.decompressobj().decompress(content[start:end], budget + 1)
        except zlib.error:
            continue
        budget -= len(data)
        if budget < 0:
            yield None
            return
        yield data


def pdf_active_names(content: bytes) -> set[str]:
    """The refused PDF names (JavaScript, Launch …) the file uses, in its objects or object streams;
    "ObjStm" or "Encrypt" when its object streams cannot be read (so neither can its actions)."""
    s = signatures()
    names = _names(content)
    found = names & s.pdf_refused
    if found:
        return found
    if "Encrypt" in names and "ObjStm" in names:
        return {"Encrypt"}
    for data in _object_streams(content, s.pdf_max_inflated):
        if data is None:
            return {"ObjStm"}
        found |= _names(data) & s.pdf_refused
        if found:
            return found
    return found


def stored_type(content: bytes) -> str:
    """The type to keep for a file stored before its content was checked: the sniffed type when it is a
    kept one without active parts, else application/octet-stream (always downloaded, never shown)."""
    file_type, problem = content_sniff(content)
    if file_type is None or problem or (file_type.mime == "application/pdf" and pdf_active_names(content)):
        return "application/octet-stream"
    return file_type.mime
