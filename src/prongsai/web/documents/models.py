"""Generated documents (a request for some formats, its progress, the files, tied to one result) and the
officer's versioned choices and words they are made from."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    QUEUED = "queued", "รอคิว"
    RUNNING = "running", "กำลังจัดทำ"
    DONE = "done", "เสร็จแล้ว"
    FAILED = "failed", "ไม่สำเร็จ"


class Document(models.Model):
    result = models.ForeignKey("assessments.ItaResult", on_delete=models.PROTECT, related_name="documents")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="documents")
    formats = models.JSONField(default=list)  # ["pdf", "docx", "html"]
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    message = models.CharField(max_length=500, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The officer's version of the analysis the document was made from (None: the generated text only).
    version = models.ForeignKey(
        "AnalysisVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="documents"
    )

    class Meta:
        ordering = ["-created_at", "-id"]


class DocumentFile(models.Model):
    """The file itself lives in the database so one database backup holds everything."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=8)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["format"]
        constraints = [
            models.UniqueConstraint(fields=["document", "format"], name="documentfile_unique_format")
        ]


class AnalysisVersion(models.Model):
    """The officer's choices and words for one year's document: the focus indicators, the indicators'
    analysis paragraphs, the signatory and the date of signing. A version is never changed: saving makes
    the next one, so who wrote what and when stays visible; the newest is the current one."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="analysis_versions")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณของผลการประเมิน")
    number = models.PositiveIntegerField("ฉบับที่")
    focus = models.JSONField("ตัวชี้วัดที่เลือกพัฒนา", default=list)  # [8]
    paragraphs = models.JSONField("ข้อความวิเคราะห์รายตัวชี้วัด", default=dict)  # {"8": "…"}; absent = generated
    # The agency's own surveys the document cites (their ids): its own measurement, not the NACC's.
    surveys = models.JSONField("ผลสำรวจของหน่วยงานที่อ้างถึง", default=list, blank=True)
    signoff_name = models.CharField("ชื่อผู้ลงนาม", max_length=200, blank=True)
    signoff_position = models.CharField("ตำแหน่งผู้ลงนาม", max_length=300, blank=True)
    signed_on = models.DateField("วันที่ลงนาม", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "fiscal_year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "number"], name="analysisversion_unique_number"
            )
        ]
