"""Removing personal data from the texts the public side shows (Q&A board, Open311 requests).

What a citizen wrote (description, address) loses phone numbers, e-mail addresses, 13-digit ids,
LINE ids and the sender's name; the agency's own published contacts (`keep`) stay. A staff answer is
the agency's published word: it is not searched for numbers or addresses at all, only for the citizen's
own data (the name, phone, e-mail and LINE id given in the case, and any found in what they wrote).
The patterns are data in redact.toml, compiled once. Matching runs on a copy of the text with Thai and
full-width digits as 0-9, one character for one, so the output keeps the text around each replacement
exactly as written.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES_FILE = Path(__file__).with_name("redact.toml")
_NORMAL = str.maketrans("๐๑๒๓๔๕๖๗๘๙０１２３４５６７８９＠．－／（）：", "01234567890123456789@.-/():")
_SPACE = "[ \u00a0]"
_DIGIT_CHARS = re.compile(r"[0-9._-]")


@dataclass(frozen=True)
class Found:
    """One piece of personal data: where it is, what it is, and its comparable form."""

    start: int
    end: int
    kind: str  # email, line, citizen_id, phone, name
    value: str  # canonical: digits of a phone (national, leading 0) or id, a lower-case address or LINE id


@dataclass(frozen=True)
class Rules:
    patterns: tuple[tuple[str, re.Pattern], ...]  # kind, pattern; earlier kinds win an overlap
    at: str  # regex: one way of writing "@"
    dot: str  # regex: one way of writing "." in a domain
    labels: dict[str, str]
    titles: tuple[str, ...]
    min_name: int
    bare_keyword: str
    not_ids: frozenset[str]
    id_digits: int
    agency_fields: tuple[str, ...]


def _lead_length(lead: str) -> int:
    return len(re.sub(r"\[[^\]]*\]", "x", lead))


def _grouped(lead: str, groups: list[list[int]], sep: str) -> str:
    """Alternatives for a number written in one of `groups` (digit counts), starting with `lead`."""
    alts = []
    for group in groups:
        extra = group[0] - _lead_length(lead)
        first = lead + (f"[0-9]{{{extra}}}" if extra else "")
        if len(group) == 1:
            alts.append(first)
            continue
        rest = "".join(f"{sep}[0-9]{{{n}}}" for n in group[2:])
        alts.append(f"{first}{sep}[0-9]{{{group[1]}}}{rest}")
        alts.append(rf"\({first}\){_SPACE}?[0-9]{{{group[1]}}}{rest}")
    return "|".join(alts)


def _tokens(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _keyword(word: str) -> str:
    pattern = f"{_SPACE}*".join(re.escape(part) for part in word.split())
    if word[:1].isascii() and word[:1].isalpha():
        pattern = "(?<![A-Za-z])" + pattern
    if word[-1:].isascii() and word[-1:].isalpha():
        pattern += "(?![A-Za-z])"
    return pattern


@cache
def rules() -> Rules:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    chars = re.escape(data["digits"]["separators"])
    sep = f"(?:{_SPACE}?[{chars}]{_SPACE}?|{_SPACE})"
    before = f"(?<![0-9])(?<![0-9][{chars}])"
    after = f"(?![0-9])(?![{chars}][0-9])"

    national, international = [], []
    for kind in ("mobile", "landline"):
        spec = data["phone"][kind]
        national.append(_grouped(spec["lead"], spec["groups"], sep))
        shorter = [[group[0] - 1, *group[1:]] for group in spec["groups"]]
        international.append(_grouped(spec["lead"].removeprefix("0"), shorter, sep))
    plus66 = rf"(?:\(\+{_SPACE}?66\)|\+{_SPACE}?66){sep}?(?:\(0\){_SPACE}?|0)?"
    phone = f"{before}(?:{plus66}(?:{'|'.join(international)})|{'|'.join(national)}){after}"

    n = int(data["citizen_id"]["digits"])
    citizen_id = f"{before}[0-9](?:{sep}?[0-9]){{{n - 1}}}{after}"

    mail = data["email"]
    at = rf"(?:{_SPACE}*(?i:{_tokens(mail['at'])}){_SPACE}*)"
    dot = rf"(?:\.|{_SPACE}*(?i:{_tokens(mail['dot'])}){_SPACE}*)"
    label = "[A-Za-z0-9-]+"
    email = (
        rf"(?<![A-Za-z0-9._%+-])(?P<local>[A-Za-z0-9._%+-]+){at}"
        rf"(?P<domain>{label}(?:{dot}{label})*{dot}[A-Za-z]{{2,}})(?![A-Za-z0-9-])"
    )

    line = data["line"]
    keywords = "|".join(_keyword(w) for w in sorted(line["keywords"], key=len, reverse=True))
    line_re = (
        rf"(?i:(?P<kw>{keywords})){_SPACE}*(?P<fill>{_tokens(line['fillers'])})?{_SPACE}*"
        rf"(?P<id>@?{_SPACE}?[A-Za-z0-9_-][A-Za-z0-9._-]{{1,48}}[A-Za-z0-9_-])(?![A-Za-z0-9_-])"
    )
    return Rules(
        patterns=(
            ("email", re.compile(email)),
            ("line", re.compile(line_re)),
            ("citizen_id", re.compile(citizen_id)),
            ("phone", re.compile(phone)),
        ),
        at=at,
        dot=dot,
        labels=dict(data["labels"]),
        titles=tuple(sorted(data["names"]["titles"], key=len, reverse=True)),
        min_name=int(data["names"]["min_length"]),
        bare_keyword=line["bare_keyword"].lower(),
        not_ids=frozenset(w.lower() for w in line["not_ids"]),
        id_digits=n,
        agency_fields=tuple(data["keep"]["agency_fields"]),
    )


def contact_canonical(value: str) -> str:
    """A phone number as its national digits (+66 81… → 081…), an id as digits, anything else lower-case."""
    value = value.strip().translate(_NORMAL)
    digits = re.sub(r"[^0-9]", "", value)
    if "@" not in value and len(digits) >= 6 and len(digits) >= len(re.sub(r"[\s.\-/()+]", "", value)) - 1:
        if value.lstrip("(").startswith("+66") or (digits.startswith("66") and len(digits) in (10, 11)):
            digits = "0" + digits[2:].removeprefix("0")
        return digits
    email = dict(rules().patterns)["email"].fullmatch(value)
    if email:
        return _email_canonical(email)
    return value.removeprefix("@").lower()


def _email_canonical(m: re.Match) -> str:
    return f"{m['local']}@{re.sub(rules().dot, '.', m['domain'])}".lower()


def _kind_of(canonical: str) -> str:
    if "@" in canonical:
        return "email"
    if canonical.isdigit():
        return "citizen_id" if len(canonical) == rules().id_digits else "phone"
    return "line"


def _contact_pattern(canonical: str) -> re.Pattern | None:
    """The citizen's own contact as it may be written in any text (any separators, +66, obfuscated @)."""
    r = rules()
    kind = _kind_of(canonical)
    if kind == "email":
        local, _, domain = canonical.partition("@")
        return re.compile(re.escape(local) + r.at + r.dot.join(map(re.escape, domain.split("."))), re.I)
    if kind in ("phone", "citizen_id"):
        gap = r"[ \u00a0.\-/()]{0,3}"
        if kind == "phone" and canonical.startswith("0"):
            start = rf"(?:\(?\+{_SPACE}?66\)?[ \u00a0.\-]?(?:\(0\){_SPACE}?|0)?|\(?0)"
            body = start + gap + gap.join(canonical[1:])
        else:
            body = gap.join(canonical)
        return re.compile(f"(?<![0-9]){body}(?![0-9])")
    if len(canonical) < 3:
        return None
    return re.compile(rf"(?<![A-Za-z0-9._-])@?{re.escape(canonical)}(?![A-Za-z0-9_-])", re.I)


