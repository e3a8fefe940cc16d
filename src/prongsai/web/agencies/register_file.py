"""Reading the national agency register (CSV or XLSX, Thai headers): rows checked, every error at once.

Nothing here touches the database: `register_read` gives checked rows or raises `RegisterFileError`
with the Thai-first error of every bad cell, so a file with any bad row is refused whole."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ...ita.errors import InputError
from ...ita.inputs.table import normalise_header, read_rows
from ...thai import arabic_digits
from .agency_types import agency_type_find, agency_types

COLUMNS_FILE = Path(__file__).with_name("register_columns.toml")
_CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$")
_LIMITS = {"name": 200, "province": 100, "district": 100, "supervisor_group": 200}


@dataclass(frozen=True)
class RegisterRow:
    line: int
    code: str
    name: str
    type: str  # the type's Thai name from agency_types.toml
    province: str = ""
    district: str = ""
    supervisor_group: str = ""
    admin_email: str = ""
    # The columns the file has: an agency's value for a column the file leaves out is kept as it is.
    columns: frozenset[str] = frozenset()


class RegisterFileError(ValueError):
    """The file is refused: `errors` holds every problem found, each naming file, line and column."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@cache
def _columns() -> tuple[dict[str, str], tuple[str, ...]]:
    data = tomllib.loads(COLUMNS_FILE.read_text(encoding="utf-8"))["columns"]
    aliases = {normalise_header(a): key for key, c in data.items() for a in [key, *c["aliases"]]}
    required = tuple(key for key, c in data.items() if c["required"])
    return aliases, required


def _map_headers(headers: list, spath: str, errors: list[InputError]) -> list[str | None]:
    aliases, required = _columns()
    keys: list[str | None] = []
    for col, raw in enumerate(headers, 1):
        text = "" if raw is None else str(raw)
        key = aliases.get(normalise_header(text))
        if key is None and text.strip():
            errors.append(
                InputError(
                    f"ไม่รู้จักหัวคอลัมน์ {text!r} (ใช้ได้: code/รหัส, name/ชื่อหน่วยงาน, type/ประเภท, "
                    "province/จังหวัด, district/อำเภอ, supervisor_group/หน่วยงานกำกับดูแล, admin_email/อีเมลผู้ดูแลระบบ)",
                    "unknown column header",
                    path=spath,
                    line=1,
                    column=col,
                )
            )
        elif key in keys:
            errors.append(InputError(f"คอลัมน์ {key} ซ้ำ", "duplicate column", path=spath, line=1, column=col))
            key = None
        keys.append(key)
    for needed in required:
        if needed not in keys:
            errors.append(InputError(f"ไม่มีคอลัมน์ {needed}", f"missing column {needed}", path=spath, line=1))
    return keys


def _text(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip()


def _row(
    line: int, cells: dict, labels: dict, spath: str, errors: list[InputError], columns: frozenset[str]
) -> RegisterRow | None:
    found = len(errors)

    def bad(column: str, th: str, en: str) -> None:
        errors.append(InputError(th, en, path=spath, line=line, column=labels.get(column, column)))

    raw_code = cells.get("code", "")
    code = arabic_digits(_text(raw_code))
    if isinstance(raw_code, int | float) and not isinstance(raw_code, bool):
        bad(
            "code",
            f"รหัส {code} เป็นตัวเลขในเซลล์ Excel (เลข 0 นำหน้าอาจหายไป): จัดรูปแบบคอลัมน์รหัสเป็นข้อความ",
            "the code is a number in Excel: format the column as text",
        )
    elif not code:
        bad("code", "ไม่มีรหัสหน่วยงาน", "empty code")
    elif not _CODE.match(code):
        bad("code", f"รหัส {code!r} ใช้ได้เฉพาะตัวเลข ตัวอักษรอังกฤษ และ . _ - ยาวไม่เกิน 20 ตัว", "bad code")
    name = _text(cells.get("name", ""))
    if not name:
        bad("name", "ไม่มีชื่อหน่วยงาน", "empty name")
    raw_type = _text(cells.get("type", ""))
    kind = agency_type_find(raw_type)
    if kind is None:
        known = ", ".join(t.name for t in agency_types()[:7])
        bad(
            "type",
            f"ไม่รู้จักประเภทหน่วยงาน {raw_type!r} (เช่น {known} …; รายการทั้งหมดใน agency_types.toml)"
            if raw_type
            else "ไม่มีประเภทหน่วยงาน",
            "unknown agency type" if raw_type else "empty type",
        )
    values = {k: _text(cells.get(k, "")) for k in _LIMITS}
    values["name"] = name
    for key, limit in _LIMITS.items():
        if len(values[key]) > limit:
            bad(key, f"ยาวเกิน {limit} ตัวอักษร ({len(values[key])})", f"longer than {limit}")
    email = _text(cells.get("admin_email", "")).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            bad("admin_email", f"อีเมล {email!r} ไม่ถูกต้อง", "bad e-mail address")
    if len(errors) > found:
        return None
    return RegisterRow(line=line, code=code, type=kind.name, admin_email=email, columns=columns, **values)


def register_read(path: str | Path) -> list[RegisterRow]:
    """Every row of the register file, checked; RegisterFileError lists every problem at once."""
    path = Path(path)
    spath = str(path)
    if not path.is_file():
        raise RegisterFileError([InputError(f"ไม่พบไฟล์ {path}", "file not found", path=spath)])
    if path.suffix.lower() not in (".csv", ".xlsx", ".tsv", ".txt"):
        raise RegisterFileError(
            [InputError("ใช้ไฟล์ .csv (UTF-8) หรือ .xlsx", "use a .csv (UTF-8) or .xlsx file", path=spath)]
        )
    try:
        headers, rows = read_rows(path)
    except InputError as exc:  # encoding, an unreadable workbook, a value beyond the last header
        raise RegisterFileError([exc]) from None
    errors: list[InputError] = []
    if not headers or not any(str(h).strip() for h in headers):
        raise RegisterFileError([InputError("ไฟล์ว่าง ไม่มีหัวคอลัมน์", "the file is empty", path=spath)])
    keys = _map_headers(headers, spath, errors)
    if errors:
        raise RegisterFileError(errors)
    if not rows:
        raise RegisterFileError([InputError("ไฟล์มีแต่หัวคอลัมน์ ไม่มีข้อมูล", "no data rows", path=spath, line=2)])
    # Errors name a column as the file wrote its header, with its position: "รหัส (3)".
    labels = {
        k: f"{str(h).strip()} ({n})" for n, (k, h) in enumerate(zip(keys, headers, strict=False), 1) if k
    }
    columns = frozenset(k for k in keys if k)
    out: list[RegisterRow] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        if len(cells) > len(keys) and any(str(c).strip() for c in cells[len(keys) :]):
            errors.append(
                InputError(
                    f"บรรทัดนี้มี {len(cells)} ช่อง แต่หัวตารางมี {len(keys)} คอลัมน์",
                    "too many cells",
                    path=spath,
                    line=line,
                )
            )
            continue
        row = _row(
            line, {k: v for k, v in zip(keys, cells, strict=False) if k}, labels, spath, errors, columns
        )
        if row is None:
            continue
        if row.code in seen:
            errors.append(
                InputError(
                    f"รหัส {row.code} ซ้ำกับบรรทัด {seen[row.code]}",
                    "duplicate code",
                    path=spath,
                    line=line,
                    column=labels["code"],
                )
            )
            continue
        seen[row.code] = line
        out.append(row)
    if errors:
        raise RegisterFileError(errors)
    return out
