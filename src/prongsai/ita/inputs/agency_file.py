"""The per-agency TOML file: agency, fiscal year, scores, optional history, question scores and the rest."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from ..errors import InputError
from ..records import Agency, AgencyYear, HistoryEntry
from .encoding import read_text
from .scale import HUNDRED, check_one_scale, parse_score

_INDICATOR_KEY = re.compile(r"^i(\d+)$")
KNOWN_TOP = {"agency", "result", "history", "analysis", "focus", "measures", "report"}


class _Locator:
    """Finds the line of a key in the TOML text, for error messages (tomllib gives no positions)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def line_of(self, section: str, key: str | None = None) -> int | None:
        start = 0
        if section:
            header = re.compile(r"^\s*\[\[?\s*" + re.escape(section) + r"\s*\]\]?\s*$")
            start = next((k for k, ln in enumerate(self.lines) if header.match(ln)), None)
            if start is None:
                return None
        if key is None:
            return start + 1
        pat = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=")
        for k in range(start, len(self.lines)):
            if pat.match(self.lines[k]):
                return k + 1
        return start + 1 if section else None


def _scores(table, where: str, loc: _Locator, path: str, tools: bool = False) -> dict:
    if not isinstance(table, dict):
        raise InputError(
            f"{where} ต้องเป็นตาราง", "must be a table", path=path, line=loc.line_of(where), column=where
        )
    out = {}
    for key, raw in table.items():
        line = loc.line_of(where, key)
        if tools:
            code = key.upper()
            if code in out:
                raise InputError(
                    f"เครื่องมือ {code} ซ้ำ", "duplicate tool", path=path, line=line, column=f"{where}.{key}"
                )
            out[code] = parse_score(raw, path=path, line=line, column=f"{where}.{key}")
            continue
        m = _INDICATOR_KEY.match(key.strip().lower())
        if not m:
            raise InputError(
                f"ชื่อตัวชี้วัดต้องเป็น i1 … i10 (พบ {key!r})",
                "indicator keys are i1 … i10",
                path=path,
                line=line,
                column=f"{where}.{key}",
            )
        number = int(m.group(1))
        if number in out:
            raise InputError(
                f"ตัวชี้วัดที่ {number} ซ้ำ", "duplicate indicator", path=path, line=line, column=f"{where}.{key}"
            )
        out[number] = parse_score(raw, path=path, line=line, column=f"{where}.{key}")
    return out


def _year(table: dict, where: str, loc: _Locator, path: str) -> int:
    year = table.get("fiscal_year")
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool):
        raise InputError(
            "ต้องระบุปีงบประมาณ (พ.ศ.) เป็นตัวเลข เช่น 2568",
            "fiscal_year (B.E.) is required",
            path=path,
            line=loc.line_of(where, "fiscal_year"),
            column=f"{where}.fiscal_year",
        )
    return year


def _percent(scores: dict | None) -> dict | None:
    """A 0–1 score table on the 0–100 scale."""
    return {k: v * HUNDRED for k, v in scores.items()} if scores else scores


def read_agency_file(path: Path) -> AgencyYear:
    spath = str(path)
    text = read_text(path)
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        raise InputError(
            f"ไฟล์ TOML ไม่ถูกต้อง: {exc}",
            "invalid TOML",
            path=spath,
            line=int(m.group(1)) if m else None,
            column=int(m.group(2)) if m else None,
        ) from None
    loc = _Locator(text)
    unknown = sorted(set(data) - KNOWN_TOP)
    if unknown:
        raise InputError(
            f"ไม่รู้จักหัวข้อ [{unknown[0]}] (ใช้ได้: {', '.join(sorted(KNOWN_TOP))})",
            "unknown section",
            path=spath,
            line=loc.line_of(unknown[0]),
            column=unknown[0],
        )
    agency_t = data.get("agency")
    if not isinstance(agency_t, dict) or not str(agency_t.get("name", "")).strip():
        raise InputError(
            "ต้องระบุชื่อหน่วยงานใน [agency] name",
            "agency.name is required",
            path=spath,
            line=loc.line_of("agency"),
            column="agency.name",
        )
    agency = Agency(
        **{k: str(agency_t.get(k, "")).strip() for k in ("name", "type", "province", "district", "code")}
    )
    result_t = data.get("result")
    if not isinstance(result_t, dict):
        raise InputError("ต้องมีหัวข้อ [result] ที่มีปีงบประมาณและคะแนน", "a [result] table is required", path=spath)
    year = _year(result_t, "result", loc, spath)
    indicators = (
        _scores(result_t["indicators"], "result.indicators", loc, spath) if "indicators" in result_t else None
    )
    tools = (
        _scores(result_t["tools"], "result.tools", loc, spath, tools=True) if "tools" in result_t else None
    )
    questions = {}
    for qid, raw in (result_t.get("questions") or {}).items():
        questions[qid] = parse_score(
            raw, path=spath, line=loc.line_of("result.questions", qid), column=f"result.questions.{qid}"
        )
    history = []
    for k, h in enumerate(data.get("history") or []):
        where = f"history[{k}]"
        hline = loc.line_of("history")
        hy = _year(h, "history", loc, spath)
        total = (
            parse_score(h["total"], path=spath, line=hline, column=f"{where}.total") if "total" in h else None
        )
        history.append(
            HistoryEntry(
                hy,
                _scores(h["indicators"], "history.indicators", loc, spath) if "indicators" in h else None,
                _scores(h["tools"], "history.tools", loc, spath, tools=True) if "tools" in h else None,
                total,
                str(h.get("level", "")),
            )
        )
    rows = [(loc.line_of("result"), list((indicators or {}).values()) + list((tools or {}).values()))]
    rows += [
        (loc.line_of("history"), list((h.indicators or {}).values()) + list((h.tools or {}).values()))
        for h in history
    ]
    if check_one_scale([r for r in rows if r[1]], spath):
        indicators, tools = _percent(indicators), _percent(tools)
        history = [replace(h, indicators=_percent(h.indicators), tools=_percent(h.tools)) for h in history]
    extra = {k: v for k, v in data.items() if k not in ("agency", "result", "history")}
    return AgencyYear(
        agency, year, indicators, tools, tuple(history), questions, spath, loc.line_of("result"), extra
    )
