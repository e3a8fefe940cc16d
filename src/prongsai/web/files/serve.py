"""How files are sent: every Content-Disposition in the project is built here, and stored uploads are
served with the type sniffed when they were kept (inline only for real raster pictures)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

from django.http import FileResponse, HttpResponse

from .sniff import raster_types, signatures

# Control characters (C0, DEL, C1), quotes, separators and characters that Windows forbids in names.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f"\\/:*?<>|;%]')
_SPACES = re.compile(r"\s+")
MAX_NAME = 150


def filename_clean(filename: str, *, default: str = "download") -> str:
    """A name safe to offer to a browser: no controls, quotes, separators or leading dots; at most
    MAX_NAME characters, the extension kept."""
    name = unicodedata.normalize("NFC", str(filename or ""))
    name = PurePath(name.replace("\\", "/")).name
    name = _SPACES.sub(" ", _UNSAFE.sub("_", name)).strip(" .")
    if not name or not name.strip("_"):
        return default
    stem, dot, ext = name.rpartition(".")
    if dot and len(ext) <= 10 and stem:
        return stem[: MAX_NAME - len(ext) - 1].rstrip(" .") + "." + ext
    return name[:MAX_NAME]


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """RFC 6266: an ASCII `filename` for old clients and `filename*=UTF-8''…` for the real (e.g. Thai) name."""
    name = filename_clean(filename)
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    stem, suffix = PurePath(ascii_name).stem, PurePath(ascii_name).suffix
    if not any(c.isalnum() for c in stem):  # e.g. an all-Thai name: the real one is in filename*
        ascii_name = "download" + (suffix if suffix.strip("._") else "")
    value = f'{"inline" if inline else "attachment"}; filename="{ascii_name}"'
    if ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name, safe='')}"
    return value


def download_name(filename: str, mime: str) -> str:
    """The uploader's name with the extension of the type the file really is."""
    suffix = next((t.suffix for t in signatures().types if t.mime == mime), "")
    name = filename_clean(filename, default="file")
    current = PurePath(name).suffix.lower().lstrip(".")
    if not suffix or current == suffix or {current, suffix} == {"jpeg", "jpg"}:
        return name
    return f"{name}.{suffix}"


def stored_file_response(handle, *, filename: str, content_type: str) -> FileResponse:
    """A kept upload: inline only when its stored (sniffed) type is a raster picture, otherwise a
    download; never sniffed again by the browser and never allowed to run anything."""
    mime = (
        content_type if content_type in {t.mime for t in signatures().types} else "application/octet-stream"
    )
    response = FileResponse(handle, content_type=mime)
    response["Content-Disposition"] = content_disposition(
        download_name(filename, mime), inline=mime in raster_types()
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def attach(response: HttpResponse, filename: str, *, inline: bool = False) -> HttpResponse:
    """Set the response's Content-Disposition from a file name (generated files: exports, reports)."""
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
