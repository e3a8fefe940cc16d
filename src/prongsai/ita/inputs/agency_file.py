"""The per-agency TOML file: agency, fiscal year, scores, optional history, question scores and the rest."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from ..errors import InputError
from ..records import Agency, AgencyYear, HistoryEntry
from .agency_extra import check_extra, check_keys, sections
from .encoding import read_text
from .scale import HUNDRED, check_one_scale, parse_score

_INDICATOR_KEY = re.compile(r"^i(\d+)$")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")


class _Locator:
    """Finds the line of a key in the TOML text, for error messages (tomllib gives no positions)."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers = []  # (line index, table name, is an array-of-tables entry)
        for k, ln in enumerate(self.lines):
            m = _HEADER.match(ln)
            if m:
                self.headers.append((k, m.group(2), m.group(1) == "[["))

    def _next_header(self, after: int) -> int:
        return next((k for k, _, _ in self.headers if k > after), len(self.lines))

    def _find_key(self, key: str, start: int, end: int) -> int | None:
        pat = re.compile(r"^\s*\"?" + re.escape(key) + r"\"?\s*=")
        return next((k for k in range(start, end) if pat.match(self.lines[k])), None)

    def line_of(self, section: str, key: str | None = None, entry: int | None = None) -> int | None:
        """1-based line of `key` in table `section`; `entry` picks one [[history]]-style array element."""
        top, _, sub = section.partition(".")
        if entry is None:
            start = next((k for k, name, _ in self.headers if name == section), None) if section else -1
            if start is None:
                return None
            end = self._next_header(start)
        else:
            starts = [k for k, name, array in self.headers if name == top and array]
            if entry >= len(starts):
                return None
            start = starts[entry]
            end = self._next_header(start)
            if sub:
                stop = starts[entry + 1] if entry + 1 < len(starts) else len(self.lines)
                header = next(
                    (k for k, name, _ in self.headers if start < k < stop and name == section), None
                )
                if header is None:  # an inline table: `tools = { IIT = 99 }` in the entry itself
                    found = self._find_key(sub, start + 1, end)
                    return found + 1 if found is not None else start + 1
                start, end = header, self._next_header(header)
        if key is None:
            return start + 1 if start >= 0 else None
        found = self._find_key(key, start + 1, end)
        if found is not None:
            return found + 1
        return start + 1 if start >= 0 else None


def _divisions(value, line: int | None, path: str) -> tuple[str, ...]:
    """The agency's own divisions (กอง/สำนัก, ฝ่าย/งาน): the units a drafted measure names."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(
            'agency.divisions ต้องเป็นรายการชื่อกอง/สำนัก เช่น ["สำนักปลัด", "กองคลัง"]',
            "agency.divisions must be a list of names",
            path=path,
            line=line,
            column="agency.divisions",
        )
    return tuple(dict.fromkeys(v.strip() for v in value))


def _scores(table, where: str, line_of, path: str, tools: bool = False) -> dict:
    """Scores of one table; `line_of(key)` gives the line of a key (None: the table's header)."""
    if not isinstance(table, dict):
        raise InputError(
            f"{where} ต้องเป็นตาราง", "must be a table", path=path, line=line_of(None), column=where
        )
    out = {}
    for key, raw in table.items():
        line = line_of(key)
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


def _year(table: dict, where: str, line: int | None, path: str) -> int:
    year = table.get("fiscal_year")
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool):
        raise InputError(
            "ต้องระบุปีงบประมาณ (พ.ศ.) เป็นตัวเลข เช่น 2568",
            "fiscal_year (B.E.) is required",
            path=path,
            line=line,
            column=f"{where}.fiscal_year",
        )
    return year


def _percent(scores: dict | None) -> dict | None:
    """A 0–1 score table on the 0–100 scale."""
    return {k: v * HUNDRED for k, v in scores.items()} if scores else scores


