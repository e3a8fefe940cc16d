"""Projects open to the public, people's registrations and suggestions (personal data never public),
staff answers, and the published outcome of participation."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", "ร่าง (ยังไม่เผยแพร่)"
    OPEN = "open", "เปิดรับการมีส่วนร่วม"
    CLOSED = "closed", "ปิดรับแล้ว"


class Project(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="projects")
    measure = models.ForeignKey(
        "plans.Measure", on_delete=models.SET_NULL, null=True, blank=True, related_name="projects"
    )
    activity = models.ForeignKey(
        "plans.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="projects"
    )
    title = models.CharField("ชื่อโครงการ/กิจกรรม", max_length=300)
    description = models.TextField("รายละเอียด (ทำอะไร เพื่ออะไร)")
    starts_on = models.DateField("วันที่จัด")
    ends_on = models.DateField("ถึงวันที่", null=True, blank=True)
    time_text = models.CharField("เวลา", max_length=100, blank=True)
    place = models.CharField("สถานที่", max_length=300)
    audience = models.CharField("ผู้ที่เข้าร่วมได้", max_length=300)
    contact = models.CharField("ติดต่อสอบถาม", max_length=300, blank=True)
    status = models.CharField(
        "สถานะ", max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT
    )
    registration_open = models.BooleanField("เปิดรับลงทะเบียน", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["agency", "-starts_on", "-id"]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.status != ProjectStatus.DRAFT

    @property
    def is_past(self) -> bool:
        """The last day (ends_on, else starts_on) is over, in the site's time zone."""
        return (self.ends_on or self.starts_on) < timezone.localdate()

    @property
    def takes_registrations(self) -> bool:
        """Open, registration on, and not yet past: registration closes by itself after the last day."""
        return self.status == ProjectStatus.OPEN and self.registration_open and not self.is_past

    @property
    def status_label(self) -> str:
        """The status people should read: an open project whose days are over says it is closed."""
        if self.status == ProjectStatus.OPEN and self.is_past:
            return "ปิดรับแล้ว (เลยวันที่จัด)"
        return self.get_status_display()


class Registration(models.Model):
    """Personal data: seen only by the agency's staff, never on a public page or public API."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField("ชื่อ-นามสกุล", max_length=200)
    phone = models.CharField("โทรศัพท์", max_length=40, blank=True)
    email = models.EmailField("อีเมล", blank=True)
    group = models.CharField("ชุมชน/กลุ่ม/หน่วยงาน", max_length=200, blank=True)
    consent_at = models.DateTimeField()  # when the person accepted the PDPA notice
    created_at = models.DateTimeField(auto_now_add=True)
    client_hash = models.CharField(max_length=64, blank=True)  # hashed address, for rate limits only

    class Meta:
        ordering = ["project", "created_at", "id"]
        indexes = [models.Index(fields=["client_hash", "created_at"])]


class SuggestionKind(models.TextChoices):
    COMMENT = "comment", "ความคิดเห็น"
    SUGGESTION = "suggestion", "ข้อเสนอแนะ"


class Suggestion(models.Model):
    """The text is published only with the staff's answer; the name and contact never are."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(
        "ประเภท", max_length=12, choices=SuggestionKind.choices, default=SuggestionKind.SUGGESTION
    )
    text = models.TextField("ข้อความ")
    name = models.CharField("ชื่อ (ไม่เผยแพร่)", max_length=200, blank=True)
    contact = models.CharField("ช่องทางติดต่อกลับ (ไม่เผยแพร่)", max_length=200, blank=True)
    consent_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField("คำตอบของหน่วยงาน", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField("ซ่อนจากหน้าสาธารณะ", default=False)
    client_hash = models.CharField(max_length=64, blank=True)  # hashed address, for rate limits only

    class Meta:
        ordering = ["project", "created_at", "id"]
        indexes = [models.Index(fields=["client_hash", "created_at"])]

    @property
    def is_public(self) -> bool:
        return bool(self.answer) and not self.is_hidden


class Outcome(models.Model):
    """What came of the participation: who took part (as groups and counts), what was proposed, what was
    adopted and into which measure or plan."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="outcome")
    participants_count = models.PositiveIntegerField("จำนวนผู้เข้าร่วม (คน)", default=0)
    participants_summary = models.TextField("ผู้เข้าร่วม (กลุ่ม/ภาคส่วน ไม่ระบุชื่อบุคคล)", blank=True)
    proposals = models.TextField("ข้อเสนอที่ได้รับ", blank=True)
    adopted = models.TextField("ข้อเสนอที่นำไปใช้", blank=True)
    adopted_measure = models.ForeignKey(
        "plans.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_outcomes",
        verbose_name="นำไปใช้ในมาตรการ",
    )
    adopted_plan = models.CharField("หรือนำไปใช้ในแผน/โครงการ", max_length=300, blank=True)
    is_published = models.BooleanField("เผยแพร่ผลการมีส่วนร่วม", default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
