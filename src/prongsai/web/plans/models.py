"""Measures (มาตรการ) per fiscal year, their activities, dated progress updates with evidence, reports."""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone

from .rules import report_choices, status_choices


class PrivateStorage(FileSystemStorage):
    """Evidence files live under var/private, outside the static root; a view serves them only after a
    permission check. The location follows settings.VAR_DIR at each use (tests move it)."""

    @property
    def base_location(self):
        return str(settings.VAR_DIR / "private" / "evidence")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def evidence_storage() -> PrivateStorage:
    return PrivateStorage()


def evidence_upload_to(instance, filename: str) -> str:
    """A random name on disk (the uploader's name is kept in `filename`): no personal data in paths."""
    ext = os.path.splitext(filename)[1].lower()
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext}"


class Measure(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="measures")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    indicators = models.JSONField("ตัวชี้วัด", default=list)  # [8] or [7, 8]
    title = models.CharField("ชื่อมาตรการ", max_length=500)
    analysis = models.TextField("ผลการวิเคราะห์ที่นำมาสู่มาตรการ", blank=True)
    # The ITA result whose analysis motivated the measure (None when typed in by hand or imported).
    source_result = models.ForeignKey(
        "assessments.ItaResult", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_published = models.BooleanField("เผยแพร่ต่อสาธารณะ", default=False)
    order = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency", "-fiscal_year", "order", "id"]
        indexes = [models.Index(fields=["agency", "fiscal_year", "is_published"])]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="activities")
    order = models.PositiveIntegerField(default=0)
    name = models.CharField("กิจกรรม", max_length=500)
    methods = models.JSONField("วิธีการดำเนินการ", default=list)  # numbered in the order given
    start = models.DateField("วันเริ่ม", null=True, blank=True)
    end = models.DateField("วันสิ้นสุด", null=True, blank=True)
    divisions = models.ManyToManyField("agencies.Division", related_name="activities", blank=True)
    responsible_person = models.CharField("ผู้รับผิดชอบ (บุคคล)", max_length=200, blank=True)
    budget = models.DecimalField("งบประมาณ (บาท)", max_digits=14, decimal_places=2, null=True, blank=True)
    no_budget = models.BooleanField("ไม่ใช้งบประมาณ", default=False)
    kpi = models.CharField("ตัวชี้วัดความสำเร็จ (KPI)", max_length=500, blank=True)
    target = models.CharField("ค่าเป้าหมาย", max_length=100, blank=True)
    unit = models.CharField("หน่วยนับ", max_length=100, blank=True)
    weight = models.DecimalField("น้ำหนัก", max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["measure", "order", "id"]

    def __str__(self) -> str:
        return self.name


class ProgressUpdate(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField("ณ วันที่")
    status = models.CharField("สถานะ", max_length=20, choices=status_choices())
    percent = models.DecimalField("ร้อยละความก้าวหน้า", max_digits=5, decimal_places=2)
    narrative = models.TextField("ผลการดำเนินงาน", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "-date", "-id"]
        indexes = [models.Index(fields=["activity", "-date", "-id"])]


class Evidence(models.Model):
    """A file (kept outside the web root) or a link that backs a progress update."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField("ชื่อหลักฐาน", max_length=300)
    file = models.FileField(
        storage=evidence_storage, upload_to=evidence_upload_to, blank=True, max_length=300
    )
    filename = models.CharField(max_length=255, blank=True)  # the uploader's name for the file
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    link = models.URLField("ลิงก์", max_length=1000, blank=True)
    is_public = models.BooleanField("แสดงต่อสาธารณะ", default=True)

    class Meta:
        ordering = ["update", "id"]


class ImplementationReport(models.Model):
    """A six-month or year-end report; the files are kept in the database like analysis documents."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="implementation_reports"
    )
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    kind = models.CharField("รอบรายงาน", max_length=20, choices=report_choices())
    as_of = models.DateField("ข้อมูล ณ วันที่")
    is_published = models.BooleanField("เผยแพร่ต่อสาธารณะ", default=False)
    # Withdrawn from publication: the public page keeps a line saying when and why, without the files.
    withdrawn_at = models.DateTimeField("ถอนการเผยแพร่เมื่อ", null=True, blank=True)
    withdrawn_note = models.TextField("เหตุผลที่ถอนการเผยแพร่", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "-fiscal_year", "-created_at", "-id"]


class ReportFile(models.Model):
    report = models.ForeignKey(ImplementationReport, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=8)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["format"]
        constraints = [models.UniqueConstraint(fields=["report", "format"], name="reportfile_unique_format")]
