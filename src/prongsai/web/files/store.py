"""Writing private files (citizens' photos, evidence, the secret key): readable by the service user only."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings


def _modes() -> tuple[int, int]:
    return settings.FILE_UPLOAD_PERMISSIONS or 0o600, settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS or 0o700


def private_dir(path: Path) -> Path:
    """Create the folder (and missing parents) with the private folder mode; an existing one is left."""
    _, dir_mode = _modes()
    if not path.is_dir():
        old = os.umask(0o777 & ~dir_mode)  # parents too, as Django's FileSystemStorage does
        try:
            path.mkdir(mode=dir_mode, parents=True, exist_ok=True)
        finally:
            os.umask(old)
    return path


def private_write(path: Path, content: bytes) -> None:
    """Write a new file that only its owner can read (the mode is set when the file is created, so
    there is no moment when others could open it)."""
    file_mode, _ = _modes()
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode)
    with os.fdopen(fd, "wb") as out:
        out.write(content)
    os.chmod(path, file_mode)  # the umask may have taken bits away; set exactly the mode asked for
