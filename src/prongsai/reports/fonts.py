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
