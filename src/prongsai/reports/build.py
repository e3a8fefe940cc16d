"""Build an agency-year's document set (DOCX, PDF, HTML) and write each file atomically."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from dataclasses import replace
from pathlib import Path

from ..ita.records import AgencyYear
from ..thai import digits as _check_digits
from .ita_document import Built, Options, build_context

FORMATS = ("docx", "pdf", "html")


def _umask() -> int:
    """The process umask. Read from /proc where it exists: os.umask() can only read it by setting it,
    which for a moment changes it for every thread of the process (web workers use threads)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        # mkstemp creates the file 0600; a published document must be readable as any new file would
        # be (by the web server serving it, by colleagues on a shared folder): 0666 less the umask.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_stem(record: AgencyYear) -> str:
    """`ita-2568-<code or name>`: safe on every file system, readable by the officer."""
    key = record.agency.code or record.agency.name
    # Thai vowels and tone marks are combining marks (category M*), not alphanumerics: keep them.
    safe = "".join(
        ch if ch.isalnum() or ch in "-_" or unicodedata.category(ch).startswith("M") else "-" for ch in key
    )
    safe = safe.strip("-") or "agency"
    return f"ita-{record.fiscal_year}-{safe}"


def render(built: Built, fmt: str, *, docx_font: str = "TH Sarabun New") -> bytes:
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(built.document)
    if fmt == "html":
        from .html import render_html

        return render_html(built.document)
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(built.document, font=docx_font)
    raise ValueError(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")


def build_documents(
    record: AgencyYear,
    *,
    formats=FORMATS,
    out_dir: Path,
    digits: str = "thai",
    score_digits: str = "arabic",
    docx_font: str = "TH Sarabun New",
    stem: str | None = None,
) -> dict[str, Path]:
    """Write the analysis-and-measures document of one agency-year in each format; return the paths.

    Every format is rendered in memory first; files are written only when all succeeded, each
    atomically, so a failure leaves no half-written file behind."""
    for style in (digits, score_digits):
        _check_digits("", style)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}: use {', '.join(FORMATS)}")
    opts = replace(Options(), digits=digits, score_digits=score_digits)
    built = build_context(record, opts)
    payloads = {fmt: render(built, fmt, docx_font=docx_font) for fmt in formats}
    out_dir = Path(out_dir)
    stem = stem or file_stem(record)
    paths = {}
    for fmt, data in payloads.items():
        path = out_dir / f"{stem}.{fmt}"
        write_atomic(path, data)
        paths[fmt] = path
    return paths
