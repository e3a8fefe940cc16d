"""schemathesis against the GeoReport v2 Swagger document (tests/web/open311/schema/swagger.json): every
operation, with generated parameters in both formats, gets an answer below 500; every list or definition
it gets back is valid against the GeoReport v2 JSON schemas (JSON) or well-formed (XML)."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from prongsai.web.cases.models import Case
from prongsai.web.cases.services import case_submit
from prongsai.web.open311.services import apikey_issue
from prongsai.web.services.models import Service
from prongsai.web.wsgi import application

from .test_open311 import SCHEMA_DIR, validate

SCHEMA_OF = {  # path prefix (after /open311/v2) -> GeoReport schema of a 200 answer
    "/services/": "service-definition.json",
    "/services.": "services.json",
    "/requests.": "requests.json",
    "/request/": "requests.json",
}


def _swagger(*, jurisdictions: list[str], codes: list[str]) -> dict:
    """The GeoReport v2 document as published, pointed at /open311/v2, with the free-form format, jurisdiction and
    POST service_code narrowed to values this server knows (else nearly every generated call is a 404)."""
    path = SCHEMA_DIR / "swagger.json"
    doc = copy.deepcopy(json.loads(path.read_text()))
    doc["basePath"] = "/open311/v2"
    doc["parameters"]["response_format"]["enum"] = ["json", "xml"]
    doc["parameters"]["jurisdiction_id"]["enum"] = jurisdictions
    for param in doc["paths"]["/requests.{response_format}"]["post"]["parameters"]:
        if param.get("name") == "service_code":
            param["enum"] = codes
    return doc


def _check_body(path: str, fmt: str, response) -> None:
    if fmt == "xml":
        ET.fromstring(response.content)  # well-formed, whatever text was stored
        return
    for prefix, schema in SCHEMA_OF.items():
        if path.startswith(prefix):
            validate(schema, response.json())
            return


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_server_error_in_open311(agency, administrator, catalogue):
    _row, key = apikey_issue(agency=agency, name="fuzz", actor=administrator)
    # A service without attributes or a required place, so generated POSTs can also be stored.
    Service.objects.create(agency=agency, code="other", name_th="เรื่องอื่น ๆ", needs_location=False)
    case_submit(
        agency=agency, kind="request", service=catalogue["street-light"], description="ไฟดับ", address="ซอย 1"
    )
    doc = _swagger(
        jurisdictions=[agency.dla_code, str(agency.pk), "nope"], codes=[*catalogue, "other", "nope"]
    )
    schema = schemathesis.openapi.from_dict(doc)
    schema.app = application  # called in-process through WSGI, as test_api_fuzz does
    # POST first: the lists read afterwards then hold whatever text the generated requests stored.
    operations = sorted((r.ok() for r in schema.get_all_operations()), key=lambda o: o.method != "post")
    assert len(operations) == 6
    answers: list[tuple[str, int]] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case):
            case.query = {**(case.query or {}), "api_key": key}
            response = case.call()
            assert response.status_code < 500, (case.method, case.path, case.path_parameters, case.query)
            answers.append((case.method, response.status_code))
            if response.status_code == 200 and case.method == "GET":
                path = case.formatted_path.removeprefix("/open311/v2")
                _check_body(path, case.path_parameters["response_format"], response)

        check()
    # The generated calls reached the real work, not only the error answers.
    assert ("POST", 200) in answers and ("GET", 200) in answers
    assert Case.objects.filter(channel="open311").exists()
