"""Writes for ITA results: save a fiscal year's scores (validated by the engine) and import files."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from prongsai.ita.errors import InputError
from prongsai.ita.framework import get_framework
from prongsai.ita.inputs import read_records
from prongsai.ita.records import Agency as EngineAgency
from prongsai.ita.records import AgencyYear, score_history, score_record
from prongsai.ita.scoring import Result
from prongsai.textclean import text_clean

from ..agencies.models import Agency
from ..audit.services import audit_record
from .models import ItaResult, Source

IMPORT_SUFFIXES = (".toml", ".csv", ".xlsx")


def _json_scores(scores: dict | None) -> dict | None:
    return {str(k): str(v) for k, v in scores.items()} if scores else None


def result_score(*, agency: Agency, fiscal_year: int, indicators: dict | None, tools: dict | None) -> Result:
    """Score with the engine; raises InputError naming the field (i1…i10, iit/eit/oit) at fault."""
    record = AgencyYear(
        EngineAgency(agency.name, agency.type, agency.province, agency.district, agency.dla_code),
        fiscal_year,
        indicators or None,
        tools or None,
    )
    return score_record(record)


def _store(
    *,
    agency: Agency,
    fiscal_year: int,
    indicators: dict | None,
    tools: dict | None,
    result: Result,
    source: str,
    source_name: str,
    extra: dict,
    actor,
) -> ItaResult:
    now = timezone.now()
    ItaResult.objects.filter(agency=agency, fiscal_year=fiscal_year, superseded_at__isnull=True).update(
        superseded_at=now
    )
    rounded = {t.code: result.rounded(t.score) for t in result.tools}
    return ItaResult.objects.create(
        agency=agency,
        fiscal_year=fiscal_year,
        source=source,
        source_name=source_name[:200],
        indicators=_json_scores(indicators),
        tools_given=_json_scores(tools),
        total=result.total,
        level=result.level.label,
        level_en=result.level.label_en,
        level_reason=result.level.reason_th[:400],
        iit=rounded.get("IIT", Decimal(0)),
        eit=rounded.get("EIT", Decimal(0)),
        oit=rounded.get("OIT", Decimal(0)),
        extra=_jsonable(extra),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _jsonable(value):
    """TOML tables hold dates and Decimals; keep them as ISO strings so JSONField can store them."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, str):
        return text_clean(value)  # file text: a \u0000 escape in TOML would make PostgreSQL refuse the row
    if isinstance(value, int | float | bool) or value is None:
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@transaction.atomic
def result_save(
    *,
    agency: Agency,
    fiscal_year: int,
    indicators: dict | None = None,
    tools: dict | None = None,
    extra: dict | None = None,
    source: str = Source.FORM,
    source_name: str = "",
    actor=None,
    request=None,
) -> ItaResult:
    """Validate with the engine, supersede the year's current result, store the new one, audit it."""
    result = result_score(agency=agency, fiscal_year=fiscal_year, indicators=indicators, tools=tools)
    previous = ItaResult.objects.filter(
        agency=agency, fiscal_year=fiscal_year, superseded_at__isnull=True
    ).first()
    if extra is None and previous is not None:
        extra = previous.extra  # editing scores keeps the year's analysis texts and measures
    row = _store(
        agency=agency,
        fiscal_year=fiscal_year,
        indicators=indicators,
        tools=tools,
        result=result,
        source=source,
        source_name=source_name,
        extra=extra or {},
        actor=actor,
    )
    audit_record(
        actor=actor,
        agency=agency,
        action="result.save" if source != Source.IMPORT else "result.import",
        target=row,
        summary=f"ปีงบประมาณ {fiscal_year}: {row.total} {row.level}",
        details={
            "fiscal_year": fiscal_year,
            "total": str(row.total),
            "level": row.level,
            "source": source,
            "replaced": previous.pk if previous else None,
        },
        request=request,
    )
    return row


@dataclass
class ImportFailed(Exception):
    """A bad file: every error found, each located by row/line and column. Nothing was saved."""

    errors: list[InputError]


def _matches(agency: Agency, rec: AgencyYear) -> bool:
    name, code = rec.agency.name.strip(), (rec.agency.code or "").strip()
    return name == agency.name or (bool(code) and code == agency.dla_code)


