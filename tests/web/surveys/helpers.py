"""Answers for tests: random valid answers to every part of a survey, as a respondent would send them."""

from __future__ import annotations

import random

from prongsai.web.surveys.definitions import parts_of


def random_answers(survey, rng: random.Random, blanks: float = 0.0) -> dict[str, str]:
    out = {}
    for p in parts_of(survey.definition):
        if p["blank_allowed"] and rng.random() < blanks:
            out[p["id"]] = ""
        else:
            out[p["id"]] = rng.choice(p["codes"])
    return out
