"""Surveys, their anonymous responses, one-time codes (kept apart from the answers) and rate counters.

Nothing that could identify a respondent is stored with an answer: a `Response` has its survey, the day
and the answers, and no address, user agent, time of day or code. Issued and used codes are hashes in
tables of their own with no foreign key to a response and no date, so a used code cannot be joined to
the answers it unlocked. Rate counters hold a keyed hash of the address and a count per time window,
not one row per submission.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    INTERNAL = "internal", "ภายใน (บุคลากร แบบ IIT)"
    EXTERNAL = "external", "ภายนอก (ผู้รับบริการ แบบ EIT)"


TOOL_OF_KIND = {Kind.INTERNAL: "IIT", Kind.EXTERNAL: "EIT"}


class Survey(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="surveys")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    kind = models.CharField("ประเภท", max_length=16, choices=Kind.choices)
    title = models.CharField("ชื่อแบบสำรวจ", max_length=200)
    # The questionnaire this survey was opened with, shaped like a year's [surveys.<TOOL>] table plus
    # texts, code labels and blank rules; the survey keeps it even when the year's data change.
    definition = models.JSONField("คำถาม")
    question_set_year = models.PositiveSmallIntegerField("ชุดคำถามของปี")
    verified = models.BooleanField("ชุดคำถามทางการของปีนี้", default=False)
    edited = models.BooleanField("แก้ไขคำถามแล้ว", default=False)
    ask_service = models.BooleanField("ถามบริการที่ใช้", default=False)
    opens_on = models.DateField("เปิดรับคำตอบ")
    closes_on = models.DateField("ปิดรับคำตอบ")
    token = models.CharField(max_length=32, unique=True)  # the public link s/<token>/
    code_salt = models.CharField(max_length=32)  # one-time codes are hashed with it
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "แบบสำรวจ"
        verbose_name_plural = "แบบสำรวจ"
        ordering = ("-fiscal_year", "-created_at")

    def __str__(self) -> str:
        return f"{self.title} ({self.fiscal_year})"

    @property
    def tool(self) -> str:
        return TOOL_OF_KIND[self.kind]

    @property
    def internal(self) -> bool:
        return self.kind == Kind.INTERNAL


class Response(models.Model):
    """One respondent's answers: one character per question part in the definition's order
    (see answers_codec.py). No address, user agent, code or time finer than the day."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    day = models.DateField()
    answers = models.CharField(max_length=400)
    service = models.ForeignKey(
        "services.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "คำตอบ"
        verbose_name_plural = "คำตอบ"


class IssuedCode(models.Model):
    """The hash of a one-time code the administrator printed (the code itself is never stored)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("survey", "code_hash"), name="surveys_issued_once")]


class UsedCode(models.Model):
    """The set of spent codes: a hash per survey, no link to a response and no date."""

    # The hash is salted per survey, so it is unique on its own; as the primary key it gives the rows no
    # order of use (an auto-increment id would line up with the responses' ids).
    code_hash = models.CharField(max_length=64, primary_key=True)
    survey_ref = models.PositiveIntegerField(db_index=True)  # the survey's id, without a foreign key


class RateCount(models.Model):
    """Submissions to external surveys from one (hashed) address within one window."""

    client_hash = models.CharField(max_length=32)
    window = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("client_hash", "window"), name="surveys_rate_window")]


class IdempotentSubmission(models.Model):
    """A POST's Idempotency-Key (hashed with the survey) so a retried POST stores one response; kept with
    the day only, and without a link to the response it stored."""

    key_hash = models.CharField(max_length=64, primary_key=True)
    day = models.DateField()
