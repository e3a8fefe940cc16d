"""The Jinja2 environment for the few fragments on hot paths (the agency page's analysis, its charts).

Django's template engine costs a few microseconds for every variable, filter and tag; the analysis part of
the agency page has several hundred of them and took 4 ms to render, more than computing the analysis
(benchmarks/web_load.py, cold dashboard). The same fragment in Jinja2 takes a fraction of that. These
templates live in each app's `jinja2/` folder, use the same message catalogue as the Django templates
(`_()` and `{% trans %}` take the same msgids as `{% translate %}` and `{% blocktranslate %}`) and the
same filters, so a page reads the same whichever engine drew a part of it. Django templates include them
with `{% jinja "name" key=value %}` (dashboards/templatetags/jinja_include.py).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment

from .audit.templatetags.audit_labels import confidence_label
from .dashboards.templatetags.thai import be_date

_PLACES = {n: Decimal(1).scaleb(-n) for n in range(7)}


def floatformat(value, places: int) -> str:
    """Django's `floatformat:places` for places 0–6 (half up, from the number's shortest repr; no "-0"),
    without its per-call locale lookups: this is most of what the analysis fragment formats. The page's
    languages (th, en) use "." and no thousands separator, as Django's formats do for them;
    tests/web/test_jinja.py checks it against Django's filter."""
    d = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    rounded = d.quantize(_PLACES[places], ROUND_HALF_UP)
    return f"{rounded if rounded else abs(rounded):f}"  # no "-0.0"


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def environment(**options) -> Environment:
    env = Environment(**{**options, "extensions": ["jinja2.ext.i18n"]})
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    env.globals.update(url=_url)
    env.filters.update(
        floatformat=floatformat,
        truncatechars=truncatechars,
        be_date=be_date,
        confidence_label=confidence_label,
    )
    return env
