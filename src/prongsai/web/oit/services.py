"""Writes of the OIT app: the officer's URL and explanation for one item of a year (audited)."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from ..agencies.models import Agency
from ..agencies.selectors import division_choices
from ..audit.services import audit_record
from ..plans.rules import rules as plans_rules
from .items import year_items
from .models import Answer, Evidence

MAX_EXPLANATION = 2000


def answer_clean(*, url: str, explanation: str) -> tuple[str, str]:
    """A public http(s) address and a bounded explanation; ValidationError names the field in Thai."""
    url, explanation = url.strip(), explanation.strip()
    if url:
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise ValidationError({"url": "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://"})
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ValidationError({"url": f"ลิงก์ไม่ถูกต้อง: {url[:100]}"}) from None
        if len(url) > 500:
            raise ValidationError({"url": "ลิงก์ยาวเกิน ๕๐๐ ตัวอักษร"})
    if len(explanation) > MAX_EXPLANATION:
        raise ValidationError({"explanation": f"คำอธิบายยาวเกิน {MAX_EXPLANATION} ตัวอักษร"})
    return url, explanation


@transaction.atomic
def answer_save(
    *, agency: Agency, fiscal_year: int, code: str, url: str, explanation: str, actor, request=None
) -> Answer | None:
    """Set (or clear, when both are empty) the agency's answer for one item of the year."""
    items = year_items(fiscal_year=fiscal_year)
    if items is None or code not in items.oit.item_names:
        raise ValidationError({"code": f"ไม่มีข้อ {code} ในรายการข้อ OIT ปี {fiscal_year}"})
    url, explanation = answer_clean(url=url, explanation=explanation)
    before = Answer.objects.filter(agency=agency, fiscal_year=fiscal_year, code=code).first()
    if not url and not explanation:
        if before:
            before.delete()
            audit_record(
                actor=actor,
                action="oit.answer_clear",
                agency=agency,
                summary=f"ลบลิงก์และคำอธิบายของข้อ {code} ปี {fiscal_year}",
                request=request,
            )
        return None
    answer, _ = Answer.objects.update_or_create(
        agency=agency,
        fiscal_year=fiscal_year,
        code=code,
        defaults={"url": url, "explanation": explanation, "updated_by": actor},
    )
    audit_record(
        actor=actor,
        action="oit.answer_save",
        agency=agency,
        target=answer,
        summary=f"บันทึกลิงก์/คำอธิบายข้อ {code} ปี {fiscal_year}",
        details={
            "code": code,
            "url": url,
            "before_url": before.url if before else "",
            "explanation_changed": (before.explanation if before else "") != explanation,
        },
        request=request,
    )
    return answer


def _check_upload(upload) -> None:
    """Plans' upload rules (plans/rules.toml [evidence]): the file type and the size."""
    r = plans_rules()
    ext = PurePath(upload.name).suffix.lower().lstrip(".")
    if ext not in r.evidence_extensions:
        allowed = ", ".join(sorted(r.evidence_extensions))
        raise ValidationError({"file": f"ไฟล์ชนิด .{ext or '(ไม่มีนามสกุล)'} ใช้เป็นหลักฐานไม่ได้ (ใช้ได้: {allowed})"})
    if upload.size > r.evidence_max_bytes:
        raise ValidationError({"file": f"ไฟล์ใหญ่เกิน {r.evidence_max_bytes // (1024 * 1024)} MB"})
    if upload.size == 0:
        raise ValidationError({"file": "ไฟล์ว่าง"})


@transaction.atomic
def evidence_add(
    *,
    agency: Agency,
    fiscal_year: int,
    code: str,
    title: str,
    published_on: dt.date | None,
    division_id: int | None = None,
    upload=None,
    link: str = "",
    actor,
    request=None,
) -> Evidence:
    """A file or a link for one item, with its date and responsible division; refused whole (nothing
    stored) when it breaks a rule, the reason naming the field."""
    items = year_items(fiscal_year=fiscal_year)
    if items is None or code not in items.oit.item_names:
        raise ValidationError({"code": f"ไม่มีข้อ {code} ในรายการข้อ OIT ปี {fiscal_year}"})
    title, link = title.strip(), link.strip()
    if not title:
        raise ValidationError({"title": "ใส่ชื่อหลักฐาน"})
    if (upload is None) == (not link):
        raise ValidationError({"file": "หลักฐานแต่ละรายการต้องเป็นไฟล์หรือลิงก์อย่างใดอย่างหนึ่ง"})
    if link:
        link, _ = answer_clean(url=link, explanation="")
    if upload is not None:
        _check_upload(upload)
    if published_on is None:
        raise ValidationError({"published_on": "ใส่วันที่เผยแพร่"})
    division = None
    if division_id:
        division = division_choices(agency=agency).filter(pk=division_id).first()
        if division is None:
            raise ValidationError({"division": "กอง/สำนักนี้ไม่ได้อยู่ในหน่วยงาน"})
    row = Evidence(
        agency=agency,
        fiscal_year=fiscal_year,
        code=code,
        title=title[:300],
        link=link,
        published_on=published_on,
        division=division,
        uploaded_by=actor,
    )
    if upload is not None:
        row.filename = PurePath(upload.name).name[:255]
        row.content_type = (getattr(upload, "content_type", "") or "application/octet-stream")[:100]
        row.size = upload.size
        row.file.save(upload.name, upload, save=False)
    row.save()
    audit_record(
        actor=actor,
        action="oit.evidence_add",
        agency=agency,
        target=row,
        summary=f"เพิ่มหลักฐานข้อ {code} ปี {fiscal_year}: {title[:100]}",
        details={"code": code, "file": row.filename, "link": link, "size": row.size},
        request=request,
    )
    return row


@transaction.atomic
def evidence_remove(*, evidence: Evidence, actor, request=None) -> None:
    code, year, agency = evidence.code, evidence.fiscal_year, evidence.agency
    if evidence.file:
        evidence.file.delete(save=False)
    evidence.delete()
    audit_record(
        actor=actor,
        action="oit.evidence_remove",
        agency=agency,
        summary=f"ลบหลักฐานข้อ {code} ปี {year}",
        request=request,
    )
