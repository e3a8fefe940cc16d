"""Whether an uploaded file may be kept: its size (before anything reads it), then its type from its bytes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from .sniff import FileType, content_sniff, pdf_active_names


class UploadRefused(ValueError):
    """The message (Thai first) names the file and says what is wrong with it."""


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    file_type: FileType
    name: str


def size_text(n: int) -> str:
    """A size as people read it: "5 MB", "31.5 MB", "2 KB"."""
    if n < 1024 * 1024:
        return f"{-(-n // 1024)} KB"
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def size_refusal(*, name: str, size: int, max_bytes: int) -> str | None:
    """The Thai message for a file over its limit, or None; reads only the size the parser counted."""
    if size <= max_bytes:
        return None
    return (
        f"{name}: ไฟล์ขนาด {size_text(size)} ใหญ่เกินกำหนด {size_text(max_bytes)} "
        f"(file larger than {size_text(max_bytes)})"
    )


def _refusal(name: str, problem: str, allowed: str) -> str:
    if problem.startswith("active:"):
        kind = problem.removeprefix("active:")
        return f"{name}: เป็นไฟล์ {kind} ซึ่งสั่งให้โปรแกรมทำงานได้ จึงรับไว้ไม่ได้ (active content is not accepted)"
    if problem == "macro":
        return f"{name}: เอกสารมีมาโคร (macro) จึงรับไม่ได้ กรุณาบันทึกใหม่แบบไม่มีมาโคร (documents with macros are refused)"
    if problem == "not-raster":
        return f"{name}: ไม่ใช่ไฟล์ภาพที่อ่านได้ (not a readable image)"
    if problem == "too-many-pixels":
        return f"{name}: ภาพมีขนาดพิกเซลใหญ่เกินไป (too many pixels)"
    return f"{name}: เนื้อหาไฟล์ไม่ใช่ชนิดที่รับ (ใช้ได้: {allowed}) (the content is not an accepted file type)"


def upload_check(*, file, max_bytes: int, allowed: frozenset[str]) -> CheckedUpload:
    """Size first, then the bytes: the type must be one of `allowed` (suffixes such as "pdf", "png"),
    never active content, and a PDF may not carry JavaScript, launch actions or embedded files."""
    name = PurePath(getattr(file, "name", "") or "file").name
    message = size_refusal(name=name, size=file.size, max_bytes=max_bytes)
    if message:
        raise UploadRefused(message)
    file.seek(0)
    content = file.read()
    file.seek(0)
    allowed = frozenset("jpg" if a == "jpeg" else a for a in allowed)
    shown = ", ".join(sorted(allowed))
    file_type, problem = content_sniff(content)
    if file_type is None or file_type.suffix not in allowed:
        raise UploadRefused(_refusal(name, problem, shown))
    if file_type.mime == "application/pdf":
        names = pdf_active_names(content)
        if names:
            raise UploadRefused(
                f"{name}: ไฟล์ PDF นี้มีคำสั่งที่ทำงานเมื่อเปิดไฟล์ ({', '.join(sorted(names))}) จึงรับไม่ได้ "
                "กรุณาพิมพ์หรือส่งออกเป็น PDF ใหม่ (PDFs with JavaScript, launch actions or embedded files are "
                "refused)"
            )
    return CheckedUpload(content=content, file_type=file_type, name=name)
