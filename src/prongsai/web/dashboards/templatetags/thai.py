"""Template filters for Thai dates: Buddhist-era years, local time (`{% load thai %}`)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone, translation

from prongsai.thai import thai_date

register = template.Library()


@register.filter
def be_date(value) -> str:
    """25 พ.ย. 2569 in Thai, 25 Nov 2026 in English; '' for nothing. Dates in ISO text are accepted."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if translation.get_language() == "en":
        return value.strftime("%-d %b %Y")
    return thai_date(value, "arabic")


@register.filter
def be_datetime(value) -> str:
    """25 พ.ย. 2569 16:41 (local time)."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{be_date(local)} {local:%H:%M}"
