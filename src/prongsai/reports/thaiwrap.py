"""Thai line breaks that never split a word: PyThaiNLP's newmm over its dictionary plus the ITA's words.

Typst and Chromium both break Thai with ICU's dictionary, which splits words an officer reads as one
(แก้|ไข, โปร่ง|ใส, ดำเนิน|การ). Here a text becomes alternating pieces: plain text, then a word to keep
whole, then plain text … The PDF puts each kept word in a box and the HTML in a no-wrap span, so lines
end only between words (or where the plain text allows, at spaces and punctuation)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib.util import find_spec
from pathlib import Path

WORDS_FILE = Path(__file__).parent / "data" / "thai_words.txt"
# A run worth keeping whole: Thai letters and marks (not digits), at least two characters.
_THAI = re.compile(r"[\u0e01-\u0e4e]")
_MARK = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# Longest custom word taken from an agency's own names; longer ones could overflow a narrow column.
MAX_OWN_WORD = 12


class _Words:
    """The dictionary in the shape newmm asks for (`prefixes`), as a set: built in milliseconds where
    PyThaiNLP's Trie of 62,000 words takes about a second."""

    def __init__(self, base: frozenset[str], index: dict, own: frozenset[str] = frozenset()):
        # The agency's own words are looked up beside the shared set, never merged into a copy of it;
        # `index` gives, for a word's first two characters, the lengths of the words that start so.
        self.base, self.own = base, own
        self.index = _index(own, dict(index)) if own else index

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        lengths = self.index.get(text[start : start + 2])
        if not lengths:
            return [text[start]] if text[start] in self.base or text[start] in self.own else []
        room = len(text) - start
        base, own = self.base, self.own
        out = [text[start]] if text[start] in base or text[start] in own else []
        for n in lengths:
            if n > room:
                break
            piece = text[start : start + n]
            if piece in base or piece in own:
                out.append(piece)
        return out

    def __contains__(self, word: str) -> bool:
        return word in self.base or word in self.own


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [s for line in text.splitlines() if (s := line.split("#", 1)[0].strip())]


@cache
def ita_words() -> tuple[str, ...]:
    return tuple(_lines(WORDS_FILE))


@cache
def _base_words() -> frozenset[str]:
    # PyThaiNLP's word list read as a file: importing pythainlp.corpus would pull in much more.
    spec = find_spec("pythainlp")
    base = Path(next(iter(spec.submodule_search_locations)))
    return frozenset(_lines(base / "corpus" / "words_th.txt")) | frozenset(ita_words())


def _index(words, index: dict) -> dict:
    """Add each word of two or more characters to `index`: first two characters -> sorted lengths."""
    sets: dict[str, set[int]] = {}
    for w in words:
        if len(w) > 1:
            sets.setdefault(w[:2], set()).add(len(w))
    for key, lengths in sets.items():
        index[key] = tuple(sorted(set(index.get(key, ())) | lengths))
    return index


@cache
def _base_index() -> dict:
    return _index(_base_words(), {})


@lru_cache(maxsize=64)
def _dictionary(own: tuple[str, ...]) -> _Words:
    return _Words(_base_words(), _base_index(), frozenset(own))


def own_words(names) -> tuple[str, ...]:
    """Custom words from an agency's names (its name, its units): each name whole when short, else its
    place (the name less a known type prefix, e.g. ปากแพรก of เทศบาลเมืองปากแพรก)."""
    prefixes = sorted((w for w in ita_words()), key=len, reverse=True)
    out = []
    for name in names:
        for part in str(name).split():
            if len(part) <= MAX_OWN_WORD:
                out.append(part)
                continue
            prefix = next((p for p in prefixes if part.startswith(p)), None)
            rest = part[len(prefix) :] if prefix else ""
            if 1 < len(rest) <= MAX_OWN_WORD:
                out.append(rest)
    return tuple(sorted(set(out)))


def _clusters(word: str) -> int:
    return len(word) - len(_MARK.findall(word))


@lru_cache(maxsize=8192)
def pieces(text: str, own: tuple[str, ...] = ()) -> tuple[str, ...]:
    """`text` as alternating (plain, word, plain, word, …, plain): every odd piece a Thai word of two
    or more characters to keep on one line. Joined, the pieces give `text` back unchanged."""
    if not _THAI.search(text):
        return (text,)
    from pythainlp.tokenize.newmm import segment

    out = [""]
    for token in segment(text, custom_dict=_dictionary(own)):
        if _clusters(token) > 1 and all(_THAI.match(ch) for ch in token):
            out += [token, ""]
        else:
            out[-1] += token
    return tuple(out)
