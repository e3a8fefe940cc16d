"""The public channel: send without an account (stored before the answer page), follow by link, rate."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.web.cases.models import Attachment, Case
from prongsai.web.cases.services import CaseInvalid, case_submit
from prongsai.web.cases.uploads import upload_dir

from .conftest import photo


def _post(client, agency, kind="question", code="", **data):
    url = (
        reverse("cases:request", args=[agency.pk, code])
        if code
        else reverse("cases:send", args=[agency.pk, kind])
    )
    body = {"description": "ถนนหน้าบ้านเป็นหลุม", "pdpa": "on", **data}
    return client.post(url, body)


def test_question_without_account_is_stored_before_the_tracking_page(agency, notices_delivered, notices_sent):
    client = Client()
    with notices_sent():
        response = _post(
            client, agency, "question", subject="ถามเรื่องภาษี", email="a@example.org", publish_consent="on"
        )
    assert response.status_code == 302
    case = Case.objects.get()
    assert response.url == reverse("cases:track", args=[case.tracking_no, case.secret]) + "?new=1"
    assert case.kind == "question" and case.status == "received" and case.publish_consent
    assert case.pdpa_consent_at is not None
    page = client.get(response.url).content.decode()
    assert case.tracking_no in page and case.secret in page and "รับเรื่องแล้ว" in page
    # the acknowledgement went out with the secret link
    [mail] = notices_delivered().email
    assert case.tracking_no in mail["subject"] and f"/track/{case.tracking_no}/{case.secret}/" in mail["body"]


def test_service_request_needs_its_attributes_and_a_location(agency, catalogue):
    client = Client()
    response = _post(client, agency, code="water-truck")
    assert response.status_code == 400
    html = response.content.decode()
    assert "จำนวนครัวเรือน" in html and Case.objects.count() == 0
    assert 'aria-invalid="true"' in html
    response = _post(
        client, agency, code="water-truck", **{"attribute[households]": "4", "attribute[use]": "drink"}
    )
    assert response.status_code == 400 and "ระบุสถานที่" in response.content.decode()
    response = _post(
        client,
        agency,
        code="water-truck",
        lat="14.01",
        long="99.53",
        **{"attribute[households]": "4", "attribute[use]": "drink"},
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.attributes == {"households": "4", "use": "drink"}
    assert case.service.code == "water-truck" and case.division.name == "สำนักปลัด"
    assert case.answer_days == 3  # the service's own deadline, not the default 15


def test_pdpa_notice_must_be_acknowledged(agency):
    response = Client().post(reverse("cases:send", args=[agency.pk, "question"]), {"description": "x"})
    assert response.status_code == 400 and Case.objects.count() == 0
    assert "PDPA" in response.content.decode()


def test_forms_need_csrf(agency):
    client = Client(enforce_csrf_checks=True)
    url = reverse("cases:send", args=[agency.pk, "question"])
    assert client.post(url, {"description": "x", "pdpa": "on"}).status_code == 403
    html = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert (
        client.post(url, {"description": "x", "pdpa": "on", "csrfmiddlewaretoken": token}).status_code == 302
    )


def test_photos_are_checked_by_content_and_stored_outside_static(agency, settings):
    client = Client()
    fake = photo("evil.png", b"<script>alert(1)</script>", "image/png")
    response = client.post(
        reverse("cases:send", args=[agency.pk, "complaint"]),
        {"description": "x", "pdpa": "on", "photos": [fake]},
    )
    assert response.status_code == 400 and "ไม่ใช่ไฟล์ภาพ" in response.content.decode()
    assert Case.objects.count() == 0 and not any(upload_dir().iterdir())
    response = client.post(
        reverse("cases:send", args=[agency.pk, "complaint"]),
        {"description": "x", "pdpa": "on", "photos": [photo()]},
    )
    assert response.status_code == 302
    [att] = Attachment.objects.all()
    stored = upload_dir() / att.stored_name
    assert stored.exists() and str(stored).startswith(str(settings.VAR_DIR))
    assert not str(stored).startswith(str(settings.STATIC_ROOT))
    case = att.case
    served = client.get(reverse("cases:track_photo", args=[case.tracking_no, case.secret, att.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    wrong = client.get(reverse("cases:track_photo", args=[case.tracking_no, "WRONGSECRET1", att.pk]))
    assert wrong.status_code == 404


def test_too_many_or_too_large_photos_are_refused(agency, settings):
    from prongsai.web.cases import rules as case_rules

    with pytest.raises(CaseInvalid) as exc:
        case_submit(agency=agency, kind="complaint", description="x", photos=[photo() for _ in range(4)])
    assert "ไม่เกิน 3" in exc.value.errors["photos"]
    big = photo(content=b"\x89PNG" + b"0" * (case_rules.rules()["uploads"]["max_bytes"] + 1))
    with pytest.raises(CaseInvalid) as exc:
        case_submit(agency=agency, kind="complaint", description="x", photos=[big])
    assert "ใหญ่เกิน" in exc.value.errors["photos"]


def test_tracking_link_needs_the_secret(agency):
    case, _ = case_submit(agency=agency, kind="question", description="ถาม")
    client = Client()
    assert client.get(reverse("cases:track", args=[case.tracking_no, case.secret])).status_code == 200
    assert client.get(reverse("cases:track", args=[case.tracking_no, "A" * 12])).status_code == 404
    lookup = client.get(reverse("cases:track_lookup"), {"tracking_no": case.tracking_no, "code": case.secret})
    assert lookup.status_code == 302
    assert (
        client.get(reverse("cases:track_lookup"), {"tracking_no": case.tracking_no, "code": "x"}).status_code
        == 404
    )


def test_public_forms_are_rate_limited_per_address(agency, monkeypatch):
    from prongsai.web.cases import rules as case_rules

    limits = dict(case_rules.rules()["rate_limits"], public_per_window=2)
    monkeypatch.setitem(case_rules.rules(), "rate_limits", limits)
    client = Client(REMOTE_ADDR="10.0.0.7")
    assert _post(client, agency).status_code == 302
    assert _post(client, agency).status_code == 302
    third = _post(client, agency)
    assert third.status_code == 429 and "มากเกินไป" in third.content.decode()
    assert _post(Client(REMOTE_ADDR="10.0.0.8"), agency).status_code == 302
    assert Case.objects.count() == 3


def test_unknown_kind_or_service_is_404(agency, catalogue, other_agency):
    client = Client()
    assert client.get(reverse("cases:send", args=[agency.pk, "nonsense"])).status_code == 404
    assert client.get(reverse("cases:send", args=[agency.pk, "request"])).status_code == 404
    assert client.get(reverse("cases:request", args=[agency.pk, "no-such"])).status_code == 404
    # a service of one agency cannot be requested through another agency's pages
    assert client.get(reverse("cases:request", args=[other_agency.pk, "water-truck"])).status_code == 404


def test_public_pages_render_on_a_phone_sized_flow(agency, catalogue):
    client = Client()
    for url in [
        reverse("cases:contact", args=[agency.pk]),
        reverse("cases:send", args=[agency.pk, "corruption"]),
        reverse("cases:request", args=[agency.pk, "road-repair"]),
        reverse("cases:qa", args=[agency.pk]),
        reverse("cases:stats", args=[agency.pk]),
        reverse("cases:track_lookup"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<script>" not in response.content.decode()  # CSP: no inline scripts


def test_tracking_page_lists_the_public_timeline_and_photos_only(agency, settings, coordinator):
    from prongsai.web.cases.handling import case_answer, case_note_add, case_status_set

    case, _ = case_submit(agency=agency, kind="complaint", description="ไฟดับ", photos=[photo(), photo()])
    case_status_set(case=case, status="in_progress", actor=coordinator, note="ส่งช่างไปตรวจ")
    case_note_add(case=case, text="บันทึกภายใน ห้ามเผยแพร่", actor=coordinator)
    case_answer(case=case, text="เปลี่ยนหลอดแล้ว", actor=coordinator)
    page = Client().get(reverse("cases:track", args=[case.tracking_no, case.secret])).content.decode()
    timeline = page[page.index('id="timeline"') : page.index("</ol>", page.index('id="timeline"'))]
    labels = re.findall(r"<strong>([^<]+)</strong>", timeline)
    assert labels == ["รับเรื่อง", "เปลี่ยนสถานะ: กำลังดำเนินการ", "คำตอบ"]
    assert "ส่งช่างไปตรวจ" in timeline and "เปลี่ยนหลอดแล้ว" in timeline
    assert "บันทึกภายใน" not in page
    from django.utils import timezone

    year = timezone.localtime(case.created_at).year
    assert str(year + 543) in timeline and str(year) not in timeline  # Buddhist-era years, as Thais write
    photo_ids = sorted(a.pk for a in Attachment.objects.filter(case=case))
    for pk in photo_ids:
        assert reverse("cases:track_photo", args=[case.tracking_no, case.secret, pk]) in page


def test_odd_tracking_links_are_404_not_a_server_error(agency):
    case, _ = case_submit(agency=agency, kind="question", description="ถาม")
    client = Client()
    # a Thai secret made the constant-time comparison raise; NUL is refused by PostgreSQL
    assert client.get(f"/track/{case.tracking_no}/รหัสลับ/").status_code == 404
    assert client.get("/track/A%00B/CODE/").status_code == 404
    assert client.get(f"/track/{case.tracking_no}/{case.secret}/photos/1/").status_code == 404


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"lat": "NaN", "long": "99.5"}, "lat"),
        ({"lat": "14", "long": "Infinity"}, "lat"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "a" * 250 + "@example.org"}, "email"),
    ],
)
def test_bad_location_or_address_is_refused_by_the_service(agency, values, field):
    with pytest.raises(CaseInvalid) as exc:
        case_submit(agency=agency, kind="complaint", description="x", **values)
    assert field in exc.value.errors and Case.objects.count() == 0


def test_control_characters_are_dropped_before_storing(agency):
    case, _ = case_submit(
        agency=agency,
        kind="complaint",
        description="ไฟ\x00ดับ\x0b\nหน้าวัด",
        name="สม\x07ศรี",
        address="ซอย\x1f 2",
    )
    case.refresh_from_db()
    assert (case.description, case.name, case.address) == ("ไฟดับ\nหน้าวัด", "สมศรี", "ซอย 2")


def test_the_form_states_the_limits_from_the_rules_and_what_open311_publishes(agency, catalogue, monkeypatch):
    from prongsai.web.cases import rules as case_rules

    uploads = dict(case_rules.rules()["uploads"], max_bytes=2 * 1024 * 1024, max_files=2)
    monkeypatch.setitem(case_rules.rules(), "uploads", uploads)
    client = Client()
    request_form = client.get(reverse("cases:request", args=[agency.pk, "road-repair"])).content.decode()
    assert "ไม่เกิน 2 ภาพ" in request_form and "ภาพละไม่เกิน 2 MB" in request_form
    assert 'id="pdpa-open311"' in request_form  # service requests are listed publicly (Open311)
    complaint_form = client.get(reverse("cases:send", args=[agency.pk, "complaint"])).content.decode()
    assert 'id="pdpa-open311"' not in complaint_form  # complaints never are


def _png_claiming(width: int, height: int) -> bytes:
    """A valid, tiny PNG file whose picture is width x height black pixels (1 bit each)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = (b"\x00" + b"\x00" * ((width + 7) // 8)) * height
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [10_000, 20_000])  # Pillow warns above ~89 Mpx and refuses above ~179 Mpx
def test_a_decompression_bomb_is_refused_not_a_server_error(agency, side):
    bomb = photo("bomb.png", _png_claiming(side, side))
    assert bomb.size < 100_000  # small on the wire
    response = Client().post(
        reverse("cases:send", args=[agency.pk, "complaint"]),
        {"description": "x", "pdpa": "on", "photos": [bomb]},
    )
    assert response.status_code == 400 and "พิกเซลใหญ่เกินไป" in response.content.decode()
    assert Case.objects.count() == 0


def test_an_attributes_datatype_description_is_its_help_text(agency, catalogue):
    from prongsai.web.services.models import Service

    service = catalogue["street-light"]
    attrs = [dict(a, datatype_description="ดูเลขที่ติดอยู่บนเสา เช่น ก-123") for a in service.attributes]
    Service.objects.filter(pk=service.pk).update(attributes=attrs)
    html = Client().get(reverse("cases:request", args=[agency.pk, "street-light"])).content.decode()
    assert "ดูเลขที่ติดอยู่บนเสา เช่น ก-123" in html


def test_the_same_form_sent_twice_stores_one_case(agency, other_agency):
    client = Client()
    page = client.get(reverse("cases:send", args=[agency.pk, "question"])).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    first = _post(client, agency, "question", token=token)
    second = _post(client, agency, "question", token=token)  # a double tap, or the phone resending
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Case.objects.count() == 1
    # Another page load has another token; the same token at another agency is another form.
    assert _post(client, agency, "question", token="another-token-000").status_code == 302
    assert _post(client, other_agency, "question", token=token).status_code == 302
    assert Case.objects.count() == 3
    # Forms posted without a token (older pages, scripts) are each stored.
    _post(client, agency, "question")
    _post(client, agency, "question")
    assert Case.objects.count() == 5


def test_front_page_tracks_a_case_by_number_and_code_or_by_its_link(agency):
    case, _ = case_submit(agency=agency, kind="question", description="ถาม")
    client = Client()
    home = client.get(reverse("dashboards:home")).content.decode()
    form = re.search(
        r'<form method="get" action="([^"]+)"[^>]*aria-labelledby="track-h">(.*?)</form>', home, re.S
    )
    assert form and form.group(1) == reverse("cases:track_lookup") and "ติดตามเรื่อง" in form.group(2)
    assert 'name="tracking_no"' in form.group(2) and 'name="code"' in form.group(2)
    target = reverse("cases:track", args=[case.tracking_no, case.secret])
    by_number = client.get(form.group(1), {"tracking_no": case.tracking_no.lower(), "code": case.secret})
    assert by_number.status_code == 302 and by_number["Location"] == target
    pasted = client.get(form.group(1), {"tracking_no": f"https://ita.example.go.th{target}", "code": ""})
    assert pasted.status_code == 302 and pasted["Location"] == target
    wrong = client.get(form.group(1), {"tracking_no": case.tracking_no, "code": "ZZZZ"})
    assert wrong.status_code == 404 and "ไม่พบเรื่องตามเลขติดตามและรหัสลับนี้" in wrong.content.decode()
    no_code = client.get(form.group(1), {"tracking_no": case.tracking_no})
    assert no_code.status_code == 200 and "กรอกรหัสลับ หรือวางลิงก์" in no_code.content.decode()


def test_a_refused_form_opens_on_a_summary_linking_each_field_and_asks_for_the_photo_again(agency):
    response = Client().post(
        reverse("cases:send", args=[agency.pk, "complaint"]), {"description": "", "photos": [photo()]}
    )
    html = response.content.decode()
    assert response.status_code == 400 and Case.objects.count() == 0
    summary = re.search(r"<div class=\"error-box\"[^>]*data-error-summary[^>]*>(.*?)</div>", html, re.S)
    assert summary and 'tabindex="-1"' in html.split("data-error-summary")[0].rsplit("<div", 1)[1]
    text = summary.group(1)
    assert 'href="#id_pdpa"' in text and 'href="#id_description"' in text
    assert html.index("data-error-summary") < html.index('id="id_description"')  # at the top of the form
    assert "ภาพถ่าย 1 ภาพที่แนบไว้ยังไม่ได้ส่ง: โปรดเลือกภาพอีกครั้ง" in text and 'href="#id_photos"' in text
    assert 'aria-describedby="photos-again"' in html
    plain = Client().post(reverse("cases:send", args=[agency.pk, "question"]), {"description": "x"})
    assert "ยังไม่ได้ส่ง" not in plain.content.decode()  # no photo, no such line
