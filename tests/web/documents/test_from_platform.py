"""The document is made from the platform's state: the Plans measures of the plan year, the officer's
versioned focus and paragraphs, and the signatory; previewed as HTML; drafts adopted into Plans."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from prongsai.web.assessments.services import result_save
from prongsai.web.audit.models import AuditEvent
from prongsai.web.documents.models import AnalysisVersion
from prongsai.web.documents.services import document_generate, document_request
from prongsai.web.plans.models import Measure
from prongsai.web.plans.services import ActivityInput, activity_create, measure_create

from ..conftest import client_for

# A failing profile: indicators 6, 7 and 8 below 85, so the engine focuses on them.
SCORES = {1: "95", 2: "96", 3: "94", 4: "97", 5: "95", 6: "80", 7: "82", 8: "78", 9: "100", 10: "98"}
EDITED = "หน่วยงานทบทวนขั้นตอนการให้บริการร่วมกับประชาชนในพื้นที่ และพบว่าต้องลดขั้นตอนที่ซ้ำซ้อน"


@pytest.fixture
def result(agency, coordinator):
    return result_save(agency=agency, fiscal_year=2568, indicators=SCORES, actor=coordinator)


def _text(html: str) -> str:
    """What the reader sees: the renderer wraps Thai words in spans (they keep lines from splitting a word)."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def _html(doc) -> str:
    return _text(bytes(doc.files.get(format="html").content).decode())


def _measure(agency, coordinator, *, indicators, title, published=True):
    m = measure_create(
        agency=agency,
        fiscal_year=2569,
        title=title,
        indicators=indicators,
        analysis=f"วิเคราะห์จาก{title}",
        is_published=published,
        actor=coordinator,
    )
    activity_create(
        measure=m,
        actor=coordinator,
        data=ActivityInput(
            name=f"กิจกรรม{title}",
            methods=("ประชุมชี้แจงเจ้าหน้าที่", "เผยแพร่ผลทางเว็บไซต์"),
            start=dt.date(2025, 10, 1),
            end=dt.date(2026, 9, 30),
            divisions=tuple(agency.divisions.all()[:1]),
            budget=None,
            no_budget=True,
            kpi="ร้อยละความพึงพอใจ",
            target="80",
            unit="ร้อยละ",
        ),
    )
    return m


def test_the_document_carries_the_plans_measures_and_no_engine_drafts(agency, coordinator, result):
    _measure(agency, coordinator, indicators=[7, 8], title="ปรับปรุงการสื่อสารและการทำงาน")
    _measure(agency, coordinator, indicators=[6], title="ยกระดับคุณภาพการบริการ", published=False)
    doc = document_generate(document_id=document_request(result=result, formats=["html"]).pk)
    html = _html(doc)
    assert "กิจกรรมปรับปรุงการสื่อสารและการทำงาน" in html and "กิจกรรมยกระดับคุณภาพการบริการ" in html
    assert "[ร่าง]" not in html
    assert "ไม่มีมาตรการสำหรับตัวชี้วัดที่" not in html
    assert "ประชุมชี้แจงเจ้าหน้าที่" in html and "ไม่ใช้งบประมาณ" in html and "๘๐ ร้อยละ" in html


def test_without_plans_measures_the_drafts_are_marked_and_can_be_adopted(agency, coordinator, result):
    html = _html(document_generate(document_id=document_request(result=result, formats=["html"]).pk))
    assert "[ร่าง]" in html
    client = client_for(coordinator)
    response = client.post(reverse("documents:adopt", args=[agency.pk, 2568]))
    assert response.status_code == 302
    adopted = Measure.objects.filter(agency=agency, fiscal_year=2569)
    assert adopted.count() >= 1 and not any(m.is_published for m in adopted)
    html = _html(document_generate(document_id=document_request(result=result, formats=["html"]).pk))
    assert "[ร่าง]" not in html  # the document now takes them from Plans


def test_the_officer_chooses_the_focus_and_edits_a_paragraph_in_versions(agency, coordinator, result):
    client = client_for(coordinator)
    url = reverse("documents:analysis", args=[agency.pk, 2568])
    page = client.get(url).content.decode()
    assert 'name="p8"' in page and 'name="focus"' in page and "ตัวชี้วัดที่ระบบเสนอให้พัฒนา" in page
    data = {f"p{n}": "" for n in range(1, 11)}
    generated = {n: client.get(url).context["form"].initial[f"p{n}"] for n in range(1, 11)}
    data.update({f"p{n}": text for n, text in generated.items()})
    data.update(
        p8=EDITED,
        focus=["8"],
        signoff_name="นายสมชาย ใจดี",
        signoff_position="นายกเทศมนตรี",
        signed_on="30/03/2569",
    )
    assert client.post(url, data).status_code == 302
    v1 = AnalysisVersion.objects.get()
    assert (v1.number, v1.focus, v1.paragraphs, v1.created_by) == (1, [8], {"8": EDITED}, coordinator)
    assert v1.signed_on == dt.date(2026, 3, 30)
    data.update(focus=["6", "8"])
    client.post(url, data)
    assert list(AnalysisVersion.objects.order_by("number").values_list("number", "focus")) == [
        (1, [8]),
        (2, [6, 8]),
    ]
    doc = document_generate(
        document_id=document_request(result=result, formats=["html"], actor=coordinator).pk
    )
    assert doc.version.number == 2
    html = _html(doc)
    assert EDITED in html and "(นายสมชาย ใจดี)" in html and "ตำแหน่ง นายกเทศมนตรี" in html
    assert "วันที่ ๓๐ มีนาคม ๒๕๖๙" in html
    assert AuditEvent.objects.filter(action="analysis.save").count() == 2


