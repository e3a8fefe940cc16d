"""Text as the platform keeps it: no control characters, nothing XML cannot carry, LF line ends.

One rule for every way text comes in (web requests through `prongsai.web.textclean`, seed and catalogue
files, imports) and, as defence in depth, for every writer that refuses such characters (XLSX, DOCX):

- removed: C0 controls but TAB, LF and CR (NUL makes PostgreSQL refuse the statement; XML 1.0, so XLSX
  and DOCX, cannot carry any of them), DEL and the C1 controls U+0080–U+009F (never typed; they come from
  text decoded with the wrong code page), lone surrogates and the non-characters U+FFFE and U+FFFF;
- CR LF and a lone CR become LF (browsers send a textarea's lines with CR LF; python-docx would turn CR
  LF into two line breaks).

No Django here: `prongsai.reports` uses it too.
"""

from __future__ import annotations

import re

# What XML 1.0 cannot carry, plus DEL and C1 (legal in XML but never meant).
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Also a CR, which becomes LF: one search tells whether a text needs any work at all.
_DIRTY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def text_clean(text: str) -> str:
    """`text` without unwanted characters and with LF line ends; the same object when already clean."""
    if _DIRTY.search(text) is None:
        return text
    text = UNWANTED.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def data_clean(value):
    """`value` with every string in it cleaned, dictionary keys included (JSON and TOML data)."""
    if isinstance(value, str):
        return text_clean(value)
    if isinstance(value, dict):
        return {data_clean(k): data_clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [data_clean(v) for v in value]
    if isinstance(value, tuple):
        return tuple(data_clean(v) for v in value)
    return value
