"""`{% jinja "name" key=value %}`: a Jinja2 fragment (prongsai/web/jinja.py) inside a Django template."""

from __future__ import annotations

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def jinja(name: str, **values) -> str:
    """The fragment rendered with only `values` (as `{% include ... with ... only %}` would)."""
    return mark_safe(engines["jinja2"].get_template(name).render(values))  # noqa: S308 - autoescaped there
