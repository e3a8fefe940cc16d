"""The Jinja2 fragments (prongsai/web/jinja.py): Django's number formatting and the same catalogue."""

from __future__ import annotations

from decimal import Decimal

from django.template import defaultfilters, engines
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from prongsai.web.assessments.services import result_save
from prongsai.web.jinja import _url, floatformat, truncate_chars

numbers = st.one_of(
    st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, places=4),
    # scores and chart coordinates (Django leaves a float below ~1e-200 unformatted: no such numbers here)
    st.integers(min_value=-(10**9), max_value=10**9).map(lambda n: n / 1000),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from([Decimal("0.05"), Decimal("-0.04"), 0.15, 2.675, -0.0, 1.005, Decimal("99.445")]),
)


@given(value=numbers, places=st.integers(min_value=0, max_value=3))
def test_floatformat_is_djangos(value, places):
    for language in ("th", "en"):
        with translation.override(language):
            assert floatformat(value, places) == defaultfilters.floatformat(value, places)


# Thai with tone marks and vowels above (combining, not counted by Django), Latin, accents, decomposed forms.
texts = st.text(alphabet=st.sampled_from("กขคงเแาิีึ่้๊๋ั็์ ำ abcXYZ éè\u0301\u0065 1"), max_size=50)


@given(text=texts, length=st.integers(min_value=-1, max_value=40))
def testtruncate_chars_is_djangos(text, length):
    assert str(truncate_chars(text, length)) == defaultfilters.truncatechars(text, length)


URLS = {  # every URL the Jinja2 templates reverse with numbers, by how many
    "assessments:list": 1, "assessments:new": 1, "assessments:import": 1, "audit:list": 1,
    "cases:queue": 1, "documents:detail": 1, "documents:list": 1, "oit:staff_current": 1,
    "plans:home": 1, "services:editor": 1, "staff:list": 1, "surveys:home": 1,
    "assessments:whatif": 2, "documents:analysis": 2, "documents:create": 2, "oit:staff": 2,
}  # fmt: skip


@given(name=st.sampled_from(sorted(URLS)), numbers=st.lists(st.integers(0, 10**12), min_size=2, max_size=2))
def test_urls_filled_into_their_pattern_are_djangos(name, numbers):
    args = numbers[: URLS[name]]
    assert _url(name, *args) == reverse(name, args=args)


def test_urls_of_other_arguments_are_reversed_as_given():
    assert _url("dashboards:compare_export", "csv") == reverse("dashboards:compare_export", args=["csv"])
    assert _url("documents:download", 5, "pdf") == reverse("documents:download", args=[5, "pdf"])
    assert _url("dashboards:home") == reverse("dashboards:home")


def test_the_fragment_speaks_the_pages_language(coordinator_client, agency):
    result_save(agency=agency, fiscal_year=2568, tools={"IIT": "91", "EIT": "86", "OIT": "96"})
    url = reverse("dashboards:agency", args=[agency.pk])
    thai = coordinator_client.get(url).content.decode()
    assert "คะแนนรายเครื่องมือ" in thai and "ผลการประเมิน ปีงบประมาณ 2568" in thai
    coordinator_client.post(reverse("set_language"), {"language": "en", "next": url})
    english = coordinator_client.get(url).content.decode()
    with translation.override("en"):
        assert translation.gettext("คะแนนรายเครื่องมือ") in english
        assert translation.gettext("ผลการประเมิน ปีงบประมาณ %(y)s") % {"y": 2568} in english
    assert '<h2 id="tools-h">คะแนนรายเครื่องมือ</h2>' not in english  # (the engine's notes stay Thai)


def test_fragment_text_is_escaped():
    from prongsai.web.dashboards.charts import hbar_chart

    chart = hbar_chart(
        [('<script>alert("x")</script>', Decimal("70.5"), "bar"), ("ก & ข", Decimal("90"), 'bar" onload="x')],
        marks=[(Decimal("85"), "mark")],
    )
    html = (
        engines["jinja2"]
        .get_template("dashboards/_hbar.html")
        .render({"chart": chart, "chart_id": 'x"y', "chart_title": "<b>&"})
    )
    assert "&lt;b&gt;&amp;" in html and "<b>" not in html and "<script>" not in html
    assert "&lt;script&gt;" in html and "ก &amp; ข" in html and 'onload="x' not in html
    assert 'aria-labelledby="x&#34;y-title"' in html and html.count("<rect ") == 2
    assert (
        '<rect class="bar" x="210" y="10.0" width="289.1" height="18"></rect>' in html
    )  # 70.5 % of 410, half up


def test_every_message_of_the_jinja2_templates_has_its_english():
    import gettext
    import re
    from pathlib import Path

    web = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "web"
    with (web / "locale" / "en" / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        known = set(gettext.GNUTranslations(compiled)._catalog)  # what the running site translates
    missing = []
    for template in web.rglob("jinja2/**/*.html"):
        text = template.read_text(encoding="utf-8")
        messages = re.findall(r"""_\(["']([^"']+)["']\)""", text)
        blocks = re.findall(r"\{% trans [^%]*%\}(.*?)\{% endtrans %\}", text, re.S)
        messages += [re.sub(r"\{\{ (\w+) \}\}", r"%(\1)s", b) for b in blocks]
        missing += [f"{template.name}: {m}" for m in messages if m not in known]
    assert missing == []
