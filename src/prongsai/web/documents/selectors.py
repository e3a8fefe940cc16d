"""Reads for documents, always scoped to what the user may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ..agencies.selectors import object_get_scoped, queryset_scope
from .models import Document, DocumentFile


def document_list_for_result(*, user, result) -> QuerySet[Document]:
    # No files prefetch: a finished document has exactly its requested formats (see the template).
    # Only the columns a list shows: this runs on every view of the agency dashboard.
    qs = Document.objects.filter(result=result).only("id", "agency", "formats", "status", "created_at")
    return queryset_scope(user=user, queryset=qs)


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
