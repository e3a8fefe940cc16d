"""Template filters for plans pages: Thai dates and percents as the platform shows them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template

from prongsai.thai import thai_date

register = template.Library()


@register.filter
def thaidate(value):
    if isinstance(value, dt.datetime):
        value = value.date()
    return thai_date(value, "arabic") if isinstance(value, dt.date) else ""


@register.filter
def pct(value):
    if value is None or value == "":
        return "–"
    return f"{Decimal(value):.2f}"
