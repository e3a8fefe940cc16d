"""While the database refuses every query, Open311 and the JSON API answer 503 in their own error format with
Retry-After, never Django's HTML 500 page. The queries fail through Django's own execute_wrapper hook;
tests/faults/test_open311_outage.py stops a real PostgreSQL server under load instead."""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET

import pytest
from django.db import IntegrityError, InterfaceError, OperationalError, connection
from django.test import Client

from prongsai.web.open311.services import apikey_issue

from ..conftest import client_for


@contextlib.contextmanager
def queries_fail(exc: Exception):
    def refuse(execute, sql, params, many, context):
        raise exc

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def key(agency, administrator, catalogue):
    return apikey_issue(agency=agency, name="LINE OA", actor=administrator)[1]


def _calls(agency, key):
    post = {"api_key": key, "service_code": "road-repair", "lat": "14.015", "long": "99.531"}
    post["attribute[problem]"] = "pothole"
    return {
        "services": lambda c, fmt: c.get(f"/open311/v2/services.{fmt}"),
        "definition": lambda c, fmt: c.get(f"/open311/v2/services/road-repair.{fmt}"),
        "requests": lambda c, fmt: c.get(f"/open311/v2/requests.{fmt}"),
        "request": lambda c, fmt: c.get(f"/open311/v2/requests/R-1.{fmt}"),
        "token": lambda c, fmt: c.get(f"/open311/v2/tokens/t-1.{fmt}", {"api_key": key}),
        "post": lambda c, fmt: c.post(
            f"/open311/v2/requests.{fmt}", post, headers={"Idempotency-Key": "k-1"}
        ),
    }


@pytest.mark.parametrize(
    "failure",
    [
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
    ],
)
def test_open311_answers_503_with_a_georeport_error_while_the_database_is_down(
    agency, key, failure, settings
):
    settings.OUTAGE_RETRY_AFTER = 17
    client = Client(raise_request_exception=False)
    for name, call in _calls(agency, key).items():
        for fmt in ("json", "xml"):
            with queries_fail(failure):
                response = call(client, fmt)
            assert response.status_code == 503, (name, fmt, response.content[:200])
            assert response["Retry-After"] == "17"
            assert response["Content-Type"].startswith({"json": "application/json", "xml": "text/xml"}[fmt])
            if fmt == "json":
                [err] = response.json()
                assert err["code"] == 503 and "ฐานข้อมูล" in err["description"] and "17" in err["description"]
            else:
                root = ET.fromstring(response.content)
                assert root.tag == "errors" and root.find("error/code").text == "503"
                assert "ฐานข้อมูล" in root.find("error/description").text
    # and when the database is back, the same calls work again
    assert _calls(agency, key)["post"](client, "json").status_code == 200, "not back after the outage"


def test_the_json_api_answers_a_json_503(agency, coordinator, settings):
    settings.OUTAGE_RETRY_AFTER = 17
    client = client_for(coordinator)
    client.raise_request_exception = False
    for path in ("/api/agencies/", f"/api/cases/?agency_id={agency.pk}"):
        with queries_fail(OperationalError("could not connect to server: Connection refused")):
            response = client.get(path)
        assert response.status_code == 503, (path, response.content[:200])
        assert response["Content-Type"].startswith("application/json") and response["Retry-After"] == "17"
        assert "ฐานข้อมูล" in response.json()["detail"]


def test_a_query_refused_on_a_healthy_connection_is_still_a_server_error(agency, key, coordinator):
    # A constraint violation is a bug to see, not an outage to wait out.
    with queries_fail(IntegrityError("duplicate key")), pytest.raises(IntegrityError):
        _calls(agency, key)["services"](Client(), "json")
    with queries_fail(IntegrityError("duplicate key")), pytest.raises(IntegrityError):
        client_for(coordinator).get("/api/agencies/")
