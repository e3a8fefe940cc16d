"""Batch tables (CSV or XLSX), one row per agency-year: agency, fiscal_year, i1 … i10 and/or iit, eit, oit."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ...thai import arabic_digits
from ..errors import InputError
from ..records import Agency, AgencyYear
from .encoding import read_text
from .scale import HUNDRED, check_one_scale, parse_score

# Header aliases (normalised: lower case, no spaces, Arabic digits). Thai first, as agencies write them.
_ALIASES = {
    "agency": ("agency", "หน่วยงาน", "ชื่อหน่วยงาน", "name"),
    "fiscal_year": ("fiscal_year", "fiscalyear", "year", "ปีงบประมาณ", "ปี", "ปีงบประมาณพ.ศ."),
    "type": ("type", "agency_type", "ประเภท", "ประเภทหน่วยงาน"),
    "province": ("province", "จังหวัด"),
    "district": ("district", "อำเภอ"),
    "code": ("code", "agency_code", "รหัส", "รหัสหน่วยงาน"),
    "IIT": ("iit",),
    "EIT": ("eit",),
    "OIT": ("oit",),
    # FY2566 EIT published in two parts (docs/ita-method.md §9): the EIT is their mean.
    "EIT_1": ("eit_1", "eit1", "eitส่วนที่1", "eit_ส่วนที่1", "คะแนนeitส่วนที่1"),
    "EIT_2": ("eit_2", "eit2", "eitส่วนที่2", "eit_ส่วนที่2", "คะแนนeitส่วนที่2"),
}
_INDICATOR = re.compile(r"^(?:i|ตัวชี้วัดที่|ตัวชี้วัด)(\d{1,2})$")
_HEADER = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
TOOLS = ("IIT", "EIT", "OIT")
TOOL_PARTS = {"EIT_1": "EIT", "EIT_2": "EIT"}


def _normalise(header: str) -> str:
    return re.sub(r"\s+", "", arabic_digits(header or "")).lower()


def _map_headers(headers: list[str], path: str) -> list[str | int]:
    keys: list[str | int] = []
    for col, raw in enumerate(headers, 1):
        norm = _normalise(str(raw) if raw is not None else "")
        m = _INDICATOR.match(norm)
        key = int(m.group(1)) if m else _HEADER.get(norm)
        if key is None:
            raise InputError(
                f"ไม่รู้จักหัวคอลัมน์ {raw!r} (ใช้ได้: agency/หน่วยงาน, fiscal_year/ปีงบประมาณ, i1 … i10 "
                "หรือ ตัวชี้วัดที่ 1 …, iit, eit (หรือ eit_1, eit_2), oit, type/ประเภท, province/จังหวัด)",
                "unknown column header",
                path=path,
                line=1,
                column=col,
            )
        if key in keys:
            what = f"ตัวชี้วัดที่ {key}" if isinstance(key, int) else key
            raise InputError(f"คอลัมน์ {what} ซ้ำ", "duplicate column", path=path, line=1, column=col)
        keys.append(key)
    for needed in ("agency", "fiscal_year"):
        if needed not in keys:
            raise InputError(
                f"ไม่มีคอลัมน์ {needed} ({_ALIASES[needed][1]})", f"missing column {needed}", path=path, line=1
            )
    numbers = sorted(k for k in keys if isinstance(k, int))
    tools = {TOOL_PARTS.get(k, k) for k in keys if k in TOOLS or k in TOOL_PARTS}
    if numbers and numbers != list(range(1, 11)):
        missing = sorted(set(range(1, 11)) - set(numbers))
        what = f"ไม่มีคอลัมน์ตัวชี้วัดที่ {', '.join(map(str, missing))}" if missing else f"ตัวชี้วัดเกิน 10 ({numbers[-1]})"
        raise InputError(what, "indicator columns must be i1 … i10", path=path, line=1)
    if not numbers and tools != set(TOOLS):
        raise InputError(
            "ต้องมีคอลัมน์ i1 … i10 หรือ iit, eit, oit", "need i1 … i10 or iit, eit, oit", path=path, line=1
        )
    return keys


def _rows_csv(path: Path) -> tuple[list[str], list[tuple[int, list]]]:
    text = read_text(path)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    headers = next(reader, None)
    rows = [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    return headers or [], rows


def _rows_xlsx(path: Path) -> tuple[list[str], list[tuple[int, list]]]:
    import openpyxl  # imported here: only XLSX input needs it

    if path.stat().st_size == 0:
        raise InputError("ไฟล์ว่าง ไม่มีข้อมูล", "the file is empty", path=str(path))
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(
            f"เปิดไฟล์ XLSX ไม่ได้ (ไฟล์ต้องเป็น Excel .xlsx): {exc}", "cannot open XLSX", path=str(path)
        ) from None
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    headers = [("" if h is None else str(h)) for h in next(it, ())]
    while headers and headers[-1] == "":
        headers.pop()
    rows = []
    for k, row in enumerate(it, 2):
        cells = ["" if c is None else c for c in row]
        # A value right of the last header has no column: refuse it rather than drop it (as CSV does).
        beyond = next((j for j in range(len(headers), len(cells)) if str(cells[j]).strip()), None)
        if beyond is not None:
            raise InputError(
                f"มีค่าในคอลัมน์ที่ {beyond + 1} ซึ่งไม่มีหัวคอลัมน์ (พบ {cells[beyond]!r})",
                "a value in a column without a header",
                path=str(path),
                line=k,
                column=beyond + 1,
            )
        cells = cells[: len(headers)]
        if any(str(c).strip() for c in cells):
            rows.append((k, cells + [""] * (len(headers) - len(cells))))
    wb.close()
    return headers, rows


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, list]]]:
    """A CSV (UTF-8, comma or tab) or XLSX table as its header cells and its non-empty rows, each with
    its line number; also used by the web platform's agency register import."""
    if path.suffix.lower() == ".xlsx":
        return _rows_xlsx(path)
    return _rows_csv(path)


