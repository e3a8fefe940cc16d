"""Golden texts: the whole analysis-and-measures document of four agency profiles, word for word.

Each profile is an input file in tests/reports/golden/ (the seed is examples/pakphraek-2568.toml) and its
expected text is the .txt beside it. A change of wording fails here until the texts are regenerated and
read: `PRONGSAI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/reports/test_golden_text.py`, then
review `git diff tests/reports/golden/` as an officer would before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from prongsai.ita.inputs import read_records
from prongsai.reports.document import Figure, Heading, Paragraph, Table, flat
from prongsai.reports.ita_document import Options, build_context

from .readback import EXAMPLE

GOLDEN = Path(__file__).parent / "golden"
PROFILES = {
    "seed-pakphraek-2568": EXAMPLE,
    "failing-2566": GOLDEN / "failing-2566.toml",
    "passing-municipality-2568": GOLDEN / "passing-municipality-2568.toml",
    "college-2568": GOLDEN / "college-2568.toml",
}


def document_text(path: Path) -> str:
    """The document's words, block by block (charts by name only: their pictures are not text)."""
    (record,) = read_records(path)
    doc = build_context(record, Options(charts=False)).document
    out = []
    for b in flat(doc.blocks):
        if isinstance(b, Heading):
            out.append(f"# {b.text}")
        elif isinstance(b, Paragraph):
            if b.text:
                out.append(f"[{b.style}] {b.text}")
        elif isinstance(b, Table):
            out.append(f"[ตาราง] {b.caption}")
            out.append(" | ".join(c.title for c in b.columns))
            out += [" | ".join(c.text.replace("\n", " ⏎ ") for c in row) for row in b.rows]
        elif isinstance(b, Figure):
            out.append(f"[รูป] {b.name}")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("name", PROFILES)
def test_document_text_is_the_golden_text(name):
    got = document_text(PROFILES[name])
    expected = GOLDEN / f"{name}.txt"
    if os.environ.get("PRONGSAI_UPDATE_GOLDEN") == "1":
        expected.write_text(got, encoding="utf-8")
    assert expected.exists(), f"{expected} is missing: regenerate it (see this module's docstring)"
    assert got == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PROFILES)
def test_golden_texts_read_as_an_officer_writes(name):
    text = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    # Level reasons in words, not arrows and inequality signs.
    assert not set("<>‹›→≥≤≈") & set(text)
    # No sentence printed twice (the same tool sentence for four indicators).
    clauses = [c.strip() for line in text.splitlines() for c in line.split(" | ") if len(c.strip()) > 60]
    repeated = {c for c in clauses if clauses.count(c) > 1 and not c.startswith("งบประมาณ:")}
    assert repeated == set()
    # A score clause always has its subject: never "… พวกพ้อง ได้ 80.00 คะแนน".
    assert not re.search(r"[ก-๙] ได้ (เพียง )?[๐-๙0-9]+\.[๐-๙0-9]{2} คะแนน", text)
    assert "unverified" not in text


def test_the_college_gets_a_colleges_units_and_the_town_its_own_divisions():
    college = (GOLDEN / "college-2568.txt").read_text(encoding="utf-8")
    for word in ("ผู้นำชุมชน", "กองคลัง", "สำนักปลัด", "กอง/สำนัก"):
        assert word not in college, word
    assert "-งานประชาสัมพันธ์" in college and "การประชุมผู้ปกครอง" in college
    town = (GOLDEN / "passing-municipality-2568.txt").read_text(encoding="utf-8")
    units = {line.strip("-") for line in re.findall(r"-[ก-๙]+", town.split("# มาตรการ", 1)[1])}
    assert units and units <= {
        "สำนักปลัดเทศบาล",
        "กองคลัง",
        "กองช่าง",
        "กองสาธารณสุขและสิ่งแวดล้อม",
        "หน่วยตรวจสอบภายใน",
    }
