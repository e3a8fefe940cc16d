"""The repository stands alone: nothing in it (code, tests, data, docs) names a path outside it, so a
clone with nothing beside it runs every test."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache", "build"}
TEXT = {
    ".py",
    ".toml",
    ".md",
    ".txt",
    ".html",
    ".typ",
    ".css",
    ".js",
    ".json",
    ".cfg",
    ".ini",
    ".yml",
    ".yaml",
    "",
}
# A sibling folder named shared, reached by a relative path, by ROOT.parent, or by its subfolders.
OUTSIDE = re.compile(
    r"\.\./shared|parent\s*/\s*[\"']shared[\"']|(?<![\w.])shared/(?:ita|open311|seed|DESIGN)"
)


def _files():
    for path in ROOT.rglob("*"):
        if any(part in SKIP_DIRS or part.endswith(".egg-info") for part in path.relative_to(ROOT).parts):
            continue
        if path.is_file() and (path.suffix in TEXT or path.name == "Makefile"):
            yield path


def test_nothing_names_a_path_outside_the_repository():
    hits = []
    for path in _files():
        if path == Path(__file__).resolve():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not hits, "paths outside the repository:\n" + "\n".join(hits)
