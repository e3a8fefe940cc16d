"""Layout of the analysis document: charts beside their tables, measures whole on a page, a legend that
gives every level its own entry, and the OIT item the document serves."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from prongsai.ita.framework import get_framework
from prongsai.ita.inputs import read_records
from prongsai.reports import build_documents
from prongsai.reports.document import Figure, Paragraph, flat
from prongsai.reports.ita_document import build_context, texts

from .readback import EXAMPLE, squash

FAILING = Path(__file__).parent / "fixtures" / "failing-2566.toml"
PROFILES = {"seed": EXAMPLE, "failing": FAILING}


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [squash(p) for p in text.split("\f") if p.strip()]


def page_of(pages: list[str], text: str) -> int:
    found = [k for k, p in enumerate(pages) if squash(text) in p]
    assert found, text
    return found[0]


@pytest.fixture(scope="module", params=sorted(PROFILES))
def profile(request, tmp_path_factory):
    (record,) = read_records(PROFILES[request.param])
    pdf = build_documents(record, formats=("pdf",), out_dir=tmp_path_factory.mktemp(request.param))["pdf"]
    return record, build_context(record), page_texts(pdf)


def test_the_tool_chart_and_its_table_share_a_page(profile):
    record, built, pages = profile
    caption = next(
        b.caption for b in flat(built.document.blocks) if isinstance(b, Figure) and b.name == "tools"
    )
    oit_row = get_framework(record.fiscal_year).tool("OIT").name_th
    assert page_of(pages, caption) == page_of(pages, oit_row)


def test_a_measure_and_its_budget_line_share_a_page(profile):
    # The budget line under a measure went alone to the next page, under a repeated header. The page
    # that holds a budget line holds the measure's period too (the plan's fiscal year, from ต.ค.).
    _, built, pages = profile
    assert built.measures
    with_budget = [p for p in pages if squash("งบประมาณ:") in p]
    assert with_budget and all("ต.ค." in p for p in with_budget)


def test_the_signature_is_not_alone_and_no_page_holds_only_the_closing_note(profile):
    _, _, pages = profile
    last = pages[-1]
    assert squash("ลงชื่อ") in last and len(last) > 200


def test_the_overall_legend_gives_every_level_its_own_entry(profile):
    record, built, _ = profile
    chart = next(b for b in flat(built.document.blocks) if isinstance(b, Figure) and b.name == "overall")
    for rule in get_framework(record.fiscal_year).levels.rules:
        assert f"{rule.label}: คะแนนรวม" in chart.alt  # its own range, not "ผ่าน / ผ่านดี"
    assert " / " not in chart.alt


def test_the_document_names_the_oit_item_of_the_plan_year_with_its_confidence():
    notes = {}
    for name, src in PROFILES.items():
        (record,) = read_records(src)
        doc = build_context(record).document
        notes[name] = next(b.text for b in flat(doc.blocks) if isinstance(b, Paragraph) and "(OIT)" in b.text)
    wording = texts()
    for name, year, digits in (("seed", 2569, "๒๕๖๙"), ("failing", 2567, "๒๕๖๗")):
        item = get_framework(year).documents["analysis"]
        note = notes[name]
        assert f"พ.ศ. {digits}" in note and item.name_th in note, note
        assert (f"ข้อ {item.oit_item}" if item.oit_item else "ยังไม่ทราบเลขข้อ") in note
        assert wording["oit_confidence"][item.rule.confidence] in note  # worded for the officer
        assert "unverified" not in note and "docs/" not in note
