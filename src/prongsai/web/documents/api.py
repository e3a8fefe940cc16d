"""JSON API of documents: request an analysis-and-measures document for a result, then follow it."""

from __future__ import annotations

from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from ..agencies.selectors import agency_get_visible, user_actions
from ..assessments.selectors import result_get_current
from .selectors import document_get
from .services import CONTENT_TYPES, document_request

router = Router()


class DocumentIn(Schema):
    agency_id: int
    fiscal_year: int  # the result's year
    formats: list[str] = ["pdf"]


class DocumentOut(Schema):
    id: int
    status: str  # queued | running | done | failed
    progress: int
    error: str | None  # Thai, when failed
    version: int | None  # the officer's analysis version it is made from
    files: dict[str, str]  # format -> download URL


def _out(request, doc) -> dict:
    done = doc.status == "done"
    return {
        "id": doc.pk,
        "status": doc.status,
        "progress": doc.progress,
        "error": doc.message if doc.status == "failed" else None,
        "version": doc.version.number if doc.version_id else None,
        "files": {
            f.format: request.build_absolute_uri(reverse("documents:download", args=[doc.pk, f.format]))
            for f in (doc.files.all() if done else ())
        },
    }


@router.post("", response={202: DocumentOut})
def document_create(request, payload: DocumentIn):
    agency = agency_get_visible(user=request.user, agency_id=payload.agency_id)
    if "generate_documents" not in user_actions(user=request.user, agency=agency):
        raise HttpError(403, "บทบาทนี้จัดทำเอกสารไม่ได้")
    unknown = [f for f in payload.formats if f not in CONTENT_TYPES]
    if unknown or not payload.formats:
        raise HttpError(422, f"formats: ใช้ได้ {', '.join(CONTENT_TYPES)} (unknown format {unknown[:1]})")
    result = result_get_current(agency=agency, fiscal_year=payload.fiscal_year)
    doc = document_request(result=result, formats=payload.formats, actor=request.user, request=request)
    return Status(202, _out(request, doc))


@router.get("/{document_id}", response=DocumentOut)
def document_status(request, document_id: int):
    return _out(request, document_get(user=request.user, document_id=document_id))
