"""A year file that says `extends = <year>` states only what changed: resolve it into the whole year.

Resolution, in order: the earlier year's data (itself resolved); the keys named in `drop` removed from it
(dotted paths, e.g. "surveys" or "oit"); then the year's own tables laid over it. Tables merge key by key.
Arrays of tables with a natural key (tools by code, indicators by number, OIT items and sub-indicators by
code) merge entry by entry, new entries appended; any other array (levels.rules, a sub-indicator's items)
is replaced whole.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

from .errors import FrameworkError

# Arrays of tables merged entry by entry, by this key of each entry.
KEYED_ARRAYS = {
    "tools": "code",
    "indicators": "number",
    "oit.items": "code",
    "oit.subindicators": "code",
}
CHAIN_KEYS = ("extends", "drop")


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(str(path), "-", f"ไฟล์ TOML ไม่ถูกต้อง: {exc}", "invalid TOML") from None


def _merge(base, over, where: str):
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            sub = f"{where}.{key}" if where else key
            out[key] = _merge(base[key], value, sub) if key in base else copy.deepcopy(value)
        return out
    key = KEYED_ARRAYS.get(where)
    if key and isinstance(base, list) and isinstance(over, list):
        out = [dict(e) for e in base]
        index = {e.get(key): k for k, e in enumerate(out)}
        for entry in over:
            if entry.get(key) in index:
                k = index[entry[key]]
                out[k] = _merge(out[k], entry, f"{where}[{k}]")
            else:
                out.append(copy.deepcopy(entry))
        return out
    return copy.deepcopy(over)


def _drop(data: dict, dotted: str, path: str, parent: int) -> None:
    *heads, last = dotted.split(".")
    table = data
    for head in heads:
        table = table.get(head) if isinstance(table, dict) else None
    if not isinstance(table, dict) or last not in table:
        raise FrameworkError(
            path, "drop", f"ไม่มี {dotted!r} ในข้อมูลของปี {parent} ให้ตัดออก", f"nothing called {dotted!r} to drop"
        )
    del table[last]


def resolve(path: Path, _seen: tuple[int, ...] = ()) -> dict:
    """The whole data of the year file at `path`, its `extends` chain resolved (same directory)."""
    data = read_toml(path)
    parent = data.get("extends")
    if parent is None:
        if "drop" in data:
            raise FrameworkError(str(path), "drop", "ใช้ drop ได้เฉพาะไฟล์ที่มี extends", "drop without extends")
        return data
    if not isinstance(parent, int) or isinstance(parent, bool):
        raise FrameworkError(str(path), "extends", f"extends ต้องเป็นปี พ.ศ. เช่น 2568 (พบ {parent!r})")
    year = data.get("fiscal_year")
    if isinstance(year, int) and parent >= year:
        raise FrameworkError(
            str(path), "extends", f"ปีที่อ้างถึง ({parent}) ต้องมาก่อนปีของไฟล์ ({year})", "extends a later year"
        )
    if parent in _seen:
        raise FrameworkError(str(path), "extends", f"อ้างถึงปี {parent} วนกลับมาที่เดิม", "extends loop")
    parent_path = path.parent / f"{parent}.toml"
    if not parent_path.exists():
        raise FrameworkError(str(path), "extends", f"ไม่มีไฟล์กฎของปี {parent} ({parent_path.name})")
    base = resolve(parent_path, (*_seen, parent))
    base.pop("extends", None)
    drops = data.get("drop", [])
    if not isinstance(drops, list) or not all(isinstance(d, str) for d in drops):
        raise FrameworkError(str(path), "drop", 'drop ต้องเป็นรายการชื่อคีย์ เช่น ["oit"]', "drop must list keys")
    for dotted in drops:
        _drop(base, dotted, str(path), parent)
    own = {k: v for k, v in data.items() if k not in CHAIN_KEYS}
    merged = _merge(base, own, "")
    merged["extends"] = parent
    return merged
