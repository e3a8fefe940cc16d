"""The agency's own survey in the document: a labelled section that compares it, indicator by indicator,
with the assessed year's ITA result. Its data are plain entries (`[[self_assessment]]` in an agency file,
or the web's surveys, `documents.sources`), each:

    {"tool": "IIT", "start": date, "end": date, "responses": 214, "verified": bool,
     "indicators": {"2": 86.12, "3": None, …}, "min_responses": 10, "title": "…"}

An indicator whose value is None (too few answers to show) is listed as not shown, with the minimum."""

from __future__ import annotations

from decimal import Decimal

from ..thai import thai_period
from .document import Cell, Column, Heading, Table


def self_assessment_blocks(w, entries: list[dict]) -> list:
    """The section for each cited survey: heading, what it is, and the table. `w` is the document's
    writer (texts, digits, the result)."""
    t, result = w.t, w.a.result
    official = {i.number: i.score for i in result.indicators}
    names = {i.number: i.name_th for i in result.framework.indicators}
    out: list = []
    for entry in entries:
        out.append(Heading(t["h_self"], 2))
        intro = t["self_intro"].format(
            agency=w.agency,
            tool=entry["tool"],
            period=thai_period(entry["start"], entry["end"], w.o.digits),
            responses=f"{int(entry['responses']):,}",
        )
        out.append(w.para(w.d(intro)))
        if not entry.get("verified", False):
            out.append(w.para(t["self_unverified"], "note"))
        columns = tuple(
            Column(c, wd, al)
            for c, wd, al in zip(
                t["self_columns"], (70, 32, 32, 26), ("left", "center", "center", "center"), strict=True
            )
        )
        rows, hidden = [], False
        for key, value in sorted(entry["indicators"].items(), key=lambda kv: int(kv[0])):
            n = int(key)
            ours = None if value is None else Decimal(str(value))
            theirs = official.get(n)
            hidden = hidden or ours is None
            change = "–" if ours is None or theirs is None else _signed(w, ours - theirs)
            rows.append(
                (
                    Cell(w.d(f"{n}. {names.get(n, '')}")),
                    Cell(t["self_not_shown"] if ours is None else w.s(ours)),
                    Cell("–" if theirs is None else w.s(theirs)),
                    Cell(change),
                )
            )
        out.append(
            Table(columns, tuple(rows), caption=t["self_caption"].format(year=w.d(result.fiscal_year)))
        )
        if hidden and entry.get("min_responses"):
            out.append(w.para(w.d(t["self_hidden"].format(minimum=entry["min_responses"])), "note"))
    return out


def _signed(w, delta: Decimal) -> str:
    text = w.s(abs(delta))
    return ("+" if delta > 0 else "−" if delta < 0 else "") + text