def _free(taken: list[Found], start: int, end: int) -> bool:
    return all(end <= f.start or start >= f.end for f in taken)


def _find_patterns(normal: str, keep: frozenset[str]) -> list[Found]:
    r = rules()
    found: list[Found] = []
    for kind, pattern in r.patterns:
        for m in pattern.finditer(normal):
            start, end = m.span()
            if kind == "email":
                value = _email_canonical(m)
            elif kind == "line":
                ident = m["id"].lstrip("@ \u00a0")
                bare = m["kw"].lower() == r.bare_keyword and not m["fill"] and not m["id"].startswith("@")
                if ident.lower() in r.not_ids or (bare and not _DIGIT_CHARS.search(ident)):
                    continue
                start, value = m.start("id"), ident.lower()
            else:
                value = contact_canonical(m[0])
            if value not in keep and _free(found, start, end):
                found.append(Found(start, end, kind, value))
    return found


def _find_given(
    text: str, normal: str, names: Iterable[str], contacts: Iterable[str], found: list[Found]
) -> None:
    for canonical in dict.fromkeys(contact_canonical(c) for c in contacts if c and c.strip()):
        pattern = _contact_pattern(canonical)
        for m in pattern.finditer(normal) if pattern else ():
            if _free(found, *m.span()):
                found.append(Found(*m.span(), _kind_of(canonical), canonical))
    for part in _name_parts(names):
        at = text.find(part)
        while at >= 0:
            if _free(found, at, at + len(part)):
                found.append(Found(at, at + len(part), "name", part))
            at = text.find(part, at + len(part))


