"""Reading survey answer files into per-column code counts: a fixed-width fast path, pyarrow otherwise.

Survey exports are usually one-digit codes separated by commas, so every data line has the same length.
Then the file is memory-mapped and counted in cache-sized blocks of rows without parsing it into cells.
A file with blank answers, a respondent id or date column or CR LF line ends, but still one-digit answers
and no quotes, is split at its separators with numpy, block by block. Anything else (quotes, multi-digit
codes, a last line without a newline) goes through pyarrow's multi-threaded CSV reader. All give the same
counts.
"""

from __future__ import annotations

import csv
import mmap
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import InputError

MISSING = -128  # a blank cell in an int array: the respondent did not answer
IGNORED_COLUMNS = {"id", "respondent", "respondent_id", "date", "ผู้ตอบ", "ลำดับ", "วันที่"}
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")  # ASCII digits only: str.isdigit() also accepts ๔
BLOCK_ROWS = 1 << 15  # 32K rows × ~62 bytes: the block stays in the CPU cache while it is counted
BLOCK_BYTES = 1 << 21  # whole lines of a variable-width file split and counted at a time


@dataclass(frozen=True)
class AnswerCounts:
    respondents: int
    counts: dict[str, dict[int, int]]  # column → answer code → respondents (blank cells not counted)
    locate: Callable[[str, int], int | None]  # the first file line holding a code in a column


def counts_from_arrays(columns: dict[str, np.ndarray], first_data_line: int = 2) -> AnswerCounts:
    """Counts from int arrays of codes (MISSING for blanks)."""
    counts = {}
    for name, arr in columns.items():
        arr = np.asarray(arr)
        present = arr[arr != MISSING]
        if present.size == 0:
            counts[name] = {}
            continue
        lo = int(present.min())
        bins = np.bincount(present.astype(np.int64) - lo)
        counts[name] = {lo + k: int(n) for k, n in enumerate(bins) if n}
    respondents = len(next(iter(columns.values()))) if columns else 0

    def locate(column: str, code: int) -> int | None:
        hits = np.flatnonzero(np.asarray(columns[column]) == code)
        return first_data_line + int(hits[0]) if hits.size else None

    return AnswerCounts(respondents, counts, locate)


def read_header(path: Path) -> list[str]:
    if not path.exists():
        raise InputError(f"ไม่พบไฟล์ {path}", "file not found", path=str(path))
    if path.stat().st_size == 0:
        raise InputError("ไฟล์ว่าง ไม่มีข้อมูล", "the file is empty", path=str(path))
    with path.open("rb") as fh:
        head = fh.readline()
    try:
        return [h.strip() for h in next(csv.reader([head.decode("utf-8-sig")]))]
    except UnicodeDecodeError:
        raise InputError("ไฟล์ต้องเข้ารหัสแบบ UTF-8", "expected UTF-8 text", path=str(path), line=1) from None


def read_answer_counts(path: Path, header: list[str]) -> AnswerCounts:
    """Counts of every answer column of a CSV (ignored columns such as respondent_id are skipped)."""
    fast = _fixed_width_counts(path, header)
    if fast is None:
        fast = _simple_counts(path, header)
    return fast if fast is not None else counts_from_arrays(_arrow_columns(path, header))


def _fixed_width_counts(path: Path, header: list[str]) -> AnswerCounts | None:
    if any(h.lower() in IGNORED_COLUMNS for h in header):
        return None
    ncols = len(header)
    with path.open("rb") as fh:
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    start = mm.find(b"\n") + 1
    terminator = b"\r\n" if mm[start + 2 * ncols - 1 : start + 2 * ncols + 1] == b"\r\n" else b"\n"
    width = 2 * ncols - 1 + len(terminator)
    body_len = len(mm) - start
    # The map is closed when the last array over it goes (numpy views keep it alive).
    if start == 0 or body_len <= 0 or body_len % width:
        return None
    raw = np.frombuffer(mm, dtype=np.uint8)
    rows = raw[start:].reshape(-1, width)
    seps = np.frombuffer(terminator, dtype=np.uint8)
    totals = np.zeros((ncols, 256), dtype=np.int64)
    for i in range(0, rows.shape[0], BLOCK_ROWS):
        block = rows[i : i + BLOCK_ROWS]
        if not ((block[:, 1 : 2 * ncols - 1 : 2] == 44).all() and (block[:, 2 * ncols - 1 :] == seps).all()):
            return None
        cells = np.ascontiguousarray(block[:, 0 : 2 * ncols : 2].T)
        for k in range(ncols):
            totals[k] += np.bincount(cells[k], minlength=256)
    digits = totals[:, 48:58]
    if (digits.sum(axis=1) != rows.shape[0]).any():  # something other than a digit in a cell
        return None
    counts = {name: {d: int(n) for d, n in enumerate(digits[k]) if n} for k, name in enumerate(header)}

    def locate(column: str, code: int) -> int | None:
        k = header.index(column)
        hits = np.flatnonzero(rows[:, 2 * k] == 48 + code)
        return 2 + int(hits[0]) if hits.size else None

    return AnswerCounts(rows.shape[0], counts, locate)


