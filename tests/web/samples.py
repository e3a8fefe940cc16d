"""Small real files for upload tests: pictures Pillow draws, PDFs written by hand, office archives."""

from __future__ import annotations

import io
import zipfile
import zlib

from PIL import Image


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 30, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def pdf_bytes(catalog_extra: bytes = b"", extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF; `catalog_extra` goes into the catalog, `extra_objects` are numbered from 4."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra_objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    return pdf_bytes(b"/OpenAction 4 0 R", (b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>",))


def pdf_with_hidden_javascript() -> bytes:
    """The action sits in a compressed object stream, its name written with #xx escapes."""
    packed = zlib.compress(b"4 0 << /Type /Action /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>")
    stream = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
    return pdf_bytes(b"/OpenAction 4 0 R", (stream + packed + b"\nendstream",))


def pdf_with_launch() -> bytes:
    return pdf_bytes(b"/OpenAction << /S /Launch /F (cmd.exe) >>")


def office_bytes(member: str, *, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(member, "<document/>")
        if macro:
            z.writestr(member.split("/")[0] + "/vbaProject.bin", b"\x00" * 16)
    return buffer.getvalue()


def pdf_with_packed_stream(data: bytes, *, object_stream: bool) -> bytes:
    """A PDF with one Flate stream holding `data`: an object stream, or a picture's pixels."""
    packed = zlib.compress(data)
    kind = b"/Type /ObjStm /N 1 /First 4" if object_stream else b"/Type /XObject /Subtype /Image"
    stream = b"<< %s /Filter /FlateDecode /Length %d >>\nstream\n" % (kind, len(packed))
    return pdf_bytes(b"", (stream + packed + b"\nendstream",))