def results_import(
    *, agency: Agency, filename: str, content: bytes, actor=None, request=None
) -> list[ItaResult]:
    """Import a .toml/.csv/.xlsx file in the command line's formats for this agency, all or nothing."""
    suffix = Path(filename).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise ImportFailed(
            [
                InputError(
                    f"ไม่รู้จักชนิดไฟล์ {suffix or '(ไม่มีนามสกุล)'}: ใช้ .toml, .csv หรือ .xlsx",
                    "unknown file type: use .toml, .csv or .xlsx",
                    path=filename,
                )
            ]
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        row_errors: list[InputError] = []  # every bad row at once, not only the first
        try:
            records = read_records(path, row_errors=row_errors)
        except InputError as exc:
            exc.path = filename
            raise ImportFailed([exc]) from None
    errors: list[InputError] = list(row_errors)
    scored = []
    for rec in records:
        if not _matches(agency, rec):
            errors.append(
                InputError(
                    f"ชื่อหน่วยงาน “{rec.agency.name}” ไม่ตรงกับ {agency.name}",
                    "the row belongs to another agency",
                    path=filename,
                    line=rec.line,
                    column="agency",
                )
            )
            continue
        try:
            score_record(rec)
            score_history(rec)  # earlier years are validated too
            scored.append(rec)
        except InputError as exc:
            exc.path = filename
            errors.append(exc)
    if errors:
        for exc in errors:
            exc.path = filename
        raise ImportFailed(sorted(errors, key=lambda e: (e.line is None, e.line or 0)))
    saved = []
    with transaction.atomic():
        for rec in scored:
            for h in sorted(rec.history, key=lambda h: h.fiscal_year):
                if h.indicators or h.tools:  # earlier years with their own scores become results too
                    saved.append(
                        result_save(
                            agency=agency,
                            fiscal_year=h.fiscal_year,
                            indicators=h.indicators,
                            tools=h.tools,
                            source=Source.IMPORT,
                            source_name=filename,
                            actor=actor,
                            request=request,
                        )
                    )
            saved.append(
                result_save(
                    agency=agency,
                    fiscal_year=rec.fiscal_year,
                    indicators=rec.indicators,
                    tools=rec.tools,
                    extra=rec.extra or None,
                    source=Source.IMPORT,
                    source_name=filename,
                    actor=actor,
                    request=request,
                )
            )
    return saved


def result_errors(
    *, agency: Agency, fiscal_year: int, indicators: dict | None, tools: dict | None, limit: int = 20
) -> dict[str, str]:
    """Every field the engine rejects, not just the first: re-score with each rejected field set to a
    valid stand-in until the engine accepts. Keys are form field names (i1…i10, iit, eit, oit)."""
    indicators = dict(indicators or {}) or None
    tools = dict(tools or {}) or None
    if indicators is None and tools is None:
        indicators = {}
    errors: dict[str, str] = {}
    tool_codes = {t.code for t in get_framework(fiscal_year).tools}
    for _ in range(limit):
        try:
            result_score(agency=agency, fiscal_year=fiscal_year, indicators=indicators or None, tools=tools)
            return errors
        except InputError as exc:
            column = str(exc.column or "").removeprefix("tools.").lower()
            is_indicator = column.startswith("i") and column[1:].isdigit()
            if column in errors or not (is_indicator or (tools is not None and column.upper() in tool_codes)):
                errors.setdefault("__all__", exc.message_th)
                return errors
            errors[column] = _own_message(
                agency=agency,
                fiscal_year=fiscal_year,
                exc=exc,
                indicators=indicators,
                tools=tools,
                column=column,
            )
            if is_indicator:
                indicators = {**(indicators or {}), int(column[1:]): "0"}
            else:
                tools = {**tools, column.upper(): "0"}
    return errors


def _own_message(
    *,
    agency: Agency,
    fiscal_year: int,
    exc: InputError,
    indicators: dict | None,
    tools: dict | None,
    column: str,
) -> str:
    """The engine names every missing score in one message ("ไม่มีคะแนนตัวชี้วัดที่ 3, 4, 5"); a form shows
    each field's own error, so ask again with every other missing score stood in: then it names only this one."""
    fw = get_framework(fiscal_year)
    if tools is None:
        given, key = dict(indicators or {}), int(column[1:])
        others = {i.number: "0" for i in fw.indicators if i.number not in given and i.number != key}
        trial_indicators, trial_tools = {**given, **others}, None
    else:
        given, key = dict(tools), column.upper()
        others = {t.code: "0" for t in fw.tools if t.code not in given and t.code != key}
        trial_indicators, trial_tools = None, {**given, **others}
    if key in given or not others:
        return exc.message_th
    try:
        result_score(agency=agency, fiscal_year=fiscal_year, indicators=trial_indicators, tools=trial_tools)
    except InputError as alone:
        if str(alone.column or "").removeprefix("tools.").lower() == column:
            return alone.message_th
    return exc.message_th
