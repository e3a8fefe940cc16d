"""Reads for documents, always scoped to what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from .. import hotpath
from ..agencies.selectors import agency_ids_visible, object_get_scoped, queryset_scope
from .models import Document, DocumentFile


def document_list_for_result(*, user, result, limit: int = 10) -> list[Document]:
    """The latest documents made from this result version, newest first, if the user may see its agency.

    Read on every view of the agency dashboard: only the columns a list shows, in plain SQL. No files
    prefetch: a finished document has exactly its requested formats (see the template)."""
    ids = agency_ids_visible(user=user)
    if ids is not None and result.agency_id not in ids:
        return []
    return hotpath.select(Document, _LIST_FIELDS, **_list_where(result.pk, limit))


_LIST_FIELDS = ("id", "agency", "formats", "status", "created_at")


def _list_where(result_id: int, limit: int) -> dict:
    return {"order_by": ("-created_at", "-id"), "limit": limit, "result": result_id}


def document_list_statement(*, result_id: int, limit: int = 10):
    """The read `document_list_for_result` makes, for `hotpath.prefetch`."""
    return hotpath.select_statement(Document, _LIST_FIELDS, **_list_where(result_id, limit))


def document_list_for_agency(*, user, agency) -> QuerySet[Document]:
    qs = Document.objects.filter(agency=agency).select_related("result").prefetch_related("files")
    return queryset_scope(user=user, queryset=qs)


def document_get(*, user, document_id: int) -> Document:
    return object_get_scoped(
        user=user, queryset=Document.objects.select_related("result", "agency"), pk=document_id
    )


def document_file_get(*, user, document_id: int, fmt: str) -> DocumentFile:
    doc = document_get(user=user, document_id=document_id)
    file = doc.files.filter(format=fmt).first()
    if file is None:
        raise Http404("ไม่พบไฟล์")
    return file
