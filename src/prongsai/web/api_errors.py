"""The error answers every JSON API operation may give, declared once for the whole OpenAPI document.

Each operation's own response (200, 201) comes from its router; the errors are the same everywhere, with
one body: `{"detail": "<message>"}`, or for django-ninja's 422 the list of fields at fault. They are added
to every operation when the document is built, so a new router declares them without doing anything.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI, Schema

ERROR_ANSWERS = {
    400: "คำขอไม่ถูกต้อง เช่น สถานะหรือข้อความที่ระบบไม่รับ (bad request)",
    401: "ยังไม่ได้เข้าสู่ระบบ (not signed in)",
    403: "ไม่มีสิทธิ์ทำรายการนี้กับหน่วยงานหรือเรื่องนี้ (not allowed)",
    404: "ไม่พบหน่วยงาน เรื่อง หรือข้อมูลที่ขอ (not found)",
    422: "ข้อมูลที่ส่งมาไม่ผ่านการตรวจ: detail บอกช่องที่ผิด (invalid input; detail names the fields)",
    503: "ฐานข้อมูลขัดข้องชั่วคราว ลองใหม่ตาม Retry-After (database unavailable; retry after Retry-After)",
}
ERROR_SCHEMA = "Error"


class ErrorOut(Schema):
    detail: str | list[dict[str, Any]]


def _answer(code: int, description: str) -> dict:
    answer: dict = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}},
    }
    if code == 503:
        answer["headers"] = {
            "Retry-After": {"description": "วินาทีที่ควรรอ (seconds to wait)", "schema": {"type": "integer"}}
        }
    return answer


def with_error_answers(document: dict) -> dict:
    """`document` with the shared error schema and, on every operation, the error answers it may give
    (401 only where the operation needs a signed-in user)."""
    document.setdefault("components", {}).setdefault("schemas", {})[ERROR_SCHEMA] = (
        ErrorOut.model_json_schema()
    )
    for methods in document["paths"].values():
        for operation in methods.values():
            for code, description in ERROR_ANSWERS.items():
                if code == 401 and not operation.get("security"):
                    continue
                operation["responses"].setdefault(code, _answer(code, description))
    return document


class PlatformAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document declares the error answers of every operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return with_error_answers(
            super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        )