def test_a_blank_paragraph_or_no_focus_is_refused_beside_its_field(agency, coordinator, result):
    client = client_for(coordinator)
    url = reverse("documents:analysis", args=[agency.pk, 2568])
    response = client.post(url, {"p8": "", "signed_on": "31/02/2569"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "focus" in errors and "p8" in errors and "วว/ดด/ปปปป" in errors["signed_on"][0]
    assert not AnalysisVersion.objects.exists()


def test_last_years_text_is_offered_indicator_by_indicator(agency, coordinator, result):
    earlier = result_save(agency=agency, fiscal_year=2567, indicators=SCORES, actor=coordinator)
    AnalysisVersion.objects.create(
        agency=agency, fiscal_year=earlier.fiscal_year, number=1, focus=[8], paragraphs={"6": "ข้อความปีที่แล้ว"}
    )
    client = client_for(coordinator)
    url = reverse("documents:analysis", args=[agency.pk, 2568])
    initial = client.get(url + "?start=last_year").context["form"].initial
    assert initial["p6"] == "ข้อความปีที่แล้ว" and initial["p7"] != "ข้อความปีที่แล้ว"


def test_the_preview_and_the_html_file_keep_the_documents_thai_digits(agency, coordinator, result, settings):
    settings.PRONGSAI_DIGITS = "arabic"  # the site's pages in Arabic digits; the document keeps its own
    client = client_for(coordinator)
    preview = client.get(reverse("documents:preview", args=[agency.pk, 2568])).content.decode()
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘" in preview
    doc = document_generate(document_id=document_request(result=result, formats=["html"]).pk)
    download = client.get(reverse("documents:download", args=[doc.pk, "html"])).content.decode()
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘" in download


def test_the_preview_is_the_document_as_html_in_a_sandbox(agency, coordinator, result):
    AnalysisVersion.objects.create(
        agency=agency, fiscal_year=2568, number=1, focus=[8], paragraphs={"8": EDITED}
    )
    response = client_for(coordinator).get(reverse("documents:preview", args=[agency.pk, 2568]))
    assert response.status_code == 200 and EDITED in _text(response.content.decode())
    assert (
        "sandbox" in response["Content-Security-Policy"]
        and "script-src" not in response["Content-Security-Policy"]
    )


def test_the_agency_settings_signatory_is_used_and_not_asked_again(agency, coordinator, result):
    agency.chief_name, agency.chief_position = "นางสาวมานี มีสุข", "นายกเทศมนตรีเมืองปากแพรก"
    agency.save()
    page = client_for(coordinator).get(reverse("documents:analysis", args=[agency.pk, 2568]))
    assert "signoff_name" not in page.context["form"].fields and "นางสาวมานี มีสุข" in page.content.decode()
    html = _html(document_generate(document_id=document_request(result=result, formats=["html"]).pk))
    assert "(นางสาวมานี มีสุข)" in html


@pytest.mark.parametrize("name", ["documents:analysis", "documents:preview", "documents:adopt"])
def test_other_agencies_get_404_and_executives_403(name, agency, result, other_client, executive):
    url = reverse(name, args=[agency.pk, 2568])
    method = "post" if name == "documents:adopt" else "get"
    assert getattr(other_client, method)(url).status_code == 404
    assert getattr(client_for(executive), method)(url).status_code == 403


def test_drafted_measures_name_the_agencys_own_divisions(agency, result):
    from prongsai.reports.ita_document import build_context
    from prongsai.web.agencies.models import Division
    from prongsai.web.documents.sources import document_record

    agency.divisions.all().delete()
    for k, name in enumerate(("สำนักปลัดเทศบาล", "กองคลัง", "กองวิชาการและแผนงาน", "ฝ่ายประชาสัมพันธ์")):
        Division.objects.create(agency=agency, name=name, order=k)
    Division.objects.create(agency=agency, name="งานเลิกแล้ว", order=9, retired_at=dt.datetime.now(dt.UTC))
    built = build_context(document_record(result=result, version=None))
    assert built.drafted == (6, 7, 8)
    units = {u for m in built.measures for u in m.responsible}
    assert units <= {"สำนักปลัดเทศบาล", "กองคลัง", "กองวิชาการและแผนงาน", "ฝ่ายประชาสัมพันธ์"}
    assert "ฝ่ายประชาสัมพันธ์" in next(m for m in built.measures if m.indicator == 7).responsible
