"""The Jinja2 environment for the fragments on hot paths: every page's header, the agency page.

Django's template engine costs a few microseconds for every variable, filter and tag; the analysis part of
the agency page has several hundred of them and took 4 ms to render, more than computing the analysis
(benchmarks/web_load.py, cold dashboard). The same fragment in Jinja2 takes a fraction of that. These
templates live in each app's `jinja2/` folder (the header in web/jinja2/), use the same message
catalogue as the Django templates (`_()` and `{% trans %}` take the same msgids as `{% translate %}`
and `{% blocktranslate %}`) and the same filters, so a page reads the same whichever engine drew it. Django templates include them
with `{% jinja "name" key=value %}` (dashboards/templatetags/jinja_include.py).
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django.template.defaultfilters import truncatechars
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from jinja2 import Environment
from markupsafe import Markup

from .agencies.selectors import user_can
from .audit.templatetags.audit_labels import confidence_label
from .dashboards.templatetags.thai import be_date, be_datetime

_PLACES = {n: Decimal(1).scaleb(-n) for n in range(7)}


def floatformat(value, places: int) -> str:
    """Django's `floatformat:places` for places 0–6 (half up, from the number's shortest repr; no "-0"),
    without its per-call locale lookups: this is most of what the analysis fragment formats. The page's
    languages (th, en) use "." and no thousands separator, as Django's formats do for them;
    tests/web/test_jinja.py checks it against Django's filter."""
    d = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    rounded = d.quantize(_PLACES[places], ROUND_HALF_UP)
    return f"{rounded if rounded else abs(rounded):f}"  # no "-0.0"


@lru_cache(maxsize=4096)
def _reverse(name: str, args: tuple, prefix: str) -> str:
    return reverse(name, args=args)


def _gettext(message: str) -> Markup:
    # The catalogue is ours: not escaped, as in Django's tags. It is loaded once per process, so each
    # (language, message) is looked up once: a page asks for sixty.
    return _translated(translation.get_language(), message)


@lru_cache(maxsize=8192)
def _translated(language: str | None, message: str) -> Markup:
    with translation.override(language):
        return Markup(translation.gettext(message))


def _ngettext(singular: str, plural: str, n: int) -> Markup:
    return Markup(translation.ngettext(singular, plural, n))


_SENTINEL = 918_273_645_000  # whole numbers no real id or year reaches, each written once in a URL


@lru_cache(maxsize=1024)
def _numbers_pattern(name: str, count: int, prefix: str) -> str | None:
    """The URL of `name` taking `count` whole numbers, as a format string ("/a/{0}/"), when reversing
    shows each number is written as its own digits in one place (checked against a second reversal);
    None otherwise (a converter that pads or limits digits), and those URLs are reversed as they come."""
    marks = [_SENTINEL + k for k in range(count)]
    probe = [3 + k for k in range(count)]
    try:
        url, expected = reverse(name, args=marks), reverse(name, args=probe)
    except NoReverseMatch:
        return None
    pattern = url.replace("{", "{{").replace("}", "}}")
    for k, mark in enumerate(marks):
        if pattern.count(str(mark)) != 1:
            return None
        pattern = pattern.replace(str(mark), f"{{{k}}}")
    return pattern if pattern.format(*probe) == expected else None


def _url(name: str, *args) -> str:
    """`{% url %}`: reversing costs tens of microseconds and a page has twenty links; the URL patterns
    never change while the process runs, so each (name, arguments, script prefix) is reversed once, and
    a URL of whole numbers (ids, years: new on every agency's first view) is filled into its pattern."""
    prefix = get_script_prefix()
    if args and all(type(a) is int and a >= 0 for a in args):
        pattern = _numbers_pattern(name, len(args), prefix)
        if pattern is not None:
            return pattern.format(*args)
    return _reverse(name, args, prefix)


@lru_cache(maxsize=256)
def _static(path: str) -> str:
    """`{% static %}`: the storage gives a file the same URL for the life of the process."""
    return static(path)


def truncate_chars(value, length: int):
    """Django's `truncatechars`; a text no longer than `length` (already NFC) is returned as it is, as
    Django's would (it counts only non-combining characters), without its per-character walk."""
    text = str(value)
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return value
    return truncatechars(value, length)


def _user_can(user, agency, action: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not getattr(agency, "pk", None):
        return False
    return user_can(user=user, agency=agency, action=action)


def _csrf_field(token) -> Markup:
    """`{% csrf_token %}`: the hidden field, or nothing where the page has no token."""
    token = str(token or "")
    if not token or token == "NOTPROVIDED":
        return Markup("")
    return Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(token)


def environment(**options) -> Environment:
    env = Environment(**{**options, "extensions": ["jinja2.ext.i18n"]})
    # Old-style callables: `_()` returns the translation as `{% translate %}` does (newstyle would %-format
    # every message, and a message with a literal % fails); `{% trans x=… %}` blocks fill their variables,
    # escaped, into the trusted translation, as `{% blocktranslate %}` does.
    env.install_gettext_callables(_gettext, _ngettext, newstyle=False)
    # `_()` straight to the function: the extension's alias looks `gettext` up in the context on every
    # call, and a first view of the agency page makes sixty.
    env.globals["_"] = _gettext
    from .dashboards.svg import hbar_svg  # it formats with this module's filters

    env.globals.update(
        url=_url, static=_static, user_can=_user_can, csrf_field=_csrf_field, hbar_svg=hbar_svg
    )
    env.filters.update(
        floatformat=floatformat,
        truncatechars=truncate_chars,
        be_date=be_date,
        be_datetime=be_datetime,
        confidence_label=confidence_label,
    )
    return env