def _history(data: dict, year: int, loc: _Locator, path: str) -> list[tuple[int | None, HistoryEntry]]:
    """Earlier years: each with scores or a published total, each year once, all before `year`."""
    entries = data.get("history") or []
    if not isinstance(entries, list):
        raise InputError(
            "history ต้องเขียนเป็น [[history]] หนึ่งตารางต่อปี",
            "history must be an array of tables",
            path=path,
            line=loc.line_of("history"),
            column="history",
        )
    out: list[tuple[int | None, HistoryEntry]] = []
    seen: dict[int, int] = {}
    for k, h in enumerate(entries):
        where = f"history[{k}]"
        hline = loc.line_of("history", entry=k)
        if not isinstance(h, dict):
            raise InputError(f"{where} ต้องเป็นตาราง", "must be a table", path=path, line=hline, column=where)
        check_keys(h, "history", where, lambda key, k=k: loc.line_of("history", key, entry=k), path)
        hy = _year(h, where, loc.line_of("history", "fiscal_year", entry=k), path)
        if hy >= year:
            raise InputError(
                f"ปีย้อนหลัง {hy} ต้องก่อนปีของผลการประเมิน ({year})",
                "history years must be earlier than the result's year",
                path=path,
                line=loc.line_of("history", "fiscal_year", entry=k),
                column=f"{where}.fiscal_year",
            )
        if hy in seen:
            raise InputError(
                f"ปีย้อนหลัง {hy} ซ้ำกับ history[{seen[hy]}]",
                "duplicate history year",
                path=path,
                line=loc.line_of("history", "fiscal_year", entry=k),
                column=f"{where}.fiscal_year",
            )
        seen[hy] = k
        if not any(key in h for key in ("indicators", "tools", "total")):
            raise InputError(
                f"ปีย้อนหลัง {hy} ไม่มีคะแนน: ใส่ indicators, tools หรือ total ที่ประกาศจริง หรือลบปีนี้ออก",
                "a history entry needs indicators, tools or the published total",
                path=path,
                line=hline,
                column=where,
            )
        total = (
            parse_score(
                h["total"], path=path, line=loc.line_of("history", "total", entry=k), column=f"{where}.total"
            )
            if "total" in h
            else None
        )
        entry = HistoryEntry(
            hy,
            _scores(
                h["indicators"],
                f"{where}.indicators",
                lambda key, k=k: loc.line_of("history.indicators", key, entry=k),
                path,
            )
            if "indicators" in h
            else None,
            _scores(
                h["tools"],
                f"{where}.tools",
                lambda key, k=k: loc.line_of("history.tools", key, entry=k),
                path,
                tools=True,
            )
            if "tools" in h
            else None,
            total,
            str(h.get("level", "")),
            hline,
        )
        out.append((hline, entry))
    return out


def _scale_row(where: str, indicators, tools, total=None, questions=None) -> dict[str, Decimal]:
    """A table's scores by the name an error message gives them, for the 0–1 / 0–100 check."""
    values = {f"{where}.indicators.i{k}": v for k, v in (indicators or {}).items()}
    values |= {f"{where}.tools.{k}": v for k, v in (tools or {}).items()}
    values |= {f"{where}.questions.{k}": v for k, v in (questions or {}).items()}
    if total is not None:
        values[f"{where}.total"] = total
    return values


_CELL = re.compile(r"^(result|history)(?:\[(\d+)\])?\.(?:(indicators|tools|questions)\.)?(.+)$")


def _cell_line(loc: _Locator, column: str) -> int | None:
    """The line of a score named as `_scale_row` names it (`history[1].tools.IIT` …)."""
    m = _CELL.match(column)
    if not m:
        return None
    top, entry, table, key = m.groups()
    section = f"{top}.{table}" if table else top
    return loc.line_of(section, key, entry=int(entry) if entry is not None else None)


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
    unknown = sorted(set(data) - set(sections()))
    if unknown:
        raise InputError(
            f"ไม่รู้จักหัวข้อ [{unknown[0]}] (ใช้ได้: {', '.join(sections())})",
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
    check_keys(agency_t, "agency", "agency", lambda key: loc.line_of("agency", key), spath)
    agency = Agency(
        **{k: str(agency_t.get(k, "")).strip() for k in ("name", "type", "province", "district", "code")},
        divisions=_divisions(agency_t.get("divisions"), loc.line_of("agency", "divisions"), spath),
    )
    result_t = data.get("result")
    if not isinstance(result_t, dict):
        raise InputError("ต้องมีหัวข้อ [result] ที่มีปีงบประมาณและคะแนน", "a [result] table is required", path=spath)
    check_keys(
        result_t,
        "result",
        "result",
        lambda key: loc.line_of(f"result.{key}") or loc.line_of("result", key),
        spath,
    )
    year = _year(result_t, "result", loc.line_of("result", "fiscal_year"), spath)
    check_extra(data, year, loc.line_of, spath)
    indicators = (
        _scores(
            result_t["indicators"], "result.indicators", lambda k: loc.line_of("result.indicators", k), spath
        )
        if "indicators" in result_t
        else None
    )
    tools = (
        _scores(
            result_t["tools"], "result.tools", lambda k: loc.line_of("result.tools", k), spath, tools=True
        )
        if "tools" in result_t
        else None
    )
    questions = {}
    for qid, raw in (result_t.get("questions") or {}).items():
        questions[qid] = parse_score(
            raw, path=spath, line=loc.line_of("result.questions", qid), column=f"result.questions.{qid}"
        )
    located = _history(data, year, loc, spath)
    history = [h for _, h in located]
    rows = [(loc.line_of("result"), _scale_row("result", indicators, tools, questions=questions))]
    rows += [
        (line, _scale_row(f"history[{k}]", h.indicators, h.tools, h.total))
        for k, (line, h) in enumerate(located)
    ]
    if check_one_scale(rows, spath, lambda line, column: _cell_line(loc, column) or line):
        indicators, tools, questions = _percent(indicators), _percent(tools), _percent(questions)
        history = [
            replace(
                h,
                indicators=_percent(h.indicators),
                tools=_percent(h.tools),
                total=None if h.total is None else h.total * HUNDRED,
            )
            for h in history
        ]
    extra = {k: v for k, v in data.items() if k not in ("agency", "result", "history")}
    return AgencyYear(
        agency, year, indicators, tools, tuple(history), questions, spath, loc.line_of("result"), extra
    )
