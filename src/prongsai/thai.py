"""Thai conventions: Thai digits, Buddhist-era dates and fiscal years (thin over pythainlp)."""

from __future__ import annotations

import datetime as _dt

BE_OFFSET = 543
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def thai_digits(text: object) -> str:
    """Every Arabic digit in `text` as a Thai digit (str.translate: fast, and keeps everything else)."""
    return str(text).translate(_TO_THAI)


def arabic_digits(text: object) -> str:
    return str(text).translate(_TO_ARABIC)


def digits(text: object, style: str = "thai") -> str:
    """Digits in the chosen style: 'thai' or 'arabic'."""
    if style not in ("thai", "arabic"):
        raise ValueError(f"digit style must be 'thai' or 'arabic', not {style!r}")
    return thai_digits(text) if style == "thai" else arabic_digits(text)


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def fiscal_year_of(day: _dt.date) -> int:
    """The Thai fiscal year (B.E.) a date falls in: it starts on 1 October."""
    return be_year(day.year + (1 if day.month >= 10 else 0))


def fiscal_year_span(fiscal_year_be: int) -> tuple[_dt.date, _dt.date]:
    """FY2569 → (1 Oct 2025, 30 Sep 2026)."""
    end_ce = ce_year(fiscal_year_be)
    return _dt.date(end_ce - 1, 10, 1), _dt.date(end_ce, 9, 30)


def thai_date(day: _dt.date, style: str = "thai", *, full_month: bool = False) -> str:
    """'๑ ต.ค. ๒๕๖๘' (abbreviated month) or '๑ ตุลาคม ๒๕๖๘'."""
    from pythainlp.util import thai_strftime  # here: importing pythainlp costs 0.1 s at every start

    text = thai_strftime(day, "%-d %B %Y" if full_month else "%-d %b %Y")
    return digits(text, style)


def thai_period(start: _dt.date, end: _dt.date, style: str = "thai") -> str:
    return f"{thai_date(start, style)} – {thai_date(end, style)}"


def fiscal_year_period(fiscal_year_be: int, style: str = "thai") -> str:
    """FY2569 → '๑ ต.ค. ๒๕๖๘ – ๓๐ ก.ย. ๒๕๖๙'."""
    return thai_period(*fiscal_year_span(fiscal_year_be), style=style)
