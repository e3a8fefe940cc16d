"""Redaction where the public reads it: Open311 requests.json and .xml, and the Q&A board page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django.test import Client
from django.urls import reverse

from prongsai.web.cases.handling import case_answer
from prongsai.web.cases.services import case_submit

DESCRIPTION = (
    "ถังขยะล้นหน้าบ้าน โทร 081.234.5678 หรือ (081) 234 5679 หรือ ๐๘๑๒๓๔๕๖๗๐ "
    "เลขบัตร 3.1007.00123.45.6 ไลน์ manee_pii99 อีเมล manee [at] example.com "
    "PII-landline: ไฟดับด้วย แจ้งเมื่อ 12/10/2568 เวลา 13.30 น."
)
DESCRIPTION_PUBLIC = (
    "ถังขยะล้นหน้าบ้าน โทร [เบอร์โทร] หรือ [เบอร์โทร] หรือ [เบอร์โทร] "
    "เลขบัตร [เลขประจำตัว] ไลน์ [LINE] อีเมล [อีเมล] "
    "PII-landline: ไฟดับด้วย แจ้งเมื่อ 12/10/2568 เวลา 13.30 น."
)
ADDRESS = "บ้านนางมานี มีนา 123/45 หมู่ 6 โทร 081/2345678 ต.ในเมือง 10200"
ADDRESS_PUBLIC = "บ้าน[ชื่อ] 123/45 หมู่ 6 โทร [เบอร์โทร] ต.ในเมือง 10200"
ANSWER = "เรียนคุณมานี เจ้าหน้าที่จะโทรหาที่ 0812345678 สอบถามเพิ่มเติม ติดต่อ 02 123 4567"
ANSWER_PUBLIC = "เรียนคุณ[ชื่อ] เจ้าหน้าที่จะโทรหาที่ [เบอร์โทร] สอบถามเพิ่มเติม ติดต่อ 02 123 4567"
SECRETS = (
    "081.234.5678",
    "๐๘๑๒๓๔๕๖๗๐",
    "3.1007.00123.45.6",
    "manee_pii99",
    "example.com",
    "มีนา",
    "0812345678",
)


def _request(agency, catalogue, division_officer):
    case, _ = case_submit(
        agency=agency,
        kind="request",
        service=catalogue["waste-collection"],
        description=DESCRIPTION,
        address=ADDRESS,
        attributes={"waste_type": "bulky"},
        name="นางมานี มีนา",
        phone="081-234-5678",
        email="manee@example.com",
    )
    case_answer(case=case, text=ANSWER, actor=division_officer)
    return case


def test_open311_json_and_xml_show_description_address_and_answer_redacted(
    agency, catalogue, division_officer
):
    case = _request(agency, catalogue, division_officer)
    client, query = Client(), {"jurisdiction_id": agency.dla_code}
    [row] = client.get("/open311/v2/requests.json", query).json()
    root = ET.fromstring(client.get("/open311/v2/requests.xml", query).content)
    [node] = root.findall("request")
    from_xml = {child.tag: child.text for child in node}
    for got in (row, from_xml):
        assert got["service_request_id"] == case.tracking_no
        assert got["description"] == DESCRIPTION_PUBLIC
        assert got["address"] == ADDRESS_PUBLIC
        assert got["status_notes"] == ANSWER_PUBLIC


def test_the_qa_board_shows_the_question_and_answer_redacted(agency, division_officer):
    case, _ = case_submit(
        agency=agency,
        kind="question",
        description=DESCRIPTION,
        name="นางมานี มีนา",
        phone="081-234-5678",
        publish_consent=True,
    )
    case_answer(case=case, text=ANSWER, actor=division_officer)
    html = Client().get(reverse("cases:qa", args=[agency.pk])).content.decode()
    assert DESCRIPTION_PUBLIC in html and ANSWER_PUBLIC in html
    assert not [s for s in SECRETS if s in html]
