"""Agencies, their divisions, staff memberships with roles, and supervisors' chosen agencies."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Agency(models.Model):
    name = models.CharField("ชื่อหน่วยงาน", max_length=200)
    type = models.CharField("ประเภท", max_length=100, blank=True, db_index=True)
    province = models.CharField("จังหวัด", max_length=100, blank=True, db_index=True)
    district = models.CharField("อำเภอ", max_length=100, blank=True)
    dla_code = models.CharField("รหัส อปท.", max_length=20, blank=True, db_index=True)
    is_public = models.BooleanField("แสดงบนหน้าแรก", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["province", "name"]
        verbose_name = "หน่วยงาน"
        verbose_name_plural = "หน่วยงาน"
        constraints = [
            models.UniqueConstraint(
                fields=["dla_code"], condition=~models.Q(dla_code=""), name="agency_unique_dla_code"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Division(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="divisions")
    name = models.CharField("ชื่อส่วนราชการ", max_length=200)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["agency", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="division_unique_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "ผู้ดูแลระบบของหน่วยงาน"
    ITA_COORDINATOR = "ita_coordinator", "ผู้ประสานงาน ITA"
    DIVISION_OFFICER = "division_officer", "เจ้าหน้าที่กอง/สำนัก"
    EXECUTIVE = "executive", "ผู้บริหาร (อ่านอย่างเดียว)"


class Membership(models.Model):
    """A staff account's role in one agency; a division officer also belongs to a division."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("บทบาท", max_length=32, choices=Role.choices)
    division = models.ForeignKey(Division, on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_unique_user_agency")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.role})"


class Supervision(models.Model):
    """A provincial supervisor sees (read-only) each agency chosen for them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisions")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="supervisions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="supervision_unique")]