def _name_parts(names: Iterable[str]) -> list[str]:
    """The whole name, each word and each word without its title; never a title alone; longest first."""
    r = rules()
    parts: set[str] = set()
    for name in names:
        for part in {name.strip(), *name.split()}:
            parts.add(part)
            for title in r.titles:
                if part.startswith(title):
                    parts.add(part[len(title) :].strip())
                    break
    return sorted((p for p in parts if len(p) >= r.min_name and p not in r.titles), key=len, reverse=True)


def _replaced(text: str, found: list[Found]) -> str:
    labels = rules().labels
    out, at = [], 0
    for f in sorted(found, key=lambda f: f.start):
        out += [text[at : f.start], labels[f.kind]]
        at = f.end
    return "".join(out) + text[at:]


def _keep_set(keep: Iterable[str]) -> frozenset[str]:
    return frozenset(contact_canonical(k) for k in keep if k)


def personal_data(text: str, *, keep: Iterable[str] = ()) -> list[Found]:
    """The phone numbers, e-mail addresses, ids and LINE ids in a citizen's text, the agency's `keep` left out."""
    return _find_patterns(text.translate(_NORMAL), _keep_set(keep))


def _redact_citizen(
    text: str, names: Iterable[str], contacts: Iterable[str], keep: frozenset[str]
) -> tuple[str, list[Found]]:
    """The redacted text and the pieces the patterns found in it."""
    normal = text.translate(_NORMAL)
    found = _find_patterns(normal, keep)
    by_pattern = list(found)
    _find_given(text, normal, names, contacts, found)
    return _replaced(text, found), by_pattern


def redact(
    text: str,
    *,
    names: Iterable[str] = (),
    contacts: Iterable[str] = (),
    keep: Iterable[str] = (),
) -> str:
    """What a citizen wrote, with their phone numbers, e-mail addresses, ids, LINE ids, the given `names`
    and `contacts` (the case's own phone, e-mail, LINE id) replaced; the agency's published `keep` stays."""
    return _redact_citizen(text, names, contacts, _keep_set(keep))[0]


def redact_answer(text: str, *, names: Iterable[str] = (), contacts: Iterable[str] = ()) -> str:
    """A staff answer with only the citizen's `names` and `contacts` replaced: the agency's own numbers,
    addresses and LINE account in it are what it publishes."""
    found: list[Found] = []
    _find_given(text, text.translate(_NORMAL), names, contacts, found)
    return _replaced(text, found)


@dataclass(frozen=True)
class PublicTexts:
    description: str
    address: str
    answer: str


def case_public_texts(case, *, keep: Iterable[str] = ()) -> PublicTexts:
    """A case's description, address and public answer as the public may read them: the answer loses
    the contacts given in the case and any the citizen wrote in the description or address."""
    keep_set = _keep_set(keep)
    names = [case.name] if case.name else []
    phones = [f.value for f in personal_data(case.phone or "")] or [case.phone]  # "081…, 02…" is two
    given = [v for v in (case.email, *phones, case.line_id) if v]
    description, seen = _redact_citizen(case.description or "", names, given, keep_set)
    address, seen_too = _redact_citizen(case.address or "", names, given, keep_set)
    contacts = given + [f.value for f in seen + seen_too]
    return PublicTexts(
        description, address, redact_answer(case.public_answer or "", names=names, contacts=contacts)
    )


def agency_contacts(agency) -> tuple[str, ...]:
    """The agency's published contacts, from the Agency fields named in redact.toml that are set: each
    whole field, and every number or address found in it ("034 123 456, 081 234 5678" keeps both)."""
    out: list[str] = []
    for field in rules().agency_fields:
        value = str(getattr(agency, field, "") or "").strip()
        if value:
            out.append(value)
            out.extend(value[f.start : f.end] for f in personal_data(value))
    return tuple(out)
