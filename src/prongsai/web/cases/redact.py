"""Removing personal data from text before it is shown on the public Q&A board."""

from __future__ import annotations

import re

PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[อีเมล]"),
    (re.compile(r"(?<!\d)\d(?:[ -]?\d){12}(?!\d)"), "[เลขประจำตัว]"),  # 13-digit citizen id
    (re.compile(r"(?:\+66|0)(?:[ -]?\d){8,9}(?!\d)"), "[เบอร์โทร]"),
    (re.compile(r"(?i)line\s*(?:id)?\s*[:：]?\s*@?[\w.-]{3,}"), "[LINE]"),
]


def redact(text: str, *, names: list[str] | tuple[str, ...] = ()) -> str:
    """The text with e-mail addresses, phone and id numbers, LINE ids and the given names replaced."""
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    for name in names:
        for part in {name.strip(), *name.split()}:
            if len(part) >= 2:
                text = text.replace(part, "[ชื่อ]")
    return text
