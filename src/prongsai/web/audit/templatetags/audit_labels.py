"""Words for codes (`{% load audit_labels %}`): audit action codes and the rules' confidence, from
audit/actions.toml, in the page's language; an unknown code is shown as it is."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django import template
from django.utils import translation

register = template.Library()
_FILE = Path(__file__).resolve().parent.parent / "actions.toml"


@cache
def labels() -> dict:
    return tomllib.loads(_FILE.read_text(encoding="utf-8"))


def _word(section: str, code: str) -> str:
    entry = labels()[section].get(str(code))
    if entry is None:
        return str(code)
    return entry["en"] if translation.get_language() == "en" else entry["th"]


@register.filter
def action_label(code: str) -> str:
    return _word("actions", code)


@register.filter
def confidence_label(code: str) -> str:
    return _word("confidence", code)
