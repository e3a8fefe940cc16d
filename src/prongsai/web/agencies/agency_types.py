"""The kinds of agency (agency_types.toml): look a type up by its name, code or alias."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TYPES_FILE = Path(__file__).with_name("agency_types.toml")


@dataclass(frozen=True)
class AgencyType:
    code: str
    name: str
    kind: str  # "local" or "other"
    aliases: tuple[str, ...]


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


@cache
def agency_types() -> tuple[AgencyType, ...]:
    data = tomllib.loads(TYPES_FILE.read_text(encoding="utf-8"))
    out = []
    for item in data["types"]:
        if item["kind"] not in ("local", "other"):
            raise ValueError(f"{TYPES_FILE.name}: {item['code']}: kind must be local or other")
        out.append(AgencyType(item["code"], item["name"], item["kind"], tuple(item.get("aliases", ()))))
    return tuple(out)


@cache
def _lookup() -> dict[str, AgencyType]:
    table: dict[str, AgencyType] = {}
    for t in agency_types():
        for word in (t.code, t.name, *t.aliases):
            if _key(word) in table and table[_key(word)] is not t:
                raise ValueError(f"{TYPES_FILE.name}: {word!r} names two types")
            table[_key(word)] = t
    return table


def agency_type_find(text: str) -> AgencyType | None:
    """The type a register cell names (its Thai name, code or an alias such as อบต.), or None."""
    return _lookup().get(_key(text or ""))
