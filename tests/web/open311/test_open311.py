"""Open311 GeoReport v2 in JSON and XML, validated against the GeoReport v2 schemas in tests/web/open311/schema."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.test import Client
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from prongsai.web.cases.handling import case_status_set
from prongsai.web.cases.models import Case
from prongsai.web.open311.services import apikey_issue, apikey_revoke

from ..conftest import client_for

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"  # as published with the standard (README.md there)


def _schemas() -> dict:
    return {p.name: json.loads(p.read_text()) for p in SCHEMA_DIR.glob("*.json")}


# The JSON Schemas let most fields be null; the Swagger definitions published with them (and the clients
# generated from those) do not: a null lat or address must fail, so every answer is checked against both.
SWAGGER_OF = {
    "services.json": {"type": "array", "items": {"$ref": "#/definitions/Service"}},
    "service-definition.json": {"$ref": "#/definitions/ServiceDefinition"},
    "requests.json": {"type": "array", "items": {"$ref": "#/definitions/Request"}},
    "post-answer": {"type": "array", "items": {"$ref": "#/definitions/RequestResponse"}},
}


def validate(name: str, data) -> None:
    schemas = _schemas()
    registry = Registry().with_resources(
        (n, Resource.from_contents(s, default_specification=DRAFT202012)) for n, s in schemas.items()
    )
    checker = Draft202012Validator.FORMAT_CHECKER
    if name in schemas:
        Draft202012Validator(schemas[name], registry=registry, format_checker=checker).validate(data)
    strict = {**SWAGGER_OF[name], "definitions": schemas["swagger.json"]["definitions"]}
    Draft202012Validator(strict, format_checker=checker).validate(data)


def test_a_null_fails_the_schema_tests():
    row = {"service_request_id": "R1", "status": "open", "service_code": "x"}
    row["requested_datetime"] = "2026-01-01T00:00:00+07:00"
    validate("requests.json", [row])
    for field in ("lat", "long", "address", "address_id", "description", "media_url", "zipcode"):
        with pytest.raises(ValidationError):
            validate("requests.json", [{**row, field: None}])
    with pytest.raises(ValidationError):
        validate("post-answer", [{"service_request_id": "R1", "account_id": None}])


def _text(node):
    return node.text if node.text is not None and node.text.strip() != "" else None


def xml_services(root):
    assert root.tag == "services"
    out = []
    for s in root.findall("service"):
        item = {c.tag: _text(c) for c in s}
        item["metadata"] = {"true": True, "false": False}[item["metadata"]]
        out.append(item)
    return out


def xml_requests(root):
    assert root.tag == "service_requests"
    out = []
    for r in root.findall("request"):
        item = {c.tag: _text(c) for c in r}
        for key in ("lat", "long"):
            if item.get(key) is not None:
                item[key] = float(item[key])
        out.append(item)
    return out


def xml_definition(root):
    assert root.tag == "service_definition"
    attrs = []
    for a in root.find("attributes").findall("attribute"):
        item = {c.tag: _text(c) for c in a if c.tag != "values"}
        item["variable"] = item["variable"] == "true"
        item["required"] = item["required"] == "true"
        if "order" in item:
            item["order"] = int(item["order"])
        values = a.find("values")
        if values is not None:
            item["values"] = [{c.tag: _text(c) for c in v} for v in values.findall("value")]
        attrs.append(item)
    return {"service_code": _text(root.find("service_code")), "attributes": attrs}


def assert_offsets(requests: list[dict]) -> None:
    for r in requests:
        for key in ("requested_datetime", "updated_datetime", "expected_datetime"):
            if r.get(key):
                assert dt.datetime.fromisoformat(r[key]).utcoffset() == dt.timedelta(hours=7), r[key]


@pytest.fixture
def key(agency, administrator, catalogue):
    _row, plain = apikey_issue(agency=agency, name="LINE OA", actor=administrator)
    return plain


@pytest.fixture
def api(agency):
    return lambda path, fmt="json", **params: Client().get(
        f"/open311/v2/{path}.{fmt}", {"jurisdiction_id": agency.dla_code, **params}
    )


def test_schemas_are_found():
    assert {"request.json", "requests.json", "services.json", "service-definition.json"} <= set(_schemas())


def test_services_in_both_formats(api, catalogue):
    data = api("services").json()
    validate("services.json", data)
    assert {s["service_code"] for s in data} == set(catalogue)
    root = ET.fromstring(api("services", "xml").content)
    from_xml = xml_services(root)
    validate("services.json", from_xml)
    assert [s["service_code"] for s in from_xml] == [s["service_code"] for s in data]


def test_service_definition_in_both_formats(api, catalogue):
    data = api("services/water-truck").json()
    validate("service-definition.json", data)
    assert [a["code"] for a in data["attributes"]] == ["households", "use"]
    xml = xml_definition(ET.fromstring(api("services/water-truck", "xml").content))
    validate("service-definition.json", xml)
    assert xml == data
    assert api("services/nope").status_code == 404


def _post(client, key, fmt="json", headers=None, **data):
    body = {
        "api_key": key,
        "service_code": "road-repair",
        "description": "หลุมใหญ่ โทร 081-111-2222",
        "lat": "14.015",
        "long": "99.531",
        "attribute[problem]": "pothole",
        "first_name": "สมหญิง",
        **data,
    }
    return client.post(f"/open311/v2/requests.{fmt}", body, headers=headers or {})


def test_post_and_read_back_in_both_formats(agency, key, api):
    client = Client(enforce_csrf_checks=True)  # API-key authenticated: no CSRF token needed
    response = _post(client, key)
    assert response.status_code == 200, response.content
    validate("post-answer", response.json())
    [answer] = response.json()
    assert set(answer) >= {"service_request_id", "service_notice"} and "token" not in answer
    case = Case.objects.get(tracking_no=answer["service_request_id"])
    assert case.channel == "open311" and case.name == "สมหญิง" and case.attributes == {"problem": "pothole"}
    xml_answer = ET.fromstring(_post(client, key, "xml").content)
    assert xml_answer.tag == "service_requests" and xml_answer.find("request/service_request_id").text

    listed = api("requests").json()
    validate("requests.json", listed)
    assert_offsets(listed)
    assert answer["service_request_id"] in {r["service_request_id"] for r in listed}
    one = api(f"requests/{case.tracking_no}").json()
    validate("requests.json", one)
    assert one[0]["description"] == "หลุมใหญ่ โทร [เบอร์โทร]"  # personal data removed
    assert "สมหญิง" not in json.dumps(listed, ensure_ascii=False)
    from_xml = xml_requests(ET.fromstring(api("requests", "xml").content))
    validate("requests.json", from_xml)
    assert {r["service_request_id"] for r in from_xml} == {r["service_request_id"] for r in listed}


def test_status_filter_and_search_rules(agency, key, api, administrator):
    client = Client()
    first = _post(client, key).json()[0]["service_request_id"]
    second = _post(client, key).json()[0]["service_request_id"]
    case_status_set(case=Case.objects.get(tracking_no=second), status="closed", actor=administrator)
    assert [r["service_request_id"] for r in api("requests", status="open").json()] == [first]
    closed = api("requests", status="closed").json()
    assert [r["service_request_id"] for r in closed] == [second] and closed[0]["status"] == "closed"
    both = api("requests", service_request_id=f"{first},{second}").json()
    assert {r["service_request_id"] for r in both} == {first, second}
    assert (
        api(
            "requests", start_date="2025-01-01T00:00:00+07:00", end_date="2025-12-31T00:00:00+07:00"
        ).status_code
        == 400
    )
    assert api("requests", status="weird").status_code == 400
    assert api("requests/NOPE").status_code == 404


def test_bad_keys_and_bad_input(agency, key, other_agency, other_catalogue, administrator):
    client = Client()
    response = _post(client, "wrong")
    assert response.status_code == 403
    validate_errors(response.json())
    xml = ET.fromstring(_post(client, "wrong", "xml").content)
    assert xml.tag == "errors" and xml.find("error/code").text == "403"
    # a key of one agency cannot post into another's jurisdiction
    assert _post(client, key, jurisdiction_id=other_agency.dla_code).status_code == 403
    assert _post(client, key, service_code="nope").status_code == 404
    bad = _post(client, key, **{"attribute[problem]": "volcano"})
    assert bad.status_code == 400 and "attribute[problem]" in bad.json()[0]["description"]
    assert _post(client, key, description="x" * 4001).status_code == 400
    assert _post(client, key, lat="", long="", address_string="").status_code == 400
    row = agency.open311_keys.get()
    apikey_revoke(key=row, actor=administrator)
    assert _post(client, key).status_code == 403
    assert Case.objects.count() == 0


def validate_errors(data) -> None:
    assert isinstance(data, list) and data
    for e in data:
        assert isinstance(e["code"], int) and isinstance(e["description"], str)


def test_idempotency_key_makes_a_retry_safe_and_tokens_resolve(agency, key):
    client = Client()
    first = _post(client, key, headers={"Idempotency-Key": "retry-1"}).json()[0]
    again = _post(client, key, headers={"Idempotency-Key": "retry-1"}).json()[0]
    assert first["service_request_id"] == again["service_request_id"] and Case.objects.count() == 1
    _post(client, key, headers={"Idempotency-Key": "retry-2"})
    assert Case.objects.count() == 2
    token = Client().get("/open311/v2/tokens/retry-1.json", {"api_key": key}).json()
    assert token == [{"service_request_id": first["service_request_id"], "token": "retry-1"}]
    assert Client().get("/open311/v2/tokens/retry-1.json").status_code == 403
    assert Client().get("/open311/v2/tokens/unknown.json", {"api_key": key}).status_code == 404


def test_discovery(api):
    data = api("discovery").json()
    assert data["endpoints"][0]["url"].endswith("/open311/v2/")
    xml = ET.fromstring(api("discovery", "xml").content)
    assert xml.find("endpoints/endpoint/formats/format").text == "text/xml"


def test_keys_are_issued_in_the_back_office_and_shown_once(agency, administrator, coordinator):
    client = client_for(administrator)
    html = client.post(f"/a/{agency.pk}/open311/keys/", {"name": "FixMyStreet"}).content.decode()
    row = agency.open311_keys.get()
    plain = re.search(r'<code id="new-key">(ps_[^<]+)</code>', html).group(1)
    assert plain.startswith(f"ps_{row.prefix}_") and row.key_hash not in html
    assert plain not in client.get(f"/a/{agency.pk}/open311/keys/").content.decode()  # shown once only
    assert client_for(coordinator).get(f"/a/{agency.pk}/open311/keys/").status_code == 403


def test_api_key_rate_limit(agency, key, monkeypatch):
    from prongsai.web.cases import rules as case_rules

    monkeypatch.setitem(
        case_rules.rules(), "rate_limits", dict(case_rules.rules()["rate_limits"], api_key_per_minute=2)
    )
    client = Client()
    assert [_post(client, key).status_code for _ in range(3)] == [200, 200, 429]
    assert Case.objects.count() == 2


def test_a_single_jurisdiction_needs_no_jurisdiction_id(agency, catalogue, key):
    # Most servers serve one municipality: its clients never send jurisdiction_id.
    client = Client()
    data = client.get("/open311/v2/services.json").json()
    validate("services.json", data)
    assert {s["service_code"] for s in data} == set(catalogue)
    assert client.get("/open311/v2/services/water-truck.json").status_code == 200
    posted = client.post("/open311/v2/requests.json", {"api_key": key, **_body()})
    assert posted.status_code == 200, posted.content
    assert client.get("/open311/v2/requests.json").json()[0]["service_request_id"]


def test_two_jurisdictions_need_jurisdiction_id(agency, catalogue, other_agency, other_catalogue):
    response = Client().get("/open311/v2/services.json")
    assert response.status_code == 400
    validate_errors(response.json())


def _body(**data) -> dict:
    return {
        "service_code": "road-repair",
        "description": "หลุมใหญ่",
        "lat": "14.015",
        "long": "99.531",
        "attribute[problem]": "pothole",
        **data,
    }


def test_post_fields_may_come_in_the_query_string_as_the_swagger_document_has_them(agency, key, api):
    # The GeoReport v2 swagger.json in tests/web/open311/schema lists service_code, lat, long … as query parameters.
    query = "&".join(f"{k}={v}" for k, v in {"api_key": key, **_body()}.items())
    response = Client().post(f"/open311/v2/requests.json?{query}")
    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_no=response.json()[0]["service_request_id"])
    assert case.service.code == "road-repair" and case.attributes == {"problem": "pothole"}
    # and the singular path the Swagger document names reads it back
    one = Client().get(f"/open311/v2/request/{case.tracking_no}.json", {"jurisdiction_id": agency.dla_code})
    validate("requests.json", one.json())


def test_description_is_optional_as_in_the_standard(agency, key):
    response = Client().post("/open311/v2/requests.json", {"api_key": key, **_body(description="")})
    assert response.status_code == 200, response.content


def test_a_line_user_id_sent_as_device_id_gets_line_notices(agency, key, notices_delivered, notices_sent):
    # A LINE OA bot posting for its user: the answer goes back to that user by LINE (real HTTP, loopback).
    line_user = "U" + "0123456789abcdef" * 2
    client = Client()
    with notices_sent():
        first = _post(client, key, device_id=line_user).json()[0]["service_request_id"]
        other = _post(client, key, device_id="android-1234").json()[0]["service_request_id"]
    assert Case.objects.get(tracking_no=first).line_id == line_user
    assert Case.objects.get(tracking_no=other).line_id == ""
    [notice] = notices_delivered().line_id
    assert notice["to"] == line_user and first in notice["body"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("lat", "NaN"),  # passed Decimal.quantize and then broke the range comparison: a server error
        ("lat", "Infinity"),
        ("email", "not-an-address"),
        ("email", "a" * 250 + "@x.org"),  # longer than the column: PostgreSQL refused it
    ],
)
def test_bad_values_are_a_400_not_a_server_error(agency, key, field, value):
    response = _post(Client(), key, **{field: value})
    assert response.status_code == 400, response.content
    validate_errors(response.json())
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "params",
    [
        {"end_date": "0001-01-01T00:00:00"},  # 90 days before it is not a date: was a server error
        {"start_date": "0001-01-01T00:00:00", "end_date": "0001-01-02T00:00:00"},
        {"start_date": "yesterday"},
    ],
)
def test_impossible_date_windows_are_a_400(api, catalogue, params):
    for fmt in ("json", "xml"):
        assert api("requests", fmt, **params).status_code == 400


def test_control_characters_never_break_the_xml_or_the_database(agency, key, api, coordinator):
    from prongsai.web.cases.handling import case_answer

    response = _post(
        Client(),
        key,
        description="หลุม\x00ใหญ่\x0b มาก\n",
        address_string="ซอย\x01 5",
        **{"attribute[problem]": "pothole\x00"},
    )
    assert response.status_code == 200, response.content
    case = Case.objects.get(tracking_no=response.json()[0]["service_request_id"])
    assert case.description == "หลุมใหญ่ มาก" and case.address == "ซอย 5"
    case_answer(case=case, text="รับเรื่อง\x0c แล้ว", actor=coordinator)  # staff text is not checked by a form
    from_xml = xml_requests(ET.fromstring(api("requests", "xml").content))  # well-formed
    validate("requests.json", from_xml)
    assert from_xml[0]["status_notes"] == "รับเรื่อง แล้ว"
    for path in ("requests/A\x00B", "services/A\x00B", "tokens/A\x00B"):
        assert api(path, api_key=key).status_code in (403, 404)
    assert api("requests", service_request_id="\x00", service_code="\x00").status_code == 200


def test_personal_data_in_the_address_is_removed_too(agency, key, api):
    _post(Client(), key, address_string="บ้านนายสมหญิง โทร 081-999-8888")
    [row] = api("requests").json()
    assert "081-999-8888" not in row["address"] and "สมหญิง" not in row["address"]


def _nulls(data) -> list:
    if isinstance(data, dict):
        return [k for k, v in data.items() if v is None] + [n for v in data.values() for n in _nulls(v)]
    return [n for v in data for n in _nulls(v)] if isinstance(data, list) else []


def test_fields_without_a_value_are_left_out_never_null_or_empty(agency, key, api):
    # A service with no description, keywords or group, and a request with no place: nothing to say.
    from prongsai.web.services.models import Service

    Service.objects.create(agency=agency, code="other", name_th="เรื่องอื่น ๆ", needs_location=False)
    posted = Client().post("/open311/v2/requests.json", {"api_key": key, "service_code": "other"})
    assert posted.status_code == 200, posted.content
    validate("post-answer", posted.json())
    answers = {
        "services": api("services").json(),
        "requests": api("requests").json(),
        "definition": api("services/other").json(),
        "answer": posted.json(),
    }
    assert _nulls(answers) == []
    [row] = answers["requests"]
    assert not {"lat", "long", "address", "address_id", "zipcode", "media_url", "description"} & set(row)
    assert "account_id" not in answers["answer"][0]
    for path in ("services", "requests", "services/other"):
        root = ET.fromstring(api(path, "xml").content)
        leaves = [e for e in root.iter() if e is not root and e.tag != "attributes"]  # a list, may be empty
        empty = [e.tag for e in leaves if len(e) == 0 and not (e.text or "").strip()]
        assert empty == [], (path, empty)
    xml_post = ET.fromstring(
        Client().post("/open311/v2/requests.xml", {"api_key": key, "service_code": "other"}).content
    )
    assert xml_post.find("request/account_id") is None and xml_post.find("request/service_request_id").text
