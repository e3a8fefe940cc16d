"""Agencies, their divisions, staff memberships with roles, and supervisors' chosen agencies."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Agency(models.Model):
    name = models.CharField("ชื่อหน่วยงาน", max_length=200)
    type = models.CharField("ประเภท", max_length=100, blank=True, db_index=True)
    province = models.CharField("จังหวัด", max_length=100, blank=True, db_index=True)
    district = models.CharField("อำเภอ", max_length=100, blank=True)
    dla_code = models.CharField("รหัส อปท.", max_length=20, blank=True, db_index=True)
    is_public = models.BooleanField("แสดงบนหน้าแรก", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # From the national register (prongsai agencies import): who supervises it, e.g. the province office.
    supervisor_group = models.CharField("หน่วยงานกำกับดูแล", max_length=200, blank=True)
    # The profile the agency keeps itself (settings page); shown on its public home page /p/<id>/.
    address = models.TextField("ที่อยู่", blank=True)
    phone = models.CharField("โทรศัพท์", max_length=100, blank=True)
    email = models.EmailField("อีเมล", blank=True)
    website = models.URLField("เว็บไซต์", blank=True)
    line_oa = models.CharField("LINE Official Account", max_length=100, blank=True)
    facebook = models.URLField("เพจ Facebook", blank=True)
    office_hours = models.TextField("เวลาทำการ", blank=True)
    chief_name = models.CharField("ชื่อผู้บริหารสูงสุด", max_length=200, blank=True)
    chief_position = models.CharField("ตำแหน่งผู้บริหารสูงสุด", max_length=200, blank=True)

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
    """A กอง/สำนัก of one agency. A retired division keeps its past cases, activities and services but is
    no longer offered for new choices (`retired_at` set, never deleted)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="divisions", verbose_name="หน่วยงาน"
    )
    name = models.CharField("ชื่อส่วนราชการ", max_length=200)
    order = models.PositiveIntegerField("ลำดับ", default=0)
    retired_at = models.DateTimeField("เลิกใช้เมื่อ", null=True, blank=True)

    class Meta:
        ordering = ["agency", "order", "name"]
        verbose_name = "ส่วนราชการ (กอง/สำนัก)"
        verbose_name_plural = "ส่วนราชการ (กอง/สำนัก)"
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="division_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "ผู้ดูแลระบบของหน่วยงาน"
    ITA_COORDINATOR = "ita_coordinator", "ผู้ประสานงาน ITA"
    DIVISION_OFFICER = "division_officer", "เจ้าหน้าที่กอง/สำนัก"
    EXECUTIVE = "executive", "ผู้บริหาร (อ่านอย่างเดียว)"


class Membership(models.Model):
    """A staff account's role in one agency; a division officer also belongs to a division."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name="ผู้ใช้"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name="หน่วยงาน"
    )
    role = models.CharField("บทบาท", max_length=32, choices=Role.choices)
    division = models.ForeignKey(
        Division, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="สังกัดกอง/สำนัก"
    )

    class Meta:
        verbose_name = "เจ้าหน้าที่ของหน่วยงาน"
        verbose_name_plural = "เจ้าหน้าที่ของหน่วยงาน"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_unique_user_agency")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.get_role_display()})"

    def clean(self) -> None:
        # Validation only (run by every ModelForm, the Django admin included, and by the staff services):
        # a division officer belongs to one current division of the same agency.
        division = self.division
        if division is not None and self.agency_id is not None and division.agency_id != self.agency_id:
            raise ValidationError(
                {
                    "division": f"กอง/สำนัก “{division.name}” เป็นของหน่วยงานอื่น "
                    "เลือกได้เฉพาะกอง/สำนักของหน่วยงานนี้ (the division belongs to another agency)"
                }
            )
        if self.role == Role.DIVISION_OFFICER and division is None:
            raise ValidationError(
                {"division": "เจ้าหน้าที่กอง/สำนักต้องสังกัดกอง/สำนัก (a division officer needs a division)"}
            )
        if division is not None and division.retired_at is not None and self._division_changed():
            raise ValidationError(
                {"division": f"กอง/สำนัก “{division.name}” เลิกใช้แล้ว (the division is retired)"}
            )

    def _division_changed(self) -> bool:
        if self.pk is None:
            return True
        old = Membership.objects.filter(pk=self.pk).values_list("division_id", flat=True).first()
        return old != self.division_id


class Supervision(models.Model):
    """A provincial supervisor sees (read-only) each agency chosen for them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisions", verbose_name="ผู้ใช้"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="supervisions", verbose_name="หน่วยงาน"
    )

    class Meta:
        verbose_name = "ผู้กำกับดูแล (อ่านอย่างเดียว)"
        verbose_name_plural = "ผู้กำกับดูแล (อ่านอย่างเดียว)"
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="supervision_unique")]


class AgencyNameHistory(models.Model):
    """A name the agency had before a rename (by the register import or the settings page)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="name_history")
    name = models.CharField("ชื่อเดิม", max_length=200)
    replaced_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=20)  # "register" or "settings"

    class Meta:
        ordering = ["agency", "-replaced_at", "-pk"]


class AgencyLogo(models.Model):
    """The agency's logo, in its own table: the agency row is read on every staff page."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, primary_key=True, related_name="logo")
    content = models.BinaryField()
    content_type = models.CharField(max_length=50)
    updated_at = models.DateTimeField(auto_now=True)


class PendingInvitation(models.Model):
    """An administrator named in the register whose invitation e-mail is still due (sent_at empty)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="pending_invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "user"], name="pending_invitation_unique")]
