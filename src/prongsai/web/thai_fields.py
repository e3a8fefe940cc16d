"""Form fields for Thai input: dates typed in the Buddhist era (วว/ดด/ปปปป), Thai digits accepted."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError

from prongsai.thai import BE_OFFSET, arabic_digits

_BE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")


class BuddhistDateInput(forms.TextInput):
    """Shows a date as วว/ดด/ปปปป in the Buddhist era."""

    def __init__(self, attrs=None):
        super().__init__(
            {"inputmode": "numeric", "autocomplete": "off", "placeholder": "วว/ดด/ปปปป", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, dt.date):
            return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"
        return super().format_value(value)


class BuddhistDateField(forms.DateField):
    """A date typed as วว/ดด/ปปปป พ.ศ. (Thai or Arabic digits), or as an ISO date (ปปปป-ดด-วว ค.ศ.)."""

    widget = BuddhistDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        text = arabic_digits(str(value)).strip()
        m = _BE.match(text)
        try:
            if m:
                day, month, year = (int(g) for g in m.groups())
                return dt.date(year - BE_OFFSET, month, day)
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValidationError("กรอกวันที่เป็น วว/ดด/ปปปป (พ.ศ.) เช่น 30/03/2569", code="invalid") from None
