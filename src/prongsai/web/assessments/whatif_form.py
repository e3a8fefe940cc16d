"""The officer's what-if: a target score for any indicator (or tool, where only tools were assessed)."""

from __future__ import annotations

from decimal import Decimal

from ..plans.forms import AccessibleForm
from ..thai_fields import ThaiDecimalField

SCORE_INVALID = "กรอกคะแนนเป็นตัวเลข 0–100 ใช้จุดทศนิยม เช่น 85.5 (เลขไทยได้ ไม่ใช้จุลภาคเป็นทศนิยม)"


class WhatIfForm(AccessibleForm):
    """One box per unit of the result (indicator number, or tool code); blank keeps the assessed score."""

    def __init__(self, *args, units: list[tuple[int | str, str, Decimal]], **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        for key, label, current in units:
            field = ThaiDecimalField(
                label=label,
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(100),
                decimal_places=2,
                help_text=f"ตอนนี้ {current:.2f}",
                error_messages={
                    "invalid": SCORE_INVALID,
                    "min_value": "คะแนนต้องไม่ต่ำกว่า 0",
                    "max_value": "คะแนนต้องไม่เกิน 100",
                    "max_decimal_places": "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง",
                },
            )
            field.current = current
            self.fields[f"t{key}"] = field

    def targets(self) -> dict:
        """Unit key → typed score, for the boxes that were filled in."""
        out = {}
        for key, _label, _current in self.units:
            value = self.cleaned_data.get(f"t{key}")
            if value is not None:
                out[key] = value
        return out
