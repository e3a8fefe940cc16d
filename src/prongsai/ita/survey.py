"""Raw survey answers → question scores → indicator scores, vectorised (pyarrow parse, numpy counts).

Each answer column holds the integer codes the framework's scale defines; a blank cell is a question
the respondent did not answer. Scores are exact: counts × integer values / answered, as Decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np

from .errors import InputError
from .framework import Framework, Survey, SurveyQuestion

MISSING = -128  # a blank cell: the respondent did not answer
IGNORED_COLUMNS = {"id", "respondent", "respondent_id", "ผู้ตอบ", "ลำดับ"}


@dataclass(frozen=True)
class QuestionScore:
    id: str
    indicator: int
    score: Decimal
    answered: int


@dataclass(frozen=True)
class SurveyScores:
    tool: str
    fiscal_year: int
    respondents: int
    questions: tuple[QuestionScore, ...]
    indicators: dict[int, Decimal]
    confidence: str

    def to_dict(self) -> dict:
        q2 = Decimal("0.01")
        return {
            "tool": self.tool,
            "fiscal_year": self.fiscal_year,
            "respondents": self.respondents,
            "rule_confidence": self.confidence,
            "indicators": {str(k): float(v.quantize(q2)) for k, v in self.indicators.items()},
            "questions": [
                {
                    "id": q.id,
                    "indicator": q.indicator,
                    "score": float(q.score.quantize(q2)),
                    "answered": q.answered,
                }
                for q in self.questions
            ],
        }


def _survey(fw: Framework, tool: str) -> Survey:
    if tool not in fw.surveys:
        raise InputError(
            f"ยังไม่มีแบบสอบถาม {tool} ของปี {fw.fiscal_year} ในข้อมูลกฎ (มี: {', '.join(fw.surveys) or 'ไม่มี'})",
            f"no {tool} questionnaire for {fw.fiscal_year}",
        )
    return fw.surveys[tool]


def _lookup(scale: dict[str, int]) -> tuple[int, np.ndarray, np.ndarray]:
    """An offset and arrays (valid, value) indexed by code + offset; index 0 is kept for 'no answer'."""
    codes = [int(c) for c in scale]
    offset = 1 - min(codes)  # the smallest code lands on 1
    size = max(codes) + offset + 1
    valid = np.zeros(size, dtype=bool)
    value = np.zeros(size, dtype=np.int64)
    for c, v in scale.items():
        valid[int(c) + offset] = True
        value[int(c) + offset] = v
    return offset, valid, value


def score_columns(
    columns: dict[str, np.ndarray],
    fw: Framework,
    tool: str,
    *,
    path: str | None = None,
    first_data_line: int = 2,
) -> SurveyScores:
    """Score answer columns: int arrays of codes, with a sentinel below every code for 'no answer'."""
    survey = _survey(fw, tool)
    respondents = len(next(iter(columns.values()))) if columns else 0
    if respondents == 0:
        raise InputError("ไม่มีคำตอบของผู้ตอบเลย", "no respondents", path=path, line=first_data_line)
    questions = []
    for q in survey.questions:
        part_scores, answered = [], 0
        for part in q.parts:
            if part.id not in columns:
                raise InputError(
                    f"ไม่มีคอลัมน์คำถาม {part.id}", "missing question column", path=path, line=1, column=part.id
                )
            part_score, n = _score_part(
                columns[part.id], survey.scales[part.scale], part.id, path, first_data_line
            )
            part_scores.append(part_score)
            answered = max(answered, n)
        score = sum(part_scores, Decimal(0)) / len(part_scores) if part_scores else Decimal(0)
        questions.append(QuestionScore(q.id, q.indicator, score, answered))
    indicators = _indicator_means(survey.questions, questions)
    return SurveyScores(
        tool, fw.fiscal_year, respondents, tuple(questions), indicators, survey.rule.confidence
    )


def _score_part(
    codes: np.ndarray, scale: dict[str, int], column: str, path, first_line: int
) -> tuple[Decimal, int]:
    offset, valid, value = _lookup(scale)
    missing = codes == MISSING
    shifted = codes.astype(np.int64) + offset
    inside = (shifted >= 1) & (shifted < len(valid))
    ok = missing | (inside & valid[np.where(inside, shifted, 0)])
    if not ok.all():
        wrong = int(np.flatnonzero(~ok)[0])
        raise InputError(
            f"รหัสคำตอบ {int(codes[wrong])} ใช้ไม่ได้ (ใช้ได้: {', '.join(scale)} หรือเว้นว่าง)",
            "answer code not in the question's scale",
            path=path,
            line=first_line + wrong,
            column=column,
        )
    shifted[missing] = 0
    counts = np.bincount(shifted, minlength=len(valid))
    answered = int(counts[1:].sum())
    if answered == 0:
        return Decimal(0), 0
    return Decimal(int(counts @ value)) / Decimal(answered), answered


def _indicator_means(spec: tuple[SurveyQuestion, ...], scores: list[QuestionScore]) -> dict[int, Decimal]:
    by_indicator: dict[int, list[Decimal]] = {}
    for q in scores:
        if q.answered:
            by_indicator.setdefault(q.indicator, []).append(q.score)
    return {n: sum(v, Decimal(0)) / len(v) for n, v in sorted(by_indicator.items())}


def read_answer_columns(path: Path) -> dict[str, np.ndarray]:
    """Parse an answers CSV with pyarrow (multi-threaded) into int8 code arrays; blanks become MISSING."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pacsv

    if not path.exists():
        raise InputError(f"ไม่พบไฟล์ {path}", "file not found", path=str(path))
    if path.stat().st_size == 0:
        raise InputError("ไฟล์ว่าง ไม่มีข้อมูล", "the file is empty", path=str(path))
    with path.open("rb") as fh:
        head = fh.readline()
    try:
        header = head.decode("utf-8-sig").strip().split(",")
    except UnicodeDecodeError:
        raise InputError("ไฟล์ต้องเข้ารหัสแบบ UTF-8", "expected UTF-8 text", path=str(path), line=1) from None
    header = [h.strip() for h in header]
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
        raise _arrow_error(exc, path, header) from None
    out = {}
    for name in table.column_names:
        col = pc.fill_null(table.column(name), MISSING).combine_chunks()
        out[name] = col.to_numpy(zero_copy_only=False)
    return out


def _arrow_error(exc: Exception, path: Path, header: list[str]) -> InputError:
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


def score_answers_file(path: Path, fw: Framework, tool: str) -> SurveyScores:
    survey = _survey(fw, tool)
    columns = read_answer_columns(Path(path))
    known = {p.id for q in survey.questions for p in q.parts}
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise InputError(
            f"ไม่รู้จักคอลัมน์ {unknown[0]} (คำถาม {tool} ปี {fw.fiscal_year}: {', '.join(sorted(known, key=_natural))})",
            "unknown question column",
            path=str(path),
            line=1,
            column=unknown[0],
        )
    return score_columns(columns, fw, tool, path=str(path))


def _natural(key: str) -> tuple:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", key))