def normalise_header(header: str) -> str:
    """A header as matched against aliases: lower case, no spaces, Arabic digits."""
    return _normalise(header)


def _parse_row(line: int, cells: list, keys: list, spath: str, seen: dict[tuple[str, int], int]):
    """One data row → (line, agency, year, indicators, tools, meta); InputError names its cell."""
    if len(cells) != len(keys):
        raise InputError(
            f"บรรทัดนี้มี {len(cells)} ช่อง แต่หัวตารางมี {len(keys)} คอลัมน์",
            "wrong number of cells",
            path=spath,
            line=line,
        )
    row = dict(zip(keys, cells, strict=True))
    agency = str(row["agency"]).strip()
    if not agency:
        raise InputError("ไม่มีชื่อหน่วยงาน", "empty agency", path=spath, line=line, column="agency")
    year_text = arabic_digits(row["fiscal_year"]).strip().removesuffix(".0")
    if not year_text.isdigit():
        raise InputError(
            f"ปีงบประมาณต้องเป็นตัวเลข พ.ศ. (พบ {row['fiscal_year']!r})",
            "bad fiscal year",
            path=spath,
            line=line,
            column="fiscal_year",
        )
    year = int(year_text)
    if (agency, year) in seen:
        raise InputError(
            f"{agency} ปี {year} ซ้ำกับบรรทัด {seen[agency, year]}",
            "duplicate agency-year",
            path=spath,
            line=line,
            column="agency",
        )
    indicators = {
        k: parse_score(v, path=spath, line=line, column=f"i{k}") for k, v in row.items() if isinstance(k, int)
    } or None
    tools = {
        k: parse_score(v, path=spath, line=line, column=k.lower())
        for k, v in row.items()
        if (k in TOOLS or k in TOOL_PARTS) and str(v).strip() != ""
    } or None
    seen[agency, year] = line
    meta = {k: str(row.get(k, "")).strip() for k in ("type", "province", "district", "code")}
    return line, agency, year, indicators, tools, meta


def read_table(path: Path, *, row_errors: list[InputError] | None = None) -> list[AgencyYear]:
    """Every agency-year of a CSV/XLSX table. A bad row refuses the whole file, unless `row_errors` is
    given: then each bad row's error is put there and the good rows are returned (a batch of documents
    goes on for the other agencies). Errors of the file as a whole (encoding, headers, mixed scales)
    always refuse it."""
    spath = str(path)
    headers, rows = read_rows(path)
    if not headers or not any(str(h).strip() for h in headers):
        raise InputError("ไฟล์ว่าง ไม่มีหัวคอลัมน์", "the file is empty", path=spath)
    keys = _map_headers(headers, spath)
    if not rows:
        raise InputError("ไฟล์มีแต่หัวคอลัมน์ ไม่มีข้อมูลหน่วยงาน", "no data rows", path=spath, line=2)
    parsed = []
    seen: dict[tuple[str, int], int] = {}
    for line, cells in rows:
        try:
            parsed.append(_parse_row(line, cells, keys, spath, seen))
        except InputError as exc:
            if row_errors is None:
                raise
            row_errors.append(exc)
    fraction = check_one_scale(
        [
            (
                line,
                {f"i{k}": v for k, v in (ind or {}).items()} | {k.lower(): v for k, v in (tl or {}).items()},
            )
            for line, _, _, ind, tl, _ in parsed
        ],
        spath,
    )
    records = []
    for line, agency, year, indicators, tools, meta in parsed:
        if fraction:
            indicators = {k: v * HUNDRED for k, v in indicators.items()} if indicators else None
            tools = {k: v * HUNDRED for k, v in tools.items()} if tools else None
        records.append(AgencyYear(Agency(agency, **meta), year, indicators, tools, path=spath, line=line))
    return records
