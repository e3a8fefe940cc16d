"""Raw survey answers → question scores → indicator scores, from per-column code counts.

Each answer column holds the integer codes the framework's scale defines; a blank cell is a question
the respondent did not answer. Scores are exact: counts × integer values / answered, as Decimal.
Reading files into counts is `answers.py`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np

from .answers import (
    IGNORED_COLUMNS,
    AnswerCounts,
    counts_from_arrays,
    read_answer_counts,
    read_header,
)
from .errors import InputError
from .framework import CONFIDENCES, Framework, Survey
from .scoring import round_half_up


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
    confidence: str  # the weaker of the questionnaire's and the aggregation's
    aggregation_confidence: str = "unverified"

    def to_dict(self) -> dict:
        """Scores to two places, rounded half up as every ITA score is (49.725 is 49.73)."""
        return {
            "tool": self.tool,
            "fiscal_year": self.fiscal_year,
            "respondents": self.respondents,
            "rule_confidence": self.confidence,
            "aggregation_confidence": self.aggregation_confidence,
            "indicators": {str(k): float(round_half_up(v, 2)) for k, v in self.indicators.items()},
            "questions": [
                {
                    "id": q.id,
                    "indicator": q.indicator,
                    "score": float(round_half_up(q.score, 2)),
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


def score_columns(
    columns: dict[str, np.ndarray],
    fw: Framework,
    tool: str,
    *,
    path: str | None = None,
    first_data_line: int = 2,
) -> SurveyScores:
    """Score answer columns: int arrays of codes, MISSING for 'no answer'."""
    return score_counts(counts_from_arrays(columns, first_data_line), fw, tool, path=path)


def score_counts(answers: AnswerCounts, fw: Framework, tool: str, *, path: str | None = None) -> SurveyScores:
    """Question score = Σ count × value / answered (exact); a question with parts is the mean of its parts."""
    survey = _survey(fw, tool)
    if answers.respondents == 0:
        raise InputError("ไม่มีคำตอบของผู้ตอบเลย", "no respondents", path=path, line=2)
    questions = []
    for q in survey.questions:
        part_scores, answered = [], 0
        for part in q.parts:
            if part.id not in answers.counts:
                raise InputError(
                    f"ไม่มีคอลัมน์คำถาม {part.id}", "missing question column", path=path, line=1, column=part.id
                )
            scale = survey.scales[part.scale]
            counts = answers.counts[part.id]
            wrong = sorted(c for c in counts if str(c) not in scale)
            if wrong:
                raise InputError(
                    f"รหัสคำตอบ {wrong[0]} ใช้ไม่ได้ (ใช้ได้: {', '.join(scale)} หรือเว้นว่าง)",
                    "answer code not in the question's scale",
                    path=path,
                    line=answers.locate(part.id, wrong[0]),
                    column=part.id,
                )
            n = sum(counts.values())
            if not n:
                # A column nobody answered has no score: printing 0 for it, or leaving its indicator
                # out without a word, would both mislead.
                raise InputError(
                    f"คอลัมน์คำถาม {part.id} ว่างทั้งคอลัมน์ ไม่มีผู้ตอบเลย",
                    "a question column without any answer",
                    path=path,
                    column=part.id,
                )
            part_scores.append(Decimal(sum(k * scale[str(c)] for c, k in counts.items())) / Decimal(n))
            answered = max(answered, n)
        score = sum(part_scores, Decimal(0)) / len(part_scores)
        questions.append(QuestionScore(q.id, q.indicator, score, answered))
    indicators = _indicator_means(questions)
    weakest = max(survey.rule.confidence, survey.aggregation.confidence, key=CONFIDENCES.index)
    return SurveyScores(
        tool,
        fw.fiscal_year,
        answers.respondents,
        tuple(questions),
        indicators,
        weakest,
        survey.aggregation.confidence,
    )


def _indicator_means(scores: list[QuestionScore]) -> dict[int, Decimal]:
    by_indicator: dict[int, list[Decimal]] = {}
    for q in scores:
        by_indicator.setdefault(q.indicator, []).append(q.score)
    return {n: sum(v, Decimal(0)) / len(v) for n, v in sorted(by_indicator.items())}


def score_answers_file(path: Path, fw: Framework, tool: str) -> SurveyScores:
    survey = _survey(fw, tool)
    path = Path(path)
    header = read_header(path)
    known = {p.id for q in survey.questions for p in q.parts}
    for col, name in enumerate(header, 1):
        if name in header[: col - 1]:
            first = header.index(name) + 1
            raise InputError(
                f"คอลัมน์ {name} ซ้ำ (คอลัมน์ที่ {first} และ {col})",
                "duplicate column",
                path=str(path),
                line=1,
                column=name,
            )
    unknown = [c for c in header if c not in known and c.lower() not in IGNORED_COLUMNS]
    if unknown:
        raise InputError(
            f"ไม่รู้จักคอลัมน์ {unknown[0]} (คำถาม {tool} ปี {fw.fiscal_year}: {', '.join(sorted(known, key=_natural))})",
            "unknown question column",
            path=str(path),
            line=1,
            column=unknown[0],
        )
    return score_counts(read_answer_counts(path, header), fw, tool, path=str(path))


def _natural(key: str) -> tuple:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", key))
