"""One digit style per page: the text of every HTML page is written in the site's digits
(settings.PRONGSAI_DIGITS, "arabic" or "thai"), whichever digits its parts came with.

A page is put together from the engine's numbers, Buddhist-era dates, data files and what staff typed
("2569 ๑๓.๓๐ – ๑๖.๐๐ น."), so per-filter choices could never agree. Only text between tags changes:
attributes (links, form values, ids), <script>, <style>, <textarea> and anything inside an element
marked `data-keep-digits` (an example that shows both styles) are left as they are. English pages
always use Arabic digits."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import translation

from prongsai.thai import arabic_digits, thai_digits

_TAGS = re.compile(r"(<[^>]*>)")
_RAW = re.compile(r"<(script|style|textarea)\b", re.IGNORECASE)
_KEEP = re.compile(r"<([a-zA-Z0-9]+)\b[^>]*\bdata-keep-digits\b")
_THAI, _ARABIC = "๐๑๒๓๔๕๖๗๘๙", "0123456789"


def _has_any(text: str, digits: str) -> bool:
    # Ten substring searches run faster than one character-class regex over a long Thai page.
    return any(d in text for d in digits)


def page_digits(html: str, style: str) -> str:
    """`html` with the digits of its text (not its markup) in `style`."""
    convert, present = (thai_digits, _ARABIC) if style == "thai" else (arabic_digits, _THAI)
    if not _has_any(html, present):
        return html
    out, closing = [], None
    for part in _TAGS.split(html):
        if not part:
            continue
        if part[0] == "<" and part[-1] == ">":
            out.append(part)
            if closing is not None:
                if part.lower().startswith(closing):
                    closing = None
            elif (m := (_RAW.match(part) or _KEEP.match(part))) and not part.endswith("/>"):
                closing = f"</{m.group(1).lower()}"
            continue
        out.append(part if closing is not None else convert(part))
    return "".join(out)


def site_digit_style() -> str:
    style = getattr(settings, "PRONGSAI_DIGITS", "arabic")
    return "arabic" if translation.get_language() == "en" else style


class DigitStyleMiddleware:
    """Rewrites the digits of HTML responses to the site's style (see the module's note)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or response.get("Content-Encoding")
            # A file (a downloaded HTML document) and a document's preview keep the digits they were
            # written in: the analysis-and-measures document has its own digit options.
            or response.has_header("Content-Disposition")
            or getattr(response, "digits_as_written", False)
        ):
            return response
        charset = response.charset or "utf-8"
        html = response.content.decode(charset)
        changed = page_digits(html, site_digit_style())
        if changed is not html:
            response.content = changed.encode(charset)
        return response
