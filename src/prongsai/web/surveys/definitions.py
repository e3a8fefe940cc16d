"""A survey's questionnaire: where a new one starts from, how it is checked, and the engine's view of it.

A definition is a dict shaped like a year's `[surveys.<TOOL>]` table in the framework files (scales with
codes and values, questions with an indicator and parts), plus what a form needs: `text_th` on questions
and parts, `labels_th` and `blank_allowed` on scales. The engine reads the same dict through
`prongsai.ita.framework_parse.parse_survey`, so the form, the results and `score-survey` share one
reading of scales and reverse coding.
"""

from __future__ import annotations

import copy
import dataclasses
import tomllib
from functools import cache
from pathlib import Path

from prongsai.ita.errors import FrameworkError, UnknownYearError
from prongsai.ita.framework import Framework, Survey, available_years, get_framework
from prongsai.ita.framework_parse import parse_survey

STARTERS = Path(__file__).with_name("starters.toml")
CODE_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz"  # a stored answer is one of these per part
MAX_PARTS = 400  # Response.answers holds one character per part


class DefinitionError(ValueError):
    """A definition the engine or the form cannot use; `message` is Thai first and names the key."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@cache
def starters() -> dict:
    return tomllib.loads(STARTERS.read_text(encoding="utf-8"))


def framework_for(fiscal_year: int) -> Framework:
    """The year's framework, or the newest one for a year without rules yet (its indicators and tools)."""
    try:
        return get_framework(fiscal_year)
    except UnknownYearError:
        return get_framework(max(available_years()))


def definition_start(*, fiscal_year: int, tool: str) -> tuple[dict, int, bool]:
    """(definition, question_set_year, verified) for a new survey: the year's own set when the framework
    has one, else the newest year's set, else Prongsai's starter set (both unverified)."""
    years = [y for y in available_years() if tool in get_framework(y).surveys]
    if fiscal_year in years:
        year = fiscal_year
    elif years:
        year = max(years)
    else:
        data = copy.deepcopy(starters()["sets"][tool])
        return data, int(data.pop("question_set_year")), False
    data = _from_framework(year, tool)
    if year != fiscal_year:
        _mark_unverified(data, f"ชุดคำถามของปี {year} ใช้แทนปี {fiscal_year} (ยังไม่มีคำถามทางการของปีนี้)")
    return data, year, year == fiscal_year


def _from_framework(year: int, tool: str) -> dict:
    """The framework file's own table for the year's questionnaire, with texts and labels added."""
    fw = get_framework(year)
    raw = tomllib.loads(Path(fw.path).read_text(encoding="utf-8"))["surveys"][tool]
    extra = starters()
    texts = extra.get("texts", {}).get(tool, {})
    names = {i.number: i.name_th for i in fw.indicators}
    data = {k: copy.deepcopy(v) for k, v in raw.items() if k not in ("questions", "scales")}
    data["scales"] = {}
    for name, scale in raw["scales"].items():
        labels = extra["scales"].get(name, {})
        data["scales"][name] = {
            "label_th": scale.get("label_th", name),
            "codes": dict(scale["codes"]),
            "labels_th": dict(labels.get("labels_th", {c: c for c in scale["codes"]})),
            "blank_allowed": bool(labels.get("blank_allowed", True)),
        }
    data["questions"] = []
    for q in raw["questions"]:
        parts = q.get("parts") or [{"id": q["id"], "scale": q["scale"]}]
        fallback = f"ข้อ {q['id']} (ตัวชี้วัดที่ {q['indicator']} {names.get(q['indicator'], '')})"
        data["questions"].append(
            {
                "id": q["id"],
                "indicator": q["indicator"],
                "text_th": texts.get(q["id"], fallback),
                "parts": [
                    {"id": p["id"], "scale": p["scale"], "text_th": texts.get(p["id"], "")}
                    if len(parts) > 1
                    else {"id": p["id"], "scale": p["scale"]}
                    for p in parts
                ],
            }
        )
    return data


def _mark_unverified(data: dict, why: str) -> None:
    data["confidence"] = "unverified"
    data["source"] = f"{why}; {data.get('source', '')}".strip("; ")


def definition_edited(data: dict) -> dict:
    """An administrator's edit: the copy is no longer the framework's set, whatever it came from."""
    data = copy.deepcopy(data)
    _mark_unverified(data, "แก้ไขโดยหน่วยงาน")
    return data


def definition_check(data: dict, *, fiscal_year: int, tool: str) -> Survey:
    """The engine's Survey for a definition, or DefinitionError saying what is wrong and where."""
    if not isinstance(data, dict):
        raise DefinitionError("คำถามต้องเป็นออบเจกต์ JSON (a JSON object)")
    try:
        survey = parse_survey(data, fw=framework_for(fiscal_year), tool=tool)
    except FrameworkError as exc:
        raise DefinitionError(f"{exc.key}: {exc.message_th}") from None
    except (KeyError, TypeError) as exc:
        raise DefinitionError(f"ไม่มีค่าที่จำเป็นหรือชนิดข้อมูลไม่ถูกต้อง: {exc}") from None
    for name, scale in data["scales"].items():
        labels = scale.get("labels_th")
        if not isinstance(labels, dict) or set(labels) != set(scale["codes"]):
            raise DefinitionError(
                f"scales.{name}.labels_th: ต้องมีข้อความของทุกรหัสคำตอบ ({', '.join(scale['codes'])})"
            )
        if len(scale["codes"]) > len(CODE_CHARS):
            raise DefinitionError(f"scales.{name}.codes: มีรหัสคำตอบได้ไม่เกิน {len(CODE_CHARS)} รหัส")
        if not isinstance(scale.get("blank_allowed", False), bool):
            raise DefinitionError(f"scales.{name}.blank_allowed: ต้องเป็น true หรือ false")
    for k, q in enumerate(data["questions"]):
        if not str(q.get("text_th", "")).strip():
            raise DefinitionError(f"questions[{k}].text_th: ไม่มีข้อความคำถาม")
    count = sum(len(q.parts) for q in survey.questions)
    if count > MAX_PARTS:
        raise DefinitionError(f"questions: มีคำถามย่อยได้ไม่เกิน {MAX_PARTS} ข้อ (มี {count})")
    return survey


def engine_framework(data: dict, *, fiscal_year: int, tool: str) -> Framework:
    """The year's framework with this survey's own questionnaire in place of the year's, for the scorer."""
    fw = framework_for(fiscal_year)
    survey = definition_check(data, fiscal_year=fiscal_year, tool=tool)
    return dataclasses.replace(fw, surveys={**fw.surveys, tool: survey})


def parts_of(data: dict) -> list[dict]:
    """Every answer part in order: id (the CSV column), question, scale name, codes, labels, blank rule."""
    out = []
    for q in data["questions"]:
        for p in q.get("parts") or [{"id": q["id"], "scale": q["scale"]}]:
            scale = data["scales"][p["scale"]]
            out.append(
                {
                    "id": p["id"],
                    "question": q,
                    "text_th": p.get("text_th", ""),
                    "scale": p["scale"],
                    # Sorted by value, not in the dict's order: PostgreSQL's jsonb does not keep key order,
                    # and a stored answer is a position in this list.
                    "codes": sorted(scale["codes"], key=int),
                    "labels_th": scale["labels_th"],
                    "blank_allowed": bool(scale.get("blank_allowed", False)),
                }
            )
    return out
