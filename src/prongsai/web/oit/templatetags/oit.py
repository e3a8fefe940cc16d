"""Filters of the OIT pages: Thai digits on request (the public page's ?digits=thai)."""

from django import template

from prongsai.thai import thai_digits

register = template.Library()


@register.filter
def digits(value, thai: bool) -> str:
    return thai_digits(value) if thai else str(value)
