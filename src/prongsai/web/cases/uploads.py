"""Photos sent with a case: checked by content (type, size, decodable) and kept under VAR_DIR, not the web root."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from PIL import Image

from ..files.check import size_refusal
from ..files.sniff import raster_format
from ..files.store import private_dir, private_write
from .rules import rules

PIL_TYPES = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}


@dataclass(frozen=True)
class CheckedPhoto:
    content: bytes
    content_type: str
    suffix: str
    original_name: str


def upload_dir() -> Path:
    return private_dir(Path(settings.VAR_DIR) / "uploads" / "cases")


def photos_check(files: list) -> tuple[list[CheckedPhoto], list[str]]:
    """(photos, errors): each error names the file; nothing is written here."""
    limits = rules()["uploads"]
    errors: list[str] = []
    out: list[CheckedPhoto] = []
    if len(files) > limits["max_files"]:
        errors.append(f"แนบภาพได้ไม่เกิน {limits['max_files']} ภาพ (at most {limits['max_files']} photos)")
        return [], errors
    for f in files:
        name = getattr(f, "name", "") or "photo"
        too_large = size_refusal(name=name, size=f.size, max_bytes=limits["max_bytes"])
        if too_large:
            errors.append(too_large)
            continue
        content = f.read()
        try:
            # A small file can claim a huge picture (a "decompression bomb"): Pillow's limit, warning included,
            # refuses it here rather than in the staff's browser (or as a server error).
            fmt = raster_format(content)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            errors.append(f"{name}: ภาพมีขนาดพิกเซลใหญ่เกินไป (too many pixels)")
            continue
        if fmt is None:
            errors.append(f"{name}: ไม่ใช่ไฟล์ภาพที่อ่านได้ (not a readable image)")
            continue
        content_type, suffix = PIL_TYPES.get(fmt, ("", ""))
        if content_type not in limits["types"]:
            errors.append(f"{name}: รับเฉพาะภาพ JPEG, PNG หรือ WebP (only JPEG, PNG or WebP)")
            continue
        out.append(CheckedPhoto(content, content_type, suffix, name[:200]))
    return out, errors


def photo_store(photo: CheckedPhoto) -> str:
    """Write the file under a random name and return that name (the database row comes after)."""
    stored = secrets.token_hex(16) + photo.suffix
    private_write(upload_dir() / stored, photo.content)
    return stored


def photo_path(stored_name: str) -> Path:
    path = (upload_dir() / stored_name).resolve()
    if path.parent != upload_dir().resolve():
        raise FileNotFoundError(stored_name)
    return path
