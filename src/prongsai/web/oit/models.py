"""A year's corrected OIT item list (overrides the framework file) and the agency's answer per item."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ItemList(models.Model):
    """The `[oit]` table of a year as an administrator loaded it (`prongsai oit-items load FILE`)."""

    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ", unique=True)
    data = models.JSONField("รายการข้อ OIT ([oit])")
    source_name = models.CharField("ไฟล์ที่นำเข้า", max_length=200, blank=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "รายการข้อ OIT ที่แก้ไขแล้ว"
        verbose_name_plural = "รายการข้อ OIT ที่แก้ไขแล้ว"

    def __str__(self) -> str:
        return f"OIT {self.fiscal_year}"


class Answer(models.Model):
    """What the officer tells ITAS for one item: a public URL and an explanation."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="oit_answers")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    code = models.CharField("ข้อ", max_length=16)
    url = models.URLField("ลิงก์ที่เผยแพร่", max_length=500, blank=True)
    explanation = models.TextField("คำอธิบาย", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year", "code"], name="oit_answer_unique")
        ]
