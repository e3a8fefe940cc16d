"""Form fields for Thai input: dates typed in the Buddhist era (วว/ดด/ปปปป), amounts with thousands
separators, Thai digits accepted in both."""

from __future__ import annotations

import datetime as dt
import decimal
import re

from django import forms
from django.core.exceptions import ValidationError

from prongsai.thai import BE_OFFSET, arabic_digits

_BE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")


class BuddhistDateInput(forms.TextInput):
    """Shows a date as วว/ดด/ปปปป in the Buddhist era; datepicker.js adds a month grid beside it."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "inputmode": "numeric",
                "autocomplete": "off",
                "placeholder": "วว/ดด/ปปปป",
                "data-be-date": "",  # static/prongsai/datepicker.js adds a calendar button
                **(attrs or {}),
            }
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


# 25,000 / 1,250,000.50 / ๒๕,๐๐๐: commas only between groups of three, so "2,50" is not read as 250
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


class GroupedNumberInput(forms.TextInput):
    """Shows a stored amount with thousands separators (25,000.00); the user's own text is shown as typed."""

    def format_value(self, value):
        if isinstance(value, decimal.Decimal | int | float) and not isinstance(value, bool):
            return f"{decimal.Decimal(str(value)):,}"
        return super().format_value(value)


class ThaiDecimalField(forms.DecimalField):
    """A number typed with Thai or Arabic digits and, if wanted, thousands separators ("25,000", "๒๕,๐๐๐",
    "25 000", "25,000 บาท"). A text box, since type=number refuses ๕๕ and 25,000. `grouped=True` (amounts
    of money) shows the value with separators again."""

    default_error_messages = {  # noqa: RUF012 - Django's own pattern
        "invalid": "กรอกเป็นตัวเลข เช่น 25000 หรือ 25,000.50 (เลขไทยได้)",
    }

    def __init__(self, *args, grouped: bool = False, **kwargs):
        widget = GroupedNumberInput if grouped else forms.TextInput
        kwargs.setdefault("widget", widget(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        return {}  # no min/max/step: those belong to number inputs

    def to_python(self, value):
        if isinstance(value, str):
            text = arabic_digits(value).strip().removesuffix("บาท").strip()
            text = re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d{3}\b)", ",", text)  # 25 000 is 25,000
            if _GROUPED.match(text):
                text = text.replace(",", "")
            value = text
        return super().to_python(value)
