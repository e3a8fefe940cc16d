"""Stored answers: one character per question part, in the definition's order, and their counts.

A code is stored as its position in its scale's code list (CODE_CHARS), a blank as ".". So a response is a
short fixed-width string, and the counts of a 100,000-response survey come from one numpy pass over the
joined strings instead of 100,000 JSON parses.
"""

from __future__ import annotations

import numpy as np

from prongsai.ita.answers import MISSING, AnswerCounts

from .definitions import CODE_CHARS

BLANK = "."
_INDEX = np.full(256, -1, dtype=np.int16)
for _k, _c in enumerate(CODE_CHARS):
    _INDEX[ord(_c)] = _k
_INDEX[ord(BLANK)] = MISSING


def answers_encode(answers: dict[str, str], parts: list[dict]) -> str:
    """`answers` maps part id → code ("" or absent for a blank); the codes are already checked."""
    out = []
    for p in parts:
        code = answers.get(p["id"], "")
        out.append(CODE_CHARS[p["codes"].index(code)] if code != "" else BLANK)
    return "".join(out)


def answers_matrix(rows: list[str], parts: list[dict]) -> np.ndarray:
    """An (n, parts) int16 array of positions in each part's code list, MISSING for blanks."""
    width = len(parts)
    if not rows:
        return np.zeros((0, width), dtype=np.int16)
    raw = np.frombuffer("".join(rows).encode("ascii"), dtype=np.uint8)
    if raw.size != width * len(rows):
        raise ValueError("stored answers do not match the definition's parts")
    return _INDEX[raw].reshape(len(rows), width)


def answers_counts(matrix: np.ndarray, parts: list[dict]) -> AnswerCounts:
    """The engine's per-column code counts (codes as the integers the CSV would hold)."""
    counts = {}
    for k, p in enumerate(parts):
        col = matrix[:, k]
        present = col[col != MISSING]
        bins = np.bincount(present.astype(np.int64), minlength=len(p["codes"]))
        counts[p["id"]] = {int(p["codes"][i]): int(n) for i, n in enumerate(bins) if n}
    return AnswerCounts(int(matrix.shape[0]), counts, lambda column, code: None)


def answers_decode(row: str, parts: list[dict]) -> dict[str, str]:
    """One stored response back to part id → code ("" for a blank)."""
    return {
        p["id"]: ("" if ch == BLANK else p["codes"][CODE_CHARS.index(ch)])
        for p, ch in zip(parts, row, strict=True)
    }
