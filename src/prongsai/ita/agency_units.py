"""Who does a drafted measure, and in which words: the agency's family (local administration, education
institution, province, department) and its own divisions, from narratives/agency_types.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .records import Agency

DATA = Path(__file__).parent / "narratives" / "agency_types.toml"


@cache
def _data() -> dict:
    with open(DATA, "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Family:
    key: str
    name_th: str
    units: dict  # role → the family's usual unit
    words: dict  # {units_word}, {channels}, {public} of the drafts' methods


def family_of(agency: Agency | None) -> Family:
    """The first family whose words the agency's type holds; else its name; else the default."""
    data = _data()
    fams = data["families"]
    key = None
    for text in (agency.type, agency.name) if agency else ():
        key = next((k for k in data["family_order"] if any(w in text for w in fams[k]["match"])), None)
        if key:
            break
    key = key or data["default"]
    f = fams[key]
    words = {w: f[w] for w in ("units_word", "channels", "public")}
    return Family(key, f["name_th"], dict(f["units"]), words)


def _division_for(role: str, divisions: tuple[str, ...]) -> str:
    for word in _data()["roles"][role]:
        found = next((d for d in divisions if word in d), None)
        if found:
            return found
    return divisions[0]


def units_for(roles, agency: Agency | None) -> tuple[str, ...]:
    """The units that carry out a measure: the agency's own divisions where it has given them,
    else the usual units of its family; each unit once, in the roles' order."""
    divisions = tuple(agency.divisions) if agency and agency.divisions else ()
    family = family_of(agency)
    out = [_division_for(r, divisions) if divisions else family.units[r] for r in roles]
    return tuple(dict.fromkeys(out))


def roles() -> tuple[str, ...]:
    return tuple(_data()["roles"])
