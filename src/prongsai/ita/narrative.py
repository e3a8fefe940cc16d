"""Thai analysis paragraphs composed from data (narratives/th.toml) by score band and trend."""

from __future__ import annotations

import tomllib
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from .framework import Framework

NARRATIVE_DIR = Path(__file__).parent / "narratives"
BANDS = ("full", "excellent", "pass", "fail", "far")


@cache
def load_narratives(language: str = "th") -> dict:
    with open(NARRATIVE_DIR / f"{language}.toml", "rb") as f:
        return tomllib.load(f)


def band_of(fw: Framework, score: Decimal) -> str:
    if score >= 100:
        return "full"
    if score >= fw.excellent:
        return "excellent"
    if score >= fw.pass_mark:
        return "pass"
    far = Decimal(str(load_narratives()["bands"]["far_below"]))
    return "far" if fw.pass_mark - score > far else "fail"


def and_list(items) -> str:
    """A Thai list as an officer writes it: "๒", "๒ และ ๔", "๒ ๔ และ ๕", "สำนักปลัด กองคลัง และกองช่าง"
    (spaces between items; และ before the last, joined to a word, spaced from a number)."""
    items = [str(x) for x in items]
    if len(items) <= 1:
        return "".join(items)
    return " ".join(items[:-1]) + " และ" + spaced(items[-1])


def spaced(word: str) -> str:
    """A word as it follows a Thai word: joined when it begins with a Thai letter ("ระดับผ่าน"), after a
    space when it begins with a number or a Latin letter ("ระดับ A", "และ ๕", "และ EIT")."""
    first = word[:1]
    thai_letter = "\u0e01" <= first <= "\u0e4f"
    return word if thai_letter else f" {word}"


def trend_of(change: Decimal | None) -> str:
    if change is None:
        return "none"
    return "up" if change > 0 else "down" if change < 0 else "same"


def _n(value: Decimal, decimals: int = 2) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)}"


def _gap(value: Decimal, decimals: int = 2) -> str:
    # A gap is rounded up: a score 0.004 short of the pass mark is "0.01 short", never "0.00 short".
    return f"{max(value, Decimal(0)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_CEILING)}"


def _mark(value: Decimal) -> str:
    # Thresholds read "85", not "85.00".
    return f"{value.normalize():f}"


def indicator_texts(code: str, language: str = "th") -> dict:
    data = load_narratives(language)["indicators"]
    return data.get(code, data["_default"])


def compose(
    fw: Framework,
    *,
    code: str,
    score: Decimal,
    change: Decimal | None = None,
    previous: Decimal | None = None,
    previous_year: int | None = None,
    language: str = "th",
) -> str:
    """One indicator's analysis paragraph (Arabic digits; the document converts them).

    `score` is the exact score: the band (and so pass or fail) is decided on it, as the scoring engine
    decides `passed`, while the paragraph prints it rounded as published. Deciding the band on the
    rounded value instead would let 84.996 read "ผ่านเกณฑ์" beside a "ไม่ผ่านเกณฑ์" verdict."""
    data = load_narratives(language)
    texts = indicator_texts(code, language)
    band = band_of(fw, score)
    d = fw.decimals
    values = {
        "score": _n(score, d),
        "pass_mark": _mark(fw.pass_mark),
        "excellent": _mark(fw.excellent),
        "gap_pass": _gap(fw.pass_mark - score, d),
        "gap_excellent": _gap(fw.excellent - score, d),
        "change": _n(abs(change), d) if change is not None else "",
        "previous": _n(previous, d) if previous is not None else "",
        "previous_year": str(previous_year or ""),
    }
    sentence = data["score_sentence"][band].format(**values)
    trend = data["trend"][trend_of(change)].format(**values)
    return data["paragraph"][band].format(
        strength=texts["strength"],
        weakness=texts["weakness"],
        advice=texts["advice"],
        score_sentence=sentence,
        trend=trend,
    )


def contradictions(fw: Framework, text: str, score: Decimal, language: str = "th") -> list[str]:
    """Words in `text` that contradict the score's band (used to warn about hand-written overrides)."""
    words = load_narratives(language)["contradictions"][band_of(fw, score)]
    return [w for w in words if w in text]