def _simple_counts(path: Path, header: list[str]) -> AnswerCounts | None:
    """Counts of a plain CSV whose answer cells are one digit or blank: no quotes, any line ends, other
    (ignored) columns of any width, as a survey export writes it (respondent_id, date, blanks, CR LF).

    Each block of whole lines is split at its commas and newlines with numpy; a block where a line has the
    wrong number of cells or an answer cell is not one digit or blank sends the file to pyarrow instead.
    """
    with path.open("rb") as fh:
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    start = mm.find(b"\n") + 1
    if start == 0 or len(mm) <= start or mm[-1:] != b"\n" or mm.find(b'"', start) != -1:
        return None
    raw = np.frombuffer(mm, dtype=np.uint8)
    ncols = len(header)
    answer = [k for k, h in enumerate(header) if h.lower() not in IGNORED_COLUMNS]
    # Answer columns in one run (as exported: after respondent_id and date) are read through views.
    if not answer or answer != list(range(answer[0], answer[-1] + 1)):
        return None
    a0, a1 = answer[0], answer[-1] + 1
    last_is_answer = a1 == ncols
    totals = np.zeros(len(answer) * 11, dtype=np.int64)  # per answer column: digits 0–9, then blanks
    offsets = (np.arange(len(answer), dtype=np.uint16) * 11)[None, :]
    rows, pos = 0, start
    while pos < len(mm):
        end = mm.find(b"\n", min(pos + BLOCK_BYTES, len(mm) - 1)) + 1
        block = raw[pos:end]
        newline = block == 10
        seps = np.flatnonzero(newline | (block == 44))
        if seps.size % ncols:
            return None
        seps = seps.reshape(-1, ncols)
        # Every row has exactly ncols cells when its last separator is a newline and the block holds no
        # other newlines; the other separators are then commas.
        if not (np.count_nonzero(newline) == seps.shape[0] and newline[seps[:, -1]].all()):
            return None
        if a0:
            cell = seps[:, a0 - 1 : a1 - 1] + 1  # where each answer cell starts
        else:  # the first cell of a line starts after the line before
            cell = np.empty((seps.shape[0], a1), dtype=seps.dtype)
            cell[0, 0], cell[1:, 0] = 0, seps[:-1, -1] + 1
            cell[:, 1:] = seps[:, : a1 - 1] + 1
        width = seps[:, a0:a1] - cell
        if last_is_answer:
            width[:, -1] -= block[seps[:, -1] - 1] == 13  # a CR before the LF ends the line, not the cell
        first = block[cell]
        code = first - np.uint8(48)  # wraps for non-digits, which the check below refuses
        if not ((width == 0) | ((width == 1) & (code <= 9))).all():
            return None
        code[width == 0] = 10
        totals += np.bincount((code + offsets).ravel(), minlength=totals.size)
        rows += seps.shape[0]
        pos = end
    counts = {}
    for j, k in enumerate(answer):
        digits = totals[j * 11 : j * 11 + 10]
        counts[header[k]] = {d: int(n) for d, n in enumerate(digits) if n}

    def locate(column: str, code: int) -> int | None:  # only when a code is refused: the slow path finds it
        return counts_from_arrays(_arrow_columns(path, header)).locate(column, code)

    return AnswerCounts(rows, counts, locate)


def _arrow_columns(path: Path, header: list[str]) -> dict[str, np.ndarray]:
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    types = {h: pa.int16() for h in header if h.lower() not in IGNORED_COLUMNS}
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(use_threads=True, block_size=1 << 23),
            convert_options=pacsv.ConvertOptions(
                column_types=types, include_columns=list(types), strings_can_be_null=True
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise _arrow_error(exc, path, header, set(types)) from None
    return {
        name: pc.fill_null(table.column(name), MISSING).combine_chunks().to_numpy(zero_copy_only=False)
        for name in table.column_names
    }


def _first_bad_cell(path: Path, header: list[str], columns: set[str]) -> tuple[int, str | None, str] | None:
    """(line, column, value) of the first row with the wrong number of cells or a non-integer answer.

    pyarrow's messages name the column but not the row; this slow scan runs only once a file has failed.
    """
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        for row in reader:
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                return reader.line_num, None, f"{len(row)} ช่อง แต่หัวตารางมี {len(header)} คอลัมน์"
            for name, cell in zip(header, row, strict=True):
                text = cell.strip()
                if name in columns and text and not _INTEGER.match(text):
                    return reader.line_num, name, text
    return None


def _arrow_error(exc: Exception, path: Path, header: list[str], columns: set[str]) -> InputError:
    try:
        bad = _first_bad_cell(path, header, columns)
    except (UnicodeDecodeError, csv.Error):
        bad = None
    if bad is not None:
        line, column, value = bad
        if column is None:
            return InputError(f"บรรทัดนี้มี {value}", "wrong number of cells", path=str(path), line=line)
        return InputError(
            f"ค่า {value!r} ไม่ใช่รหัสคำตอบที่เป็นจำนวนเต็ม",
            "answers must be integer codes",
            path=str(path),
            line=line,
            column=column,
        )
    text = str(exc)
    col = re.search(r"column #(\d+)", text)
    row = re.search(r"[Rr]ow #(\d+)", text)
    value = re.search(r"invalid value '([^']*)'", text)
    column = header[int(col.group(1))] if col and int(col.group(1)) < len(header) else None
    what = f"ค่า {value.group(1)!r} ไม่ใช่รหัสคำตอบที่เป็นจำนวนเต็ม" if value else f"อ่านไฟล์ CSV ไม่ได้ ({text})"
    return InputError(
        what,
        "answers must be integer codes",
        path=str(path),
        line=int(row.group(1)) if row else None,
        column=column,
    )
