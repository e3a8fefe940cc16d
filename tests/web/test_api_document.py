"""The JSON API's OpenAPI document declares the error answers of every operation, and the answers keep to
it: schemathesis over the agencies and results operations (cases and plans have their own fuzz tests)."""

from __future__ import annotations

import pytest
from django.test import Client

from prongsai.web.api_errors import ERROR_ANSWERS
from prongsai.web.assessments.services import result_save

from .api_checks import fuzz_api
from .conftest import client_for
from .test_results import SEED


def test_every_operation_declares_its_error_answers(db):
    document = Client().get("/api/openapi.json").json()
    error = document["components"]["schemas"]["Error"]
    assert error["required"] == ["detail"]
    operations = [(p, m, op) for p, methods in document["paths"].items() for m, op in methods.items()]
    assert len(operations) >= 16
    for path, method, op in operations:
        wanted = {str(c) for c in ERROR_ANSWERS} - (set() if op.get("security") else {"401"})
        assert wanted <= set(op["responses"]), (method, path, sorted(op["responses"]))
        for code in wanted:
            body = op["responses"][code]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Error"}, (method, path, code)
        assert "Retry-After" in op["responses"]["503"]["headers"]
    public = [op for p, _m, op in operations if p.startswith("/api/plans/public/")]
    assert public and all("401" not in op["responses"] for op in public)


def test_error_bodies_match_the_declared_schema(agency, other_agency, coordinator):
    client = client_for(coordinator)
    assert Client().get("/api/agencies/").json() == {"detail": "Unauthorized"}  # 401
    assert client.get(f"/api/agencies/{other_agency.pk}").status_code == 404
    assert isinstance(client.get(f"/api/agencies/{other_agency.pk}").json()["detail"], str)
    invalid = client.get("/api/agencies/not-a-number")
    assert invalid.status_code == 422 and isinstance(invalid.json()["detail"], list)


@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_undeclared_answer_in_agencies_and_results(agency, coordinator):
    result_save(agency=agency, fiscal_year=2568, indicators=SEED, actor=coordinator)
    fuzz_api(
        path_regex="^/api/(agencies|results)",
        user_client=client_for(coordinator),
        operations=4,
        max_examples=10,
    )
