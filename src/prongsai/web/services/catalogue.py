"""Reading and checking a service-catalogue TOML file (no database): Thai-first errors naming the place."""

from __future__ import annotations

import tomllib
from pathlib import Path

from prongsai.textclean import data_clean

DEMO_CATALOGUE = Path(__file__).with_name("catalogue.toml")
STARTERS = Path(__file__).with_name("starter_catalogues.toml")
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
FIELDS = {
    "code",
    "name_th",
    "name_en",
    "group",
    "keywords",
    "description",
    "division",
    "steps",
    "documents",
    "fee",
    "duration",
    "contact",
    "place",
    "hours",
    "legal_basis",
    "answer_days",
    "attributes",
    "needs_location",
    "order",
}


class CatalogueError(ValueError):
    """A bad catalogue file; `str()` is Thai first, then English, and names the file and the service."""

    def __init__(self, path: Path, where: str, message_th: str, message_en: str) -> None:
        self.path, self.where, self.message_th, self.message_en = path, where, message_th, message_en
        super().__init__(f"{path.name}: {where}: {message_th} ({message_en})")


def attribute_check(path: Path, where: str, attr: dict) -> dict:
    for key in ("code", "datatype"):
        if not isinstance(attr.get(key), str) or not attr[key]:
            raise CatalogueError(path, where, f"ไม่มีช่อง {key}", f"missing {key}")
    if attr["datatype"] not in DATATYPES:
        raise CatalogueError(
            path, where, f"datatype '{attr['datatype']}' ไม่รู้จัก", f"unknown datatype; use {sorted(DATATYPES)}"
        )
    values = attr.get("values", [])
    if attr["datatype"].endswith("valuelist") and not values:
        raise CatalogueError(path, where, "รายการตัวเลือกต้องมี values", "a value list needs values")
    for v in values:
        if not {"key", "name"} <= set(v):
            raise CatalogueError(path, where, "ตัวเลือกต้องมี key และ name", "each value needs key and name")
    return {
        "code": attr["code"],
        "datatype": attr["datatype"],
        "required": bool(attr.get("required", False)),
        "variable": bool(attr.get("variable", True)),
        "description": str(attr.get("description", "")),
        "datatype_description": str(attr.get("datatype_description", "")),
        "order": int(attr.get("order", 0)),
        "values": [{"key": str(v["key"]), "name": str(v["name"])} for v in values],
    }


def catalogue_read(path: Path = DEMO_CATALOGUE) -> list[dict]:
    """The services of a catalogue file as plain dicts, checked; raises CatalogueError."""
    return catalogue_parse(_load(path), path)


def _load(path: Path) -> dict:
    try:
        return data_clean(tomllib.loads(path.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(path, "TOML", f"อ่านไฟล์ไม่ได้: {exc}", "not valid TOML") from None


def starter_read(*, agency_type: str, path: Path = STARTERS) -> list[dict]:
    """The starter catalogue for an agency type (the `default` one for a type not listed), checked."""
    data = _load(path)
    name = data["types"].get(agency_type) or data["types"]["default"]
    if name not in data.get("starters", {}):
        raise CatalogueError(
            path, f"types.{agency_type or 'default'}", f"ไม่มีชุด starters.{name}", "no such starter"
        )
    return catalogue_parse(data["starters"][name], path, prefix=f"starters.{name}.")


def catalogue_parse(data: dict, path: Path, prefix: str = "") -> list[dict]:
    """Check the `services` list of a parsed catalogue; `path` and `prefix` name the place in errors."""
    out, seen = [], set()
    for i, raw in enumerate(data.get("services", []), start=1):
        where = f"{prefix}services #{i} ({raw.get('code', '?')})"
        unknown = set(raw) - FIELDS
        if unknown:
            raise CatalogueError(path, where, f"ช่องที่ไม่รู้จัก: {sorted(unknown)}", "unknown keys")
        for key in ("code", "name_th"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise CatalogueError(path, where, f"ไม่มีช่อง {key}", f"missing {key}")
        if raw["code"] in seen:
            raise CatalogueError(path, where, "รหัสบริการซ้ำ", "duplicate service code")
        seen.add(raw["code"])
        days = raw.get("answer_days")
        if days is not None and (not isinstance(days, int) or not 1 <= days <= 90):
            raise CatalogueError(path, where, "answer_days ต้องเป็นจำนวนเต็ม 1–90", "answer_days must be 1-90")
        attrs = [
            attribute_check(path, f"{where} attribute #{j}", a)
            for j, a in enumerate(raw.get("attributes", []), start=1)
        ]
        out.append({**raw, "attributes": attrs, "order": int(raw.get("order", i))})
    return out
