"""Open311 GeoReport v2 representations: cases and services as dicts, and those dicts as JSON or XML."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

from ..cases.models import Case
from ..cases.redact import agency_contacts, case_public_texts
from ..cases.rules import statuses
from ..services.models import Service
from ..services.selectors import service_attributes_sorted

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# XML wrappers: the list element and its items (JSON lists are bare arrays).
WRAPPERS = {"services": "service", "service_requests": "request", "errors": "error"}
# Characters XML 1.0 cannot carry at all (C0 controls but tab and newlines, surrogates, U+FFFE/FFFF):
# one such character in one stored text would make the whole list unreadable to every client.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def service_dict(service: Service) -> dict:
    return {
        "service_code": service.code,
        "service_name": service.name_th,
        "description": service.description or None,
        "metadata": any(a.get("variable", True) for a in service.attributes),
        "type": "realtime",  # a person handles each request and answers it
        "keywords": service.keywords or None,
        "group": service.group or None,
    }


def service_definition_dict(service: Service) -> dict:
    attrs = []
    for a in service_attributes_sorted(service=service):
        item = {
            "variable": bool(a.get("variable", True)),
            "code": a["code"],
            "datatype": a["datatype"],
            "required": bool(a.get("required")),
            "datatype_description": a.get("datatype_description") or None,
            "order": int(a.get("order") or 0) or None,
            "description": a.get("description") or None,
        }
        if a.get("values"):
            item["values"] = [{"key": v["key"], "name": v["name"]} for v in a["values"]]
        attrs.append(item)
    return {"service_code": service.code, "attributes": attrs}


def expected_datetime(case: Case) -> str:
    due = dt.datetime.combine(case.due_date, dt.time(16, 30), tzinfo=timezone.get_current_timezone())
    return due.isoformat(timespec="seconds")


def request_dict(case: Case) -> dict:
    """One request in GeoReport fields: never the sender's name or contact, description with personal data removed."""
    status = statuses()[case.status]
    service = case.service
    texts = case_public_texts(case, keep=agency_contacts(case.agency))
    return {
        "service_request_id": case.tracking_no,
        "status": status["open311"],
        "status_notes": texts.answer or status["name_th"],
        "service_name": service.name_th if service else None,
        "service_code": service.code if service else case.kind,
        "description": texts.description[:4000] or None,
        "agency_responsible": case.division.name if case.division_id else case.agency.name,
        "service_notice": f"ตอบครั้งแรกภายใน {case.answer_days} วันทำการ",
        "requested_datetime": _iso(case.created_at),
        "updated_datetime": _iso(case.updated_at),
        "expected_datetime": expected_datetime(case),
        "address": texts.address or None,
        "lat": float(case.lat) if case.lat is not None else None,
        "long": float(case.long) if case.long is not None else None,
        # never address_id or zipcode (not kept), nor media_url: photos are served only after a permission check
    }


def without_nulls(data):
    """The data with every None left out: the GeoReport Swagger definitions type each field as a string or a
    number, so a field without a value is omitted (JSON) and has no element (XML), never null or empty."""
    if isinstance(data, dict):
        return {k: without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [without_nulls(v) for v in data if v is not None]
    return data


def _xml_value(parent: ET.Element, key: str, value) -> None:
    node = ET.SubElement(parent, key)
    if isinstance(value, bool):
        node.text = "true" if value else "false"
    elif isinstance(value, dict):
        for k, v in value.items():
            _xml_value(node, k, v)
    elif isinstance(value, list):
        item_name = {
            "attributes": "attribute",
            "values": "value",
            "endpoints": "endpoint",
            "formats": "format",
        }.get(key, "item")
        for v in value:
            if isinstance(v, dict):
                _xml_value(node, item_name, v)
            else:
                ET.SubElement(node, item_name).text = NOT_XML.sub("", str(v))
    else:
        node.text = NOT_XML.sub("", str(value))


def to_xml(root: str, data) -> bytes:
    element = ET.Element(root)
    if isinstance(data, list):
        for item in data:
            _xml_value(element, WRAPPERS[root], item)
    else:
        for k, v in data.items():
            _xml_value(element, k, v)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def respond(fmt: str, root: str, data, status: int = 200) -> HttpResponse:
    data = without_nulls(data)
    body = to_xml(root, data) if fmt == "xml" else json.dumps(data, ensure_ascii=False).encode()
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])
    response["Access-Control-Allow-Origin"] = "*"  # public read API, no cookies involved
    return response


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)
