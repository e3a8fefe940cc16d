"""ITA results: one immutable row per saved version of an agency's fiscal-year result.

Editing a result makes a new row and marks the old one superseded, so a document stays tied to the
exact scores it was made from. The engine (`prongsai.ita`) is the truth; total, level and tool scores
are stored only so lists and comparisons can filter and sort in the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Source(models.TextChoices):
    FORM = "form", "กรอกในแบบฟอร์ม"
    IMPORT = "import", "นำเข้าจากไฟล์"
    SEED = "seed", "ข้อมูลตัวอย่าง"


class ItaResult(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="ita_results")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.FORM)
    source_name = models.CharField(max_length=200, blank=True)  # the imported file's name
    # Scores exactly as entered, as decimal strings: {"1": "99.78", ...} and/or {"IIT": "99.5", ...}.
    indicators = models.JSONField(null=True, blank=True)
    tools_given = models.JSONField(null=True, blank=True)
    # Derived by the engine when saved (for filtering and sorting only).
    total = models.DecimalField("คะแนนรวม", max_digits=6, decimal_places=2)
    level = models.CharField("ระดับ", max_length=64)
    level_en = models.CharField(max_length=64, blank=True)
    level_reason = models.CharField(max_length=400, blank=True)
    iit = models.DecimalField(max_digits=6, decimal_places=2)
    eit = models.DecimalField(max_digits=6, decimal_places=2)
    oit = models.DecimalField(max_digits=6, decimal_places=2)
    # The rest of a per-agency TOML file ([analysis], [focus], [[measures]], [report]) for documents.
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    superseded_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-fiscal_year", "-id"]  # no join: lists that need agency order say so
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year"],
                condition=models.Q(superseded_at__isnull=True),
                name="itaresult_one_current_per_year",
            )
        ]
        indexes = [models.Index(fields=["fiscal_year", "superseded_at", "total"])]

    def __str__(self) -> str:
        return f"{self.agency} {self.fiscal_year}: {self.total} {self.level}"

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None
