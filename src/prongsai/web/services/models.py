"""The service catalogue: what an agency offers online, with its citizen manual and form fields.

A service is a draft (`is_active` false, never published), published (`is_active`), or retired
(`retired_at` set, `is_active` false): retired services keep their past requests and are no longer shown."""

from __future__ import annotations

from django.db import models


class Service(models.Model):
    """One e-service (e.g. water-truck request) and its manual; `attributes` are Open311 attributes."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="services", verbose_name="หน่วยงาน"
    )
    code = models.SlugField("รหัสบริการ", max_length=64)
    name_th = models.CharField("ชื่อบริการ", max_length=200)
    name_en = models.CharField("ชื่อบริการ (อังกฤษ)", max_length=200, blank=True)
    group = models.CharField("หมวด", max_length=100, blank=True)
    keywords = models.CharField("คำค้น", max_length=300, blank=True)
    description = models.TextField("คำอธิบาย", blank=True)
    division = models.ForeignKey(
        "agencies.Division",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name="กอง/สำนักที่รับผิดชอบ",
    )
    # The manual (คู่มือการให้บริการ): steps, documents, fee, duration and contact, kept as data.
    steps = models.JSONField("ขั้นตอน", default=list, blank=True)
    documents = models.JSONField("เอกสารที่ต้องใช้", default=list, blank=True)
    fee = models.CharField("ค่าธรรมเนียม", max_length=200, blank=True)
    duration = models.CharField("ระยะเวลาให้บริการ", max_length=200, blank=True)
    contact = models.CharField("ติดต่อ", max_length=300, blank=True)
    place = models.CharField("สถานที่/ช่องทางให้บริการ", max_length=300, blank=True)
    hours = models.CharField("วันและเวลาให้บริการ", max_length=200, blank=True)
    legal_basis = models.CharField("กฎหมายที่เกี่ยวข้อง", max_length=300, blank=True)
    answer_days = models.PositiveSmallIntegerField("ตอบครั้งแรกภายใน (วันทำการ)", null=True, blank=True)
    attributes = models.JSONField("ช่องข้อมูลเพิ่มเติม (Open311 attributes)", default=list, blank=True)
    needs_location = models.BooleanField("ต้องระบุสถานที่", default=True)
    is_active = models.BooleanField("เผยแพร่ (เปิดให้บริการ)", default=True)
    retired_at = models.DateTimeField("เลิกให้บริการเมื่อ", null=True, blank=True)
    order = models.PositiveIntegerField("ลำดับ", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency", "order", "name_th"]
        verbose_name = "บริการ"
        verbose_name_plural = "บริการ"
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="service_unique_code")]

    def __str__(self) -> str:
        return self.name_th

    @property
    def state(self) -> str:
        """draft, published or retired."""
        if self.retired_at is not None:
            return "retired"
        return "published" if self.is_active else "draft"
