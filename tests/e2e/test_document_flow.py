"""The document from the platform in a real browser: the officer chooses the focus, edits one paragraph,
names the signatory, adds a measure in Plans, and the generated PDF carries all three."""

from __future__ import annotations

import re
import subprocess

import pytest

from .conftest import sign_in, site_shell

RESULT = """
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.services import result_save
a = Agency.objects.get(pk={agency_id})
scores = {{1: "95", 2: "96", 3: "94", 4: "97", 5: "95", 6: "80", 7: "82", 8: "78", 9: "100", 10: "98"}}
result_save(agency=a, fiscal_year=2568, indicators=scores)
"""
EDITED = "หน่วยงานทบทวนขั้นตอนการให้บริการร่วมกับประชาคมทุกหมู่บ้านและพบว่าต้องลดขั้นตอนที่ซ้ำซ้อนลง"
MEASURE = "ประชาคมหมู่บ้านเพื่อปรับปรุงการให้บริการ"
SIGNATORY = "นายสมชาย ใจดี"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _column_text(pdf, starts: str) -> str:
    """The words of the table column a paragraph starts in, top to bottom, from where it starts: plain
    pdftotext reads a row across its cells, so the verdict column's words land inside the paragraph."""
    from lxml import etree

    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    for page in etree.fromstring(out, etree.HTMLParser(encoding="utf-8")).iter("page"):
        words = [(float(w.get("ymin")), float(w.get("xmin")), w.text or "") for w in page.iter("word")]
        first = next((w for w in words if w[2].startswith(starts)), None)
        if first:
            column = sorted(w for w in words if w[1] >= first[1] - 1 and w[0] >= first[0] - 1)
            return "".join(w[2] for w in column)
    return ""


@pytest.mark.e2e
def test_focus_paragraph_measure_and_signatory_reach_the_pdf(live_site, browser_page, tmp_path):
    page, url, agency_id = browser_page, live_site["url"], live_site["agency_id"]
    site_shell(live_site, RESULT.format(agency_id=agency_id))
    sign_in(page, live_site)

    # 1. The focus and one paragraph, on the result's analysis page, with the signatory.
    page.goto(f"{url}/a/{agency_id}/")
    page.locator("#edit-analysis").click()
    page.wait_for_url("**/results/2568/analysis/")
    boxes = page.locator('input[name="focus"]')
    for k in range(boxes.count()):
        boxes.nth(k).set_checked(boxes.nth(k).get_attribute("value") == "8")
    page.get_by_label("ตัวชี้วัดที่ 8", exact=False).last.fill(EDITED)
    page.get_by_label("ชื่อผู้ลงนาม (ผู้บริหารสูงสุด)").fill(SIGNATORY)
    page.get_by_label("ตำแหน่งผู้ลงนาม").fill("นายกเทศมนตรีตำบลทดลอง")
    page.locator("#id_signed_on").fill("30/03/2569")  # the date picker's button shares the label
    page.locator("#save-analysis").click()
    assert "บันทึกการวิเคราะห์ฉบับที่ 1 แล้ว" in page.content()

    # 2. A measure in Plans for the plan year.
    page.goto(f"{url}/a/{agency_id}/plans/new/")
    page.get_by_label("ปีงบประมาณ (พ.ศ.)").fill("2569")
    page.get_by_label("ตัวชี้วัดที่เกี่ยวข้อง (เลขตัวชี้วัด คั่นด้วยจุลภาค)").fill("8")
    page.get_by_label("ชื่อมาตรการ").fill(MEASURE)
    page.get_by_role("button", name="บันทึก").first.click()
    page.wait_for_url("**/plans/measure/*/")

    # 3. The preview, then the PDF made in the background.
    page.goto(f"{url}/a/{agency_id}/results/2568/analysis/")
    assert MEASURE in page.locator("main").inner_text()
    preview = page.request.get(f"{url}/a/{agency_id}/results/2568/analysis/preview/")
    shown = re.sub(r"<[^>]+>", "", preview.text())  # the words are spans that keep them whole on a line
    assert EDITED in shown and f"({SIGNATORY})" in shown
    page.locator('input[name="formats"][value="docx"]').uncheck()
    page.locator("#generate").click()
    page.wait_for_url("**/documents/*/")
    link = page.get_by_role("link", name="ดาวน์โหลด PDF")
    link.wait_for(timeout=60_000)
    with page.expect_download() as dl:
        link.click()
    pdf = tmp_path / "doc.pdf"
    dl.value.save_as(pdf)
    text = _squash(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert _squash(EDITED) in _squash(_column_text(pdf, EDITED.split("การ")[0]))
    assert _squash(MEASURE) in text and "[ร่าง]" not in text
    assert _squash(f"({SIGNATORY})") in text and _squash("วันที่ ๓๐ มีนาคม ๒๕๖๙") in text
