"""Citizen cases: requests, questions, opinions, complaints (and confidential corruption complaints)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

# Statuses and kinds are data (rules.toml); the database keeps their codes.


class Case(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="cases")
    service = models.ForeignKey(
        "services.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    kind = models.CharField("ประเภท", max_length=20, db_index=True)
    confidential = models.BooleanField("ช่องทางลับ", default=False, db_index=True)
    tracking_no = models.CharField("เลขติดตามเรื่อง", max_length=20, unique=True)
    secret = models.CharField(max_length=32)  # the private part of the tracking link
    channel = models.CharField("ช่องทาง", max_length=20, default="web")  # web, open311, staff
    subject = models.CharField("เรื่อง", max_length=200)
    description = models.TextField("รายละเอียด", max_length=4000)
    attributes = models.JSONField("ข้อมูลเพิ่มเติม", default=dict, blank=True)
    # The sender (all optional where the kind allows anonymity; PDPA consent recorded).
    name = models.CharField("ชื่อผู้ส่ง", max_length=200, blank=True)
    email = models.EmailField("อีเมล", blank=True)
    phone = models.CharField("โทรศัพท์", max_length=30, blank=True)
    line_id = models.CharField("LINE user id", max_length=64, blank=True)
    pdpa_consent_at = models.DateTimeField(null=True, blank=True)
    publish_consent = models.BooleanField("ยินยอมให้เผยแพร่คำถามและคำตอบ", default=False)
    qa_hidden = models.BooleanField("ไม่แสดงบนกระดานถาม-ตอบ", default=False)
    # Location: a pin (lat/long) or an address.
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField("สถานที่/ที่อยู่", max_length=300, blank=True)
    # Handling.
    status = models.CharField("สถานะ", max_length=20, default="received", db_index=True)
    division = models.ForeignKey(
        "agencies.Division", on_delete=models.SET_NULL, null=True, blank=True, related_name="cases"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    due_date = models.DateField("ตอบครั้งแรกภายใน")
    answer_days = models.PositiveSmallIntegerField(default=15)
    first_answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    public_answer = models.TextField("คำตอบล่าสุด (สาธารณะ)", blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_comment = models.TextField(blank=True, max_length=2000)
    rated_at = models.DateTimeField(null=True, blank=True)
    # Reliability and throttling.
    api_key = models.ForeignKey(
        "open311.ApiKey", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    idempotency_key = models.CharField(max_length=100, blank=True)
    client_hash = models.CharField(max_length=64, blank=True)  # hashed address, for rate limits only

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "confidential", "status"]),
            models.Index(fields=["client_hash", "created_at"]),
            models.Index(fields=["api_key", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["api_key", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="case_unique_idempotency",
            ),
            # The web forms' one-time token (api_key is NULL there, which the constraint above ignores):
            # a double tap or a resent form stores one case.
            models.UniqueConstraint(
                fields=["agency", "idempotency_key"],
                condition=models.Q(api_key__isnull=True) & ~models.Q(idempotency_key=""),
                name="case_unique_form_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_no} {self.subject}"


class CaseEvent(models.Model):
    """The history of a case: public answers and status changes the sender sees, internal notes they never do."""

    class Kind(models.TextChoices):
        CREATED = "created", "รับเรื่อง"
        STATUS = "status", "เปลี่ยนสถานะ"
        ANSWER = "answer", "คำตอบ"
        NOTE = "note", "บันทึกภายใน"
        ASSIGN = "assign", "มอบหมาย"
        RATING = "rating", "ประเมินความพึงพอใจ"
        NOTICE = "notice", "แจ้งผู้ส่ง"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    public = models.BooleanField(default=False)
    status = models.CharField(max_length=20, blank=True)
    text = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class Attachment(models.Model):
    """A photo sent with a case; the file lives under VAR_DIR/uploads (outside the web root)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    stored_name = models.CharField(max_length=80, unique=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)


class ResponseTemplate(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="response_templates")
    title = models.CharField("ชื่อแบบคำตอบ", max_length=120)
    body = models.TextField("ข้อความ", max_length=4000)

    class Meta:
        ordering = ["title"]


class ConfidentialOfficer(models.Model):
    """A named officer who may see the agency's confidential (corruption) complaints."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "user"], name="confidential_officer_unique")]
