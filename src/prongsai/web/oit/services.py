"""Writes of the OIT app: the officer's URL and explanation for one item of a year (audited)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from ..agencies.models import Agency
from ..audit.services import audit_record
from .items import year_items
from .models import Answer

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
