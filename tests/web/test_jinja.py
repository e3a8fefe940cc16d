"""The Jinja2 fragments (prongsai/web/jinja.py): Django's number formatting and the same catalogue."""

from __future__ import annotations

from decimal import Decimal

from django.template import defaultfilters, engines
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from prongsai.web.assessments.services import result_save
from prongsai.web.jinja import floatformat

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
    html = (
        engines["jinja2"]
        .get_template("dashboards/_hbar.html")
        .render(
            {
                "chart": {"width": 10, "height": 10, "bars": [], "marks": []},
                "chart_id": "x",
                "chart_title": "<b>&",
            }
        )
    )
    assert "&lt;b&gt;&amp;" in html and "<b>" not in html


def test_every_message_of_the_jinja2_templates_has_its_english():
    import re
    from pathlib import Path

    web = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "web"
    catalogue = (web / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    known = set(re.findall(r'^msgid "(.*)"$', catalogue, re.M))
    missing = []
    for template in web.rglob("jinja2/**/*.html"):
        text = template.read_text(encoding="utf-8")
        messages = re.findall(r"""_\(["']([^"']+)["']\)""", text)
        blocks = re.findall(r"\{% trans [^%]*%\}(.*?)\{% endtrans %\}", text, re.S)
        messages += [re.sub(r"\{\{ (\w+) \}\}", r"%(\1)s", b) for b in blocks]
        missing += [f"{template.name}: {m}" for m in messages if m not in known]
    assert missing == []
