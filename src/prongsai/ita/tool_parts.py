"""A tool published in parts (FY2566 EIT in two parts, docs/ita-method.md §9): the tool score is the
plain mean of its parts. Inputs give the parts as `eit_1`, `eit_2` (keys EIT_1, EIT_2 here)."""

from __future__ import annotations

import re
from decimal import Decimal

from .errors import InputError
from .framework import CONFIDENCE_TH, Framework

PART_KEY = re.compile(r"^([A-Z]+)_(\d+)$")
TOLERANCE = Decimal("0.01")  # a published tool score beside its parts: within the rounding of publication


def part_keys(tools: dict | None) -> list[str]:
    return [k for k in (tools or {}) if PART_KEY.match(k)]


def combine_tool_parts(fw: Framework, tools: dict | None) -> tuple[dict | None, tuple[str, ...]]:
    """Tool scores with any parts replaced by their mean; the notes say so, with the rule's confidence."""
    keys = part_keys(tools)
    if not keys:
        return tools, ()
    out = {k: v for k, v in tools.items() if k not in keys}
    notes = []
    by_tool: dict[str, dict[int, Decimal]] = {}
    for key in keys:
        code, number = PART_KEY.match(key).groups()
        rule = fw.tool_parts.get(code)
        if rule is None:
            raise InputError(
                f"ปี {fw.fiscal_year} ไม่มีการเผยแพร่ {code} แบบแยกส่วน ({key.lower()}): ให้ระบุ {code.lower()} คะแนนเดียว",
                f"{code} is not published in parts in FY{fw.fiscal_year}",
                column=key.lower(),
            )
        if not 1 <= int(number) <= rule.parts:
            raise InputError(
                f"{code} มี {rule.parts} ส่วน ({key.lower()} ไม่มี)", "no such part", column=key.lower()
            )
        by_tool.setdefault(code, {})[int(number)] = Decimal(str(tools[key]))
    for code, parts in by_tool.items():
        rule = fw.tool_parts[code]
        missing = [f"{code.lower()}_{n}" for n in range(1, rule.parts + 1) if n not in parts]
        if missing:
            raise InputError(
                f"ให้คะแนน {code} ส่วนย่อยไม่ครบ: ไม่มี {', '.join(missing)}",
                "missing tool part",
                column=missing[0],
            )
        mean = sum(parts.values(), Decimal(0)) / rule.parts
        if code in out:
            given = Decimal(str(out[code]))
            shown = mean.quantize(Decimal(1).scaleb(-fw.decimals))
            if abs(shown - given) > TOLERANCE:
                raise InputError(
                    f"คะแนน {code} ที่ระบุ ({given}) ไม่ตรงกับค่าเฉลี่ยของ {rule.parts} ส่วน ({shown})",
                    f"given {code} disagrees with the mean of its parts",
                    column=code.lower(),
                )
        out[code] = mean
        listed = " และ ".join(str(parts[n]) for n in sorted(parts))
        notes.append(
            f"{code} = ค่าเฉลี่ยของ {rule.parts} ส่วน ({listed}) = {mean.normalize():f} "
            f"(กฎ{CONFIDENCE_TH[rule.rule.confidence]}: {rule.rule.source})"
        )
    return out, tuple(notes)
