"""The catalogue editor: create, edit, order, publish and retire services with their manuals; the public
catalogue and Open311 services.json change at once; the starter catalogue; permissions and isolation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from prongsai.web.agencies.models import Division, Role
from prongsai.web.agencies.services import staff_add
from prongsai.web.audit.models import AuditEvent
from prongsai.web.services.attributes_text import attributes_format, attributes_parse
from prongsai.web.services.catalogue import starter_read
from prongsai.web.services.models import Service
from prongsai.web.services.services import service_update

from ..conftest import PASSWORD, client_for

FORM = {
    "code": "tree-trimming",
    "name_th": "ขอตัดแต่งกิ่งไม้",
    "group": "สิ่งแวดล้อม",
    "description": "ขอให้ตัดกิ่งไม้ที่กีดขวางสายไฟหรือทางเดิน",
    "steps": "ยื่นคำขอออนไลน์\n\nเจ้าหน้าที่สำรวจ\nตัดแต่งและแจ้งผล",
    "documents": "ภาพถ่ายต้นไม้",
    "fee": "ไม่มีค่าธรรมเนียม",
    "duration": "ภายใน 7 วันทำการ",
    "place": "ออนไลน์ หรือที่สำนักปลัด",
    "hours": "จันทร์–ศุกร์ 08.30–16.30 น.",
    "answer_days": "3",
    "needs_location": "on",
    "attributes": "height | number | จำเป็น | ความสูงโดยประมาณ (เมตร)\n"
    "near | singlevaluelist | | อยู่ใกล้ | wire=สายไฟ; road=ถนน",
    "is_active": "on",
}


def _public_names(agency) -> list[str]:
    page = Client().get(reverse("services:catalogue", args=[agency.pk])).content.decode()
    return [s.name_th for s in Service.objects.filter(agency=agency) if s.name_th in page]


def _open311_codes(agency) -> list[str]:
    data = Client().get("/open311/v2/services.json", {"jurisdiction_id": agency.dla_code}).json()
    return [s["service_code"] for s in data]


def test_create_edit_publish_retire_show_at_once_in_public_and_open311(agency, administrator):
    admin = client_for(administrator)
    works = Division.objects.get(agency=agency, name="กองช่าง")
    created = admin.post(reverse("services:new", args=[agency.pk]), {**FORM, "division": works.pk})
    assert created.status_code == 302, created.content.decode()
    service = Service.objects.get(agency=agency, code="tree-trimming")
    assert service.steps == ["ยื่นคำขอออนไลน์", "เจ้าหน้าที่สำรวจ", "ตัดแต่งและแจ้งผล"]
    assert [a["code"] for a in service.attributes] == ["height", "near"]
    assert service.attributes[1]["values"] == [
        {"key": "wire", "name": "สายไฟ"},
        {"key": "road", "name": "ถนน"},
    ]
    assert _open311_codes(agency) == ["tree-trimming"]
    definition = (
        Client().get("/open311/v2/services/tree-trimming.json", {"jurisdiction_id": agency.dla_code}).json()
    )
    assert definition["attributes"][0]["required"] is True
    manual = Client().get(reverse("services:print", args=[agency.pk, "tree-trimming"])).content.decode()
    assert "ออนไลน์ หรือที่สำนักปลัด" in manual and "จันทร์–ศุกร์ 08.30–16.30 น." in manual and "กองช่าง" in manual

    edit = reverse("services:edit", args=[agency.pk, service.pk])
    assert admin.get(edit).status_code == 200
    admin.post(edit, {**FORM, "name_th": "ขอตัดกิ่งไม้", "division": works.pk})
    assert "ขอตัดกิ่งไม้" in Client().get(reverse("services:catalogue", args=[agency.pk])).content.decode()
    data = Client().get("/open311/v2/services.json", {"jurisdiction_id": agency.dla_code}).json()
    assert data[0]["service_name"] == "ขอตัดกิ่งไม้"

    change = reverse("services:change", args=[agency.pk, service.pk])
    admin.post(change, {"state": "draft"})
    assert _open311_codes(agency) == [] and _public_names(agency) == []
    admin.post(change, {"state": "published"})
    assert _open311_codes(agency) == ["tree-trimming"]
    admin.post(change, {"state": "retired"})
    service.refresh_from_db()
    assert service.state == "retired" and _open311_codes(agency) == []
    assert Client().get(reverse("services:manual", args=[agency.pk, "tree-trimming"])).status_code == 404
    actions = set(AuditEvent.objects.filter(agency=agency).values_list("action", flat=True))
    assert {
        "service.create",
        "service.update",
        "service.draft",
        "service.publish",
        "service.retire",
    } <= actions


def test_order_changes_the_public_catalogue_and_open311(agency, administrator, catalogue):
    admin = client_for(administrator)
    before = _open311_codes(agency)
    second = Service.objects.get(agency=agency, code=before[1])
    admin.post(reverse("services:change", args=[agency.pk, second.pk]), {"move": "up"})
    after = _open311_codes(agency)
    assert after[0] == before[1] and after[1] == before[0] and after[2:] == before[2:]
    last = Service.objects.get(agency=agency, code=after[-1])
    admin.post(reverse("services:change", args=[agency.pk, last.pk]), {"move": "down"})  # already last
    assert _open311_codes(agency) == after
    page = Client().get(reverse("services:catalogue", args=[agency.pk])).content.decode()
    names = [Service.objects.get(agency=agency, code=c).name_th for c in after]
    assert sorted(names, key=page.index) == names


def test_form_errors_are_thai_and_name_the_line(agency, other_agency, administrator):
    admin = client_for(administrator)
    url = reverse("services:new", args=[agency.pk])
    bad = admin.post(url, {**FORM, "attributes": "ok | string\nsize | colour | จำเป็น"})
    assert bad.status_code == 400 and "บรรทัดที่ 2" in bad.content.decode() and "colour" in bad.content.decode()
    foreign = Division.objects.get(agency=other_agency, name="กองช่าง")
    cross = admin.post(url, {**FORM, "division": foreign.pk})
    assert cross.status_code == 400 and "เลือกได้เฉพาะกอง/สำนัก" in cross.content.decode()
    admin.post(url, FORM)
    taken = admin.post(url, FORM)
    assert taken.status_code == 400 and "มีบริการรหัส" in taken.content.decode()
    assert Service.objects.filter(agency=agency).count() == 1


def test_service_refuses_another_agencys_division_and_a_newly_chosen_retired_one(
    agency, other_agency, administrator
):
    admin = client_for(administrator)
    admin.post(reverse("services:new", args=[agency.pk]), FORM)
    service = Service.objects.get(agency=agency)
    foreign = Division.objects.get(agency=other_agency, name="กองช่าง")
    with pytest.raises(ValidationError, match="หน่วยงานอื่น"):
        service_update(service=service, values={"division": foreign}, actor=administrator)
    retired = Division.objects.get(agency=agency, name="กองคลัง")
    retired.retired_at = timezone.now()
    retired.save()
    with pytest.raises(ValidationError, match="เลิกใช้แล้ว"):
        service_update(service=service, values={"division": retired}, actor=administrator)
    service.refresh_from_db()
    assert service.division is None


def test_an_empty_catalogue_starts_from_the_starter_for_its_type(agency, other_agency, administrator):
    admin = client_for(administrator)
    editor = admin.get(reverse("services:editor", args=[agency.pk])).content.decode()
    assert "เริ่มจากรายการบริการตั้งต้น" in editor
    admin.post(reverse("services:start", args=[agency.pk]))
    expected = [s["code"] for s in starter_read(agency_type="เทศบาลเมือง")]
    rows = list(Service.objects.filter(agency=agency).order_by("order"))
    assert [s.code for s in rows] == expected and all(s.state == "draft" for s in rows)
    assert next(s for s in rows if s.code == "road-repair").division.name == "กองช่าง"
    assert _open311_codes(agency) == []  # drafts until the agency checks and publishes them
    again = admin.post(reverse("services:start", args=[agency.pk]), follow=True)
    assert "มีบริการอยู่แล้ว" in again.content.decode()
    assert Service.objects.filter(agency=agency).count() == len(expected)
    # Another type gets its own starter (and an unknown type the default one), as data.
    assert [s["code"] for s in starter_read(agency_type="กรม")] == [
        s["code"] for s in starter_read(agency_type="default-anything")
    ]
    assert starter_read(agency_type="กรม") != starter_read(agency_type="เทศบาลเมือง")
    assert AuditEvent.objects.filter(agency=agency, action="catalogue.start").count() == 1


def test_attributes_text_round_trips(agency, catalogue):
    for service in catalogue.values():
        parsed = attributes_parse(attributes_format(service.attributes))
        assert [(a["code"], a["datatype"], a["required"], a["values"]) for a in parsed] == [
            (a["code"], a["datatype"], a["required"], a["values"])
            for a in sorted(service.attributes, key=lambda a: (a["order"], a["code"]))
        ]


@pytest.mark.parametrize("who", ["executive", "division_officer"])
def test_roles_without_edit_services_get_403(request, agency, catalogue, who):
    client = client_for(request.getfixturevalue(who))
    service = next(iter(catalogue.values()))
    assert client.get(reverse("services:editor", args=[agency.pk])).status_code == 403
    assert client.post(reverse("services:new", args=[agency.pk]), FORM).status_code == 403
    assert (
        client.post(
            reverse("services:change", args=[agency.pk, service.pk]), {"state": "retired"}
        ).status_code
        == 403
    )
    service.refresh_from_db()
    assert service.state == "published"


def test_the_coordinator_may_edit_services(coordinator_client, agency):
    assert coordinator_client.get(reverse("services:editor", args=[agency.pk])).status_code == 200


def _editor_urls():
    for p in get_resolver().url_patterns:
        if getattr(p, "namespace", None) == "services":
            for q in p.url_patterns:
                if isinstance(q, URLPattern) and str(q.pattern).startswith("a/"):
                    yield f"services:{q.name}", frozenset(q.pattern.converters)


EDITOR_URLS = sorted(set(_editor_urls()))


def test_every_editor_url_is_covered():
    assert {n for n, _ in EDITOR_URLS} >= {
        "services:editor",
        "services:edit",
        "services:change",
        "services:start",
    }
    assert all(kw <= {"agency_id", "service_id"} for _, kw in EDITOR_URLS)


@pytest.mark.parametrize(("name", "kw"), EDITOR_URLS)
def test_other_agency_gets_404(agency, other_agency, catalogue, other_catalogue, name, kw):
    b_admin = staff_add(agency=other_agency, username="admin_b", role=Role.ADMINISTRATOR, password=PASSWORD)
    a_service = next(iter(catalogue.values()))
    url = reverse(name, kwargs={k: {"agency_id": agency.pk, "service_id": a_service.pk}[k] for k in kw})
    client = client_for(b_admin)
    assert client.get(url).status_code in (404, 405), url
    assert client.post(url, {**FORM, "state": "retired"}).status_code == 404, url
    if "service_id" in kw:  # B's own address with A's service id
        b_url = reverse(name, kwargs={"agency_id": other_agency.pk, "service_id": a_service.pk})
        assert client.post(b_url, {**FORM, "state": "retired"}).status_code == 404, b_url
    a_service.refresh_from_db()
    assert a_service.state == "published" and not Service.objects.filter(code="tree-trimming").exists()
