"""The `[oit]` table of a year: the item list (code, title, indicator, sub-indicator, evidence, the Prongsai
feature that provides it, when it is due, confidence and source) and, where known, its grouping."""

from __future__ import annotations

from .framework import DUES, Indicator, Oit, OitItem, OitSubindicator

ITEM_KEYS = {
    "code",
    "name_th",
    "indicator",
    "subindicator",
    "evidence",
    "feature",
    "due",
    "confidence",
    "source",
}


def parse_oit(r, t: dict, indicators: list[Indicator] | tuple[Indicator, ...]) -> Oit:
    """`r` is framework_parse._Reader (errors name the file and the key, e.g. `oit.items[3].due`)."""
    oit_numbers = {i.number for i in indicators if i.tool == "OIT"}
    names_rule = r.rule(r.get(t, "item_names", "oit", dict), "oit.item_names")
    sub_t = r.get(t, "subindicators", "oit", list, required=False) or []
    sub_codes = {}
    for k, st in enumerate(sub_t):
        where = f"oit.subindicators[{k}]"
        ind = r.get(st, "indicator", where, int)
        if ind not in oit_numbers:
            raise r.fail(f"{where}.indicator", f"ตัวชี้วัด {ind} ไม่ใช่ตัวชี้วัดของ OIT")
        sub_codes[r.get(st, "code", where)] = ind
    items: list[OitItem] = []
    names: dict[str, str] = {}
    for k, it in enumerate(r.get(t, "items", "oit", list)):
        where = f"oit.items[{k}]"
        if not isinstance(it, dict):
            raise r.fail(where, "แต่ละข้อต้องเป็นตาราง [[oit.items]]", "each item must be a table")
        unknown = sorted(set(it) - ITEM_KEYS)
        if unknown:
            raise r.fail(
                f"{where}.{unknown[0]}",
                f"ไม่รู้จักคีย์ {unknown[0]!r} (ใช้ได้: {', '.join(sorted(ITEM_KEYS))})",
                "unknown key",
            )
        code = r.get(it, "code", where).strip()
        if not code:
            raise r.fail(f"{where}.code", "รหัสข้อว่าง", "empty item code")
        if code in names:
            raise r.fail(f"{where}.code", f"ข้อ {code} ซ้ำ", "duplicate item")
        name = r.get(it, "name_th", where).strip()
        if not name:
            raise r.fail(f"{where}.name_th", f"ข้อ {code} ไม่มีชื่อ", "empty title")
        sub = r.get(it, "subindicator", where, required=False) or ""
        if sub and sub not in sub_codes:
            raise r.fail(f"{where}.subindicator", f"ไม่มีตัวชี้วัดย่อย {sub!r} ใน oit.subindicators")
        indicator = r.get(it, "indicator", where, int, required=False)
        if indicator is None and sub:
            indicator = sub_codes[sub]
        if indicator is not None and indicator not in oit_numbers:
            raise r.fail(f"{where}.indicator", f"ตัวชี้วัด {indicator} ไม่ใช่ตัวชี้วัดของ OIT (9 หรือ 10)")
        if sub and indicator != sub_codes[sub]:
            raise r.fail(f"{where}.indicator", f"ตัวชี้วัดย่อย {sub} อยู่ในตัวชี้วัด {sub_codes[sub]}")
        due = r.get(it, "due", where, required=False) or ""
        if due and due not in DUES:
            raise r.fail(f"{where}.due", f"รอบการเผยแพร่ต้องเป็นหนึ่งใน {', '.join(DUES)} (พบ {due!r})")
        names[code] = name
        items.append(
            OitItem(
                code,
                name,
                indicator,
                sub,
                r.get(it, "evidence", where, required=False) or "",
                r.get(it, "feature", where, required=False) or "",
                due,
                r.rule(it, where, names_rule),
            )
        )
    if not items:
        raise r.fail("oit.items", "ไม่มีรายการข้อ OIT", "no items")
    subs, used = [], {}
    for k, st in enumerate(sub_t):
        where = f"oit.subindicators[{k}]"
        code = st["code"]
        listed = r.get(st, "items", where, list, required=False)
        members = (
            tuple(listed) if listed is not None else tuple(i.code for i in items if i.subindicator == code)
        )
        for item in members:
            if item not in names:
                raise r.fail(f"{where}.items", f"ไม่มีข้อ {item} ในรายการ oit.items", "unknown item")
            if item in used:
                raise r.fail(f"{where}.items", f"ข้อ {item} อยู่ในตัวชี้วัดย่อยมากกว่าหนึ่ง", "item in two groups")
            used[item] = code
        subs.append(OitSubindicator(code, sub_codes[code], r.get(st, "name_th", where), members))
    # Items grouped by a sub-indicator's list take its indicator and code.
    items = [
        i if i.subindicator or i.code not in used else _grouped(i, used[i.code], sub_codes[used[i.code]])
        for i in items
    ]
    complete = r.get(t, "complete", "oit", bool, required=False)
    return Oit(tuple(subs), names, r.rule(t, "oit"), names_rule, tuple(items), complete is not False)


def _grouped(item: OitItem, sub: str, indicator: int) -> OitItem:
    from dataclasses import replace

    return replace(item, subindicator=sub, indicator=indicator)


def oit_items_parse(data: dict, *, path: str, text: str = "") -> tuple[int, Oit]:
    """An administrator's item list for one year: `fiscal_year = <year>` and an `[oit]` table shaped as in
    the framework files. Checked against that year's indicators; errors name the key and, given the
    file's `text`, its line (`oit.items[3].due` → the line of `due` in the fourth [[oit.items]])."""
    from .errors import FrameworkError, UnknownYearError
    from .framework import get_framework
    from .framework_parse import _Reader

    r = _Reader(path)
    try:
        year = r.get(data, "fiscal_year", "", int)
        try:
            fw = get_framework(year)
        except UnknownYearError as exc:
            raise r.fail("fiscal_year", exc.message_th, "unknown fiscal year") from None
        oit_t = r.get(data, "oit", "", dict)
        return year, parse_oit(r, oit_t, fw.indicators)
    except FrameworkError as exc:
        line = _line_of(text, exc.key) if text else None
        where = f" บรรทัด {line}" if line else ""
        raise FrameworkError(path, exc.key, f"{exc.message_th}{where}", exc.message_en) from None


def _line_of(text: str, key: str) -> int | None:
    import re

    lines = text.splitlines()
    m = re.match(r"^oit\.(items|subindicators)\[(\d+)\](?:\.(\w+))?", key)
    if not m:
        leaf = key.rsplit(".", 1)[-1]
        return next((k + 1 for k, ln in enumerate(lines) if re.match(rf"\s*{re.escape(leaf)}\s*=", ln)), None)
    heads = [k for k, ln in enumerate(lines) if ln.strip() == f"[[oit.{m.group(1)}]]"]
    entry = int(m.group(2))
    if entry >= len(heads):
        return None
    start = heads[entry]
    end = heads[entry + 1] if entry + 1 < len(heads) else len(lines)
    if m.group(3):
        for k in range(start + 1, end):
            if re.match(rf"\s*{re.escape(m.group(3))}\s*=", lines[k]):
                return k + 1
    return start + 1
