"""Open311 attributes as lines of text for the editor, and back (no database).

One attribute a line, fields separated by "|":
    code | datatype | จำเป็น | คำอธิบาย | key=ชื่อ; key=ชื่อ
`จำเป็น` (or "required") marks a required field; anything else, or empty, an optional one. The last part
(the values) is only for singlevaluelist and multivaluelist. Order is the line order."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from .catalogue import DATATYPES

REQUIRED_WORDS = {"จำเป็น", "required", "yes", "ต้องกรอก"}


def attributes_format(attributes: list[dict]) -> str:
    lines = []
    for a in sorted(attributes, key=lambda a: (a.get("order", 0), a["code"])):
        parts = [a["code"], a["datatype"], "จำเป็น" if a.get("required") else "", a.get("description", "")]
        if a.get("values"):
            parts.append("; ".join(f"{v['key']}={v['name']}" for v in a["values"]))
        lines.append(" | ".join(parts).rstrip(" |"))
    return "\n".join(lines)


def attributes_parse(text: str) -> list[dict]:
    """The attributes the text describes; ValidationError naming the line (Thai first) otherwise."""
    out, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        parts += [""] * (5 - len(parts))
        code, datatype, required, description, values = parts[:5]
        where = f"บรรทัดที่ {number}"
        if not code or not datatype:
            raise ValidationError(f"{where}: ต้องมีรหัสและชนิดข้อมูล คั่นด้วย | (line {number}: code | datatype)")
        if datatype not in DATATYPES:
            raise ValidationError(
                f"{where}: ไม่รู้จักชนิด “{datatype}” ใช้ได้: {', '.join(sorted(DATATYPES))} (unknown datatype)"
            )
        if code in seen:
            raise ValidationError(f"{where}: รหัส “{code}” ซ้ำ (duplicate code)")
        seen.add(code)
        pairs = [v.strip() for v in values.split(";") if v.strip()]
        if any("=" not in v for v in pairs):
            raise ValidationError(f"{where}: ตัวเลือกต้องเขียนเป็น key=ชื่อ คั่นด้วย ; (values are key=name)")
        if datatype.endswith("valuelist") and not pairs:
            raise ValidationError(f"{where}: ชนิด {datatype} ต้องมีตัวเลือก (a value list needs values)")
        out.append(
            {
                "code": code,
                "datatype": datatype,
                "required": required.lower() in REQUIRED_WORDS,
                "variable": True,
                "description": description,
                "datatype_description": "",
                "order": len(out) + 1,
                "values": [
                    {"key": k.strip(), "name": n.strip()} for k, n in (v.split("=", 1) for v in pairs)
                ],
            }
        )
    return out
