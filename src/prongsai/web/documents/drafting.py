"""Writes of the officer's version of a year's analysis: the focus, the paragraphs, the signatory."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..audit.services import audit_record
from .citations import citable_surveys
from .models import AnalysisVersion
from .sources import analysis_version_current, baseline_paragraphs

MAX_PARAGRAPH = 4000


def analysis_version_save(
    *,
    result,
    focus: list[int],
    paragraphs: dict[int, str],
    signoff_name: str = "",
    signoff_position: str = "",
    signed_on: dt.date | None = None,
    surveys: list[int] = (),
    actor,
    request=None,
) -> AnalysisVersion:
    """Save the next version for the result's agency and year. A paragraph equal to the one the document
    would print anyway (generated, or imported with the result) is
    not stored, so it follows the scores if they are corrected later. Raises ValidationError (Thai)."""
    generated = baseline_paragraphs(result=result)
    errors: dict[str, str] = {}
    unknown = [n for n in focus if n not in generated]
    if not focus:
        errors["focus"] = "เลือกตัวชี้วัดที่จะพัฒนาอย่างน้อยหนึ่งตัว"
    elif unknown:
        errors["focus"] = f"ไม่มีตัวชี้วัดที่ {unknown[0]} ในผลการประเมินปีนี้"
    kept: dict[str, str] = {}
    for n, text in paragraphs.items():
        if n not in generated:
            errors[f"p{n}"] = f"ไม่มีตัวชี้วัดที่ {n} ในผลการประเมินปีนี้"
            continue
        text = text.strip()
        if not text:
            errors[f"p{n}"] = f"ข้อความวิเคราะห์ตัวชี้วัดที่ {n} ว่างอยู่ (ลบแล้วระบบจะใช้ข้อความที่จัดทำให้)"
        elif len(text) > MAX_PARAGRAPH:
            errors[f"p{n}"] = f"ข้อความวิเคราะห์ตัวชี้วัดที่ {n} ยาวเกิน {MAX_PARAGRAPH:,} ตัวอักษร"
        elif text != generated[n].strip():
            kept[str(n)] = text
    citable = {s.pk for s in citable_surveys(agency=result.agency)}
    foreign = [n for n in surveys if n not in citable]
    if foreign:
        errors["surveys"] = f"ไม่พบแบบสำรวจหมายเลข {foreign[0]} ของหน่วยงานนี้"
    if errors:
        raise ValidationError(errors)
    for _attempt in range(3):  # two officers saving at once both get a number
        current = analysis_version_current(agency=result.agency, fiscal_year=result.fiscal_year)
        try:
            with transaction.atomic():
                version = AnalysisVersion.objects.create(
                    agency=result.agency,
                    fiscal_year=result.fiscal_year,
                    number=(current.number + 1) if current else 1,
                    focus=sorted(dict.fromkeys(int(n) for n in focus)),
                    paragraphs=kept,
                    surveys=sorted(dict.fromkeys(int(n) for n in surveys)),
                    signoff_name=signoff_name.strip(),
                    signoff_position=signoff_position.strip(),
                    signed_on=signed_on,
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
            break
        except IntegrityError:
            continue
    else:
        raise ValidationError({"__all__": "มีผู้บันทึกพร้อมกัน กรุณาบันทึกอีกครั้ง"})
    audit_record(
        actor=actor,
        agency=result.agency,
        action="analysis.save",
        target=version,
        summary=(
            f"บันทึกการวิเคราะห์ปีงบประมาณ {result.fiscal_year} ฉบับที่ {version.number} "
            f"(เลือกตัวชี้วัดที่ {', '.join(map(str, version.focus))}; แก้ข้อความ {len(kept)} ตัวชี้วัด)"
        ),
        details={
            "focus": version.focus,
            "edited": sorted(kept, key=int),
            "surveys": version.surveys,
            "result": result.pk,
        },
        request=request,
    )
    return version
