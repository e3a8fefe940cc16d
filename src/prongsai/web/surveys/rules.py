"""The surveys' rules file (rules.toml), read once."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path


@cache
def survey_rules() -> dict:
    return tomllib.loads(Path(__file__).with_name("rules.toml").read_text(encoding="utf-8"))
