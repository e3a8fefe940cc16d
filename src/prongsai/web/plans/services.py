"""Writes for plans: measures (by hand, from the analysis, from the seed), activities, progress updates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from prongsai.ita.framework import available_years, get_framework
from prongsai.textclean import data_clean
from prongsai.thai import thai_digits

from ..agencies.models import Agency, Division
from ..audit.services import audit_record
from ..files.check import UploadRefused, upload_check
from .models import Activity, Evidence, Measure, ProgressUpdate
from .rules import rules
from .selectors import activity_can_update, measure_can_edit


def _check_edit(*, actor, measure: Measure) -> None:
    if actor is not None and not measure_can_edit(user=actor, agency=measure.agency):
        raise PermissionDenied("ไม่มีสิทธิ์แก้ไขมาตรการของหน่วยงานนี้")


def _clean_indicators(indicators, fiscal_year: int) -> list[int]:
    """The indicator numbers, each one of the framework's for the plan's year (a plan year without rules
    yet, e.g. next year's, is checked against the newest earlier year's)."""
    years = available_years()
    year = max((y for y in years if y <= int(fiscal_year)), default=min(years))
    known = sorted(i.number for i in get_framework(year).indicators)
    out = sorted({int(n) for n in indicators})
    if not out or any(n not in known for n in out):
        raise ValidationError(
            {
                "indicators": f"ต้องระบุตัวชี้วัดอย่างน้อยหนึ่งตัว เป็นเลข {thai_digits(str(known[0]))}–"
                f"{thai_digits(str(known[-1]))} ตามกรอบการประเมินปี {thai_digits(str(year))}"
            }
        )
    return out


@transaction.atomic
def measure_create(
    *,
    agency: Agency,
    fiscal_year: int,
    title: str,
    indicators: list[int],
    analysis: str = "",
    source_result=None,
    is_published: bool = False,
    actor=None,
    request=None,
) -> Measure:
    if not title.strip():
        raise ValidationError({"title": "ต้องระบุชื่อมาตรการ"})
    order = Measure.objects.filter(agency=agency, fiscal_year=fiscal_year).count()
    measure = Measure.objects.create(
        agency=agency,
        fiscal_year=fiscal_year,
        title=title.strip(),
        indicators=_clean_indicators(indicators, fiscal_year),
        analysis=analysis.strip(),
        source_result=source_result,
        is_published=is_published,
        order=order,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _check_edit(actor=actor, measure=measure)
    audit_record(
        actor=actor,
        action="measure.create",
        agency=agency,
        target=measure,
        summary=f"เพิ่มมาตรการ: {measure.title}",
        details={"fiscal_year": fiscal_year},
        request=request,
    )
    return measure


@transaction.atomic
def measure_update(*, measure: Measure, actor, request=None, **fields) -> Measure:
    _check_edit(actor=actor, measure=measure)
    allowed = {"title", "indicators", "analysis", "fiscal_year", "is_published"}
    for key, value in fields.items():
        if key not in allowed:
            raise TypeError(key)
        if key == "indicators":
            value = _clean_indicators(value, fields.get("fiscal_year", measure.fiscal_year))
        setattr(measure, key, value)
    measure.save()
    audit_record(
        actor=actor,
        action="measure.update",
        agency=measure.agency,
        target=measure,
        summary=f"แก้ไขมาตรการ: {measure.title}",
        details={"fields": sorted(fields)},
        request=request,
    )
    return measure


@transaction.atomic
def measure_delete(*, measure: Measure, actor, request=None) -> None:
    """Remove a measure with its activities, progress updates and evidence; projects that served it stay
    (their link is cleared). The audit keeps its title, year and what went with it."""
    _check_edit(actor=actor, measure=measure)
    activities = list(measure.activities.values_list("pk", flat=True))
    updates = ProgressUpdate.objects.filter(activity__in=activities).count()
    files = [e.file for e in Evidence.objects.filter(update__activity__in=activities) if e.file]
    audit_record(
        actor=actor,
        action="measure.delete",
        agency=measure.agency,
        target=measure,
        summary=f"ลบมาตรการ: {measure.title} (ปีงบประมาณ {measure.fiscal_year})",
        details={"fiscal_year": measure.fiscal_year, "activities": len(activities), "updates": updates},
        request=request,
    )
    measure.delete()
    # Evidence files go once the rows are gone for good (not if the transaction rolls back).
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


def measure_publish(*, measure: Measure, published: bool, actor, request=None) -> Measure:
    measure = measure_update(measure=measure, actor=actor, request=request, is_published=published)
    audit_record(
        actor=actor,
        action="measure.publish" if published else "measure.unpublish",
        agency=measure.agency,
        target=measure,
        summary=("เผยแพร่" if published else "ยกเลิกการเผยแพร่") + f"มาตรการ: {measure.title}",
        request=request,
    )
    return measure


@dataclass(frozen=True)
class ActivityInput:
    name: str
    methods: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    divisions: tuple[Division, ...] = ()
    responsible_person: str = ""
    budget: Decimal | None = None
    no_budget: bool = False
    kpi: str = ""
    target: str = ""
    unit: str = ""
    weight: Decimal | None = None


def _check_activity(data: ActivityInput, agency: Agency) -> None:
    errors = {}
    if not data.name.strip():
        errors["name"] = "ต้องระบุชื่อกิจกรรม"
    if data.start and data.end and data.end < data.start:
        errors["end"] = "วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม"
    if data.budget is not None and data.budget < 0:
        errors["budget"] = "งบประมาณต้องไม่ติดลบ"
    if data.budget is not None and data.no_budget:
        errors["budget"] = "เลือก “ไม่ใช้งบประมาณ” แล้ว จึงไม่ต้องระบุจำนวนเงิน"
    if data.weight is not None and data.weight < 0:
        errors["weight"] = "น้ำหนักต้องไม่ติดลบ"
    if any(d.agency_id != agency.pk for d in data.divisions):
        errors["divisions"] = "ส่วนราชการต้องเป็นของหน่วยงานนี้"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(*, measure: Measure, data: ActivityInput, actor, request=None) -> Activity:
    _check_edit(actor=actor, measure=measure)
    _check_activity(data, measure.agency)
    activity = Activity.objects.create(
        measure=measure,
        order=measure.activities.count(),
        **_activity_fields(data),
    )
    activity.divisions.set(data.divisions)
    audit_record(
        actor=actor,
        action="activity.create",
        agency=measure.agency,
        target=activity,
        summary=f"เพิ่มกิจกรรม: {activity.name}",
        request=request,
    )
    return activity


def _activity_fields(data: ActivityInput) -> dict:
    return {
        "name": data.name.strip(),
        "methods": [m.strip() for m in data.methods if m.strip()],
        "start": data.start,
        "end": data.end,
        "responsible_person": data.responsible_person.strip(),
        "budget": None if data.no_budget else data.budget,
        "no_budget": data.no_budget,
        "kpi": data.kpi.strip(),
        "target": data.target.strip(),
        "unit": data.unit.strip(),
        "weight": data.weight,
    }


@transaction.atomic
def activity_update(*, activity: Activity, data: ActivityInput, actor, request=None) -> Activity:
    _check_edit(actor=actor, measure=activity.measure)
    _check_activity(data, activity.measure.agency)
    for key, value in _activity_fields(data).items():
        setattr(activity, key, value)
    activity.save()
    activity.divisions.set(data.divisions)
    audit_record(
        actor=actor,
        action="activity.update",
        agency=activity.measure.agency,
        target=activity,
        summary=f"แก้ไขกิจกรรม: {activity.name}",
        request=request,
    )
    return activity


@dataclass(frozen=True)
class EvidenceInput:
    title: str
    file: object | None = None  # an UploadedFile
    link: str = ""
    is_public: bool = True


def _check_evidence(items: list[EvidenceInput]) -> list[str]:
    """The sniffed type of each file (None for a link); a refused file is a ValidationError on its row."""
    r = rules()
    types = []
    for k, e in enumerate(items):
        where = f"evidence[{k}]"
        if (e.file is None) == (not e.link):  # neither, or both in one row (only the link would show)
            raise ValidationError({where: "หลักฐานแต่ละรายการต้องเป็นไฟล์หรือลิงก์อย่างใดอย่างหนึ่ง"})
        if e.link and not e.link.startswith(("https://", "http://")):
            raise ValidationError({where: "ลิงก์ต้องขึ้นต้นด้วย https:// หรือ http://"})
        types.append(None)
        if e.file is not None:
            ext = PurePath(e.file.name).suffix.lower().lstrip(".")
            if ext not in r.evidence_extensions:
                allowed = ", ".join(sorted(r.evidence_extensions))
                raise ValidationError({where: f"ไฟล์ชนิด .{ext} ใช้เป็นหลักฐานไม่ได้ (ใช้ได้: {allowed})"})
            try:  # the size before reading, then the type from the bytes (never the uploader's word)
                checked = upload_check(
                    file=e.file, max_bytes=r.evidence_max_bytes, allowed=r.evidence_extensions
                )
            except UploadRefused as refused:
                raise ValidationError({where: str(refused)}) from None
            types[-1] = checked.file_type.mime
    return types


@transaction.atomic
def progress_add(
    *,
    activity: Activity,
    actor,
    date: dt.date,
    status: str,
    percent,
    narrative: str = "",
    evidence: list[EvidenceInput] | None = None,
    request=None,
) -> ProgressUpdate:
    """A dated update of one activity. A division officer may update only activities of their division."""
    if actor is not None and not activity_can_update(user=actor, activity=activity):
        raise PermissionDenied("ไม่มีสิทธิ์รายงานความก้าวหน้าของกิจกรรมนี้")
    errors = {}
    try:
        percent = Decimal(str(percent))
    except (InvalidOperation, ValueError):
        errors["percent"] = "ร้อยละต้องเป็นตัวเลข 0–100"
    else:
        if not (0 <= percent <= 100):
            errors["percent"] = "ร้อยละต้องอยู่ระหว่าง 0 ถึง 100"
    if status not in {s.code for s in rules().statuses}:
        errors["status"] = "สถานะไม่ถูกต้อง"
    elif status == "done" and not errors and percent != 100:
        errors["percent"] = "กิจกรรมที่แล้วเสร็จต้องมีความก้าวหน้าร้อยละ 100"
    if errors:
        raise ValidationError(errors)
    items = list(evidence or [])
    sniffed = _check_evidence(items)
    update = ProgressUpdate.objects.create(
        activity=activity,
        date=date,
        status=status,
        percent=percent,
        narrative=narrative.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for e, content_type in zip(items, sniffed, strict=True):
        row = Evidence(
            update=update,
            title=e.title.strip() or (e.file.name if e.file else e.link),
            link=e.link,
            is_public=e.is_public,
        )
        if e.file is not None:
            row.filename = PurePath(e.file.name).name[:255]
            row.content_type = content_type
            row.size = e.file.size
            row.file.save(row.filename, e.file, save=False)
        row.save()
    audit_record(
        actor=actor,
        action="progress.create",
        agency=activity.measure.agency,
        target=update,
        summary=f"รายงานความก้าวหน้า {activity.name[:80]}: {percent}%",
        details={"status": status, "percent": str(percent), "evidence": len(items)},
        request=request,
    )
    return update


@transaction.atomic
def measures_import(*, agency: Agency, fiscal_year: int, measures: list[dict], actor=None) -> list[Measure]:
    """The seed loader's hook: the [[measures]] of a per-agency file as published measures. Idempotent: a
    measure with the same fiscal year and title is kept as it is."""
    from prongsai.ita.measures import measures_from_input

    parsed = measures_from_input(data_clean(measures))  # file text, not through the request middleware
    divisions = {d.name: d for d in Division.objects.filter(agency=agency)}
    out = []
    for m in parsed:
        existing = Measure.objects.filter(agency=agency, fiscal_year=fiscal_year, title=m.activity).first()
        if existing is not None:
            out.append(existing)
            continue
        missing = [n for n in m.responsible if n not in divisions]
        for n in missing:
            divisions[n] = Division.objects.create(agency=agency, name=n, order=len(divisions))
        measure = measure_create(
            agency=agency,
            fiscal_year=fiscal_year,
            title=m.activity,
            indicators=list(m.covers),
            analysis=m.analysis,
            is_published=True,
            actor=None,
        )
        budget = m.budget if isinstance(m.budget, Decimal) else None
        activity_create(
            measure=measure,
            actor=None,
            data=ActivityInput(
                name=m.activity,
                methods=m.methods,
                start=m.start,
                end=m.end,
                divisions=tuple(divisions[n] for n in m.responsible),
                budget=budget,
                no_budget=m.budget == "none",
                kpi=m.kpi,
                target=m.target,
            ),
        )
        out.append(measure)
    return out
