"""The agency settings page (manage_staff only, audited, logo checked) and the sign-off selector."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from prongsai.web.agencies.models import Agency, AgencyLogo
from prongsai.web.agencies.selectors import agency_signoff
from prongsai.web.audit.models import AuditEvent

from ..conftest import client_for

FORM = {
    "name": "เทศบาลเมืองปากแพรก",
    "type": "เทศบาลเมือง",
    "address": "99 ถนนแสงชูโต ตำบลปากแพรก",
    "phone": "034 511 000",
    "email": "saraban@pakphraek.example.go.th",
    "website": "https://pakphraek.example.go.th",
    "line_oa": "pakphraek",
    "facebook": "https://www.facebook.com/pakphraek.example",
    "office_hours": "จันทร์–ศุกร์ 08.30–16.30 น.",
    "chief_name": "นายสมชาย ใจดี",
    "chief_position": "นายกเทศมนตรีเมืองปากแพรก",
}


def png(size=(64, 64)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _url(agency):
    return reverse("profile:settings", args=[agency.pk])


def test_administrator_saves_the_profile_audited_and_signoff_follows(administrator, agency):
    client = client_for(administrator)
    assert client.get(_url(agency)).status_code == 200
    logo = SimpleUploadedFile("logo.png", png(), content_type="image/png")
    response = client.post(_url(agency), {**FORM, "name": "เทศบาลนครปากแพรก", "logo": logo})
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.line_oa == "@pakphraek" and agency.chief_name == "นายสมชาย ใจดี"
    assert agency_signoff(agency=agency) == {"name": "นายสมชาย ใจดี", "position": "นายกเทศมนตรีเมืองปากแพรก"}
    assert list(agency.name_history.values_list("name", "source")) == [("เทศบาลเมืองปากแพรก", "settings")]
    assert AgencyLogo.objects.get(agency=agency).content_type == "image/png"
    event = AuditEvent.objects.get(action="agency.settings")
    assert (
        event.actor == administrator
        and "logo" in event.details["fields"]
        and "name" in event.details["fields"]
    )
    page = client.get(_url(agency)).content.decode()
    assert "เทศบาลเมืองปากแพรก" in page  # the old name is listed
    logo_response = Client().get(reverse("profile:logo", args=[agency.pk]))
    assert logo_response.status_code == 200 and logo_response["Content-Type"] == "image/png"


@pytest.mark.parametrize("role", ["coordinator", "division_officer", "executive", "supervisor"])
def test_only_staff_who_manage_staff_may_open_it(role, request, agency):
    client = client_for(request.getfixturevalue(role))
    assert client.get(_url(agency)).status_code == 403
    assert client.post(_url(agency), FORM).status_code == 403
    assert Agency.objects.get(pk=agency.pk).chief_name == ""


def test_another_agencys_staff_get_404_and_anonymous_is_sent_to_login(other_client, agency, administrator):
    assert other_client.get(_url(agency)).status_code == 404
    assert other_client.post(_url(agency), FORM).status_code == 404
    assert Client().get(_url(agency)).status_code == 302
    assert not AuditEvent.objects.filter(action="agency.settings").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "ไม่ใช่รูปภาพที่อ่านได้"),
        (b"GIF89a not really", "ไม่ใช่รูปภาพที่อ่านได้"),
        (png((5000, 4000)), "รูปภาพใหญ่เกินไป"),
        (b"\x89PNG" + b"0" * (1024 * 1024 + 10), "ใหญ่เกิน 1024 KB"),
    ],
)
def test_a_bad_logo_is_refused_beside_its_field(administrator, agency, content, message):
    upload = SimpleUploadedFile("logo.png", content, content_type="image/png")
    response = client_for(administrator).post(_url(agency), {**FORM, "logo": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and 'aria-invalid="true"' in html
    assert not AgencyLogo.objects.exists()


def test_bad_contacts_are_refused_with_thai_messages(administrator, agency):
    response = client_for(administrator).post(
        _url(agency), {**FORM, "email": "not-an-email", "line_oa": "https://line.me/x", "type": "ร้านค้า"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ใส่รหัส LINE OA" in html and 'id="id_email-error"' in html and 'id="id_type-error"' in html
    agency.refresh_from_db()
    assert agency.email == ""
