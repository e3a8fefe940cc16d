"""A year's corrected OIT item list (overrides the framework file) and the agency's answer per item."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..plans.models import evidence_storage, evidence_upload_to


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


class Evidence(models.Model):
    """A file (kept outside the web root, Plans' upload rules) or a link published for one item, with the
    date it was published and the division responsible for it."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="oit_evidence")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    code = models.CharField("ข้อ", max_length=16)
    title = models.CharField("ชื่อหลักฐาน", max_length=300)
    file = models.FileField(
        storage=evidence_storage, upload_to=evidence_upload_to, blank=True, max_length=300
    )
    filename = models.CharField(max_length=255, blank=True)  # the uploader's name for the file
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    link = models.URLField("ลิงก์", max_length=1000, blank=True)
    published_on = models.DateField("วันที่เผยแพร่")
    division = models.ForeignKey(
        "agencies.Division", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "fiscal_year", "code", "-published_on", "id"]
        indexes = [models.Index(fields=["agency", "fiscal_year"])]
