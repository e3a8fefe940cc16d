"""Reads for documents, always scoped to what the user may see."""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.db.models import QuerySet
from django.http import Http404

from .. import hotpath
from ..agencies.selectors import agency_ids_visible, object_get_scoped, queryset_scope
from ..assessments.models import ItaResult
from .models import Document, DocumentFile

_LIST_FIELDS = ("id", "agency", "formats", "status", "created_at")


@cache
def _shown_sql() -> str:
    """`_LIST_FIELDS` of the documents of the agency's current result of a year, or of its newest current
    result when it has none of that year: the result the agency page shows (`agency_dashboard_rows`)."""
    q = connection.ops.quote_name
    d, r = Document._meta, ItaResult._meta
    col = lambda meta, name: q(meta.get_field(name).column)  # noqa: E731
    shown = (
        f"SELECT {q(r.pk.column)} FROM {q(r.db_table)} WHERE {col(r, 'agency')} = %s "
        f"AND {col(r, 'superseded_at')} IS NULL "
        f"ORDER BY CASE WHEN {col(r, 'fiscal_year')} = %s THEN 0 ELSE 1 END, {col(r, 'fiscal_year')} DESC LIMIT 1"
    )
    return (
        f"SELECT {', '.join(col(d, n) for n in _LIST_FIELDS)} FROM {q(d.db_table)} "
        f"WHERE {col(d, 'result')} = ({shown}) "
        f"ORDER BY {col(d, 'created_at')} DESC, {q(d.pk.column)} DESC LIMIT %s"
    )


def document_list_shown_statement(*, agency_id: int, year: int | None, limit: int = 10):
    """The read `document_list_for_shown_result` makes, for `hotpath.prefetch`: it needs no result id, so
    it goes with the page's first reads."""
    return _shown_sql(), [int(agency_id), year, limit]


def document_list_for_shown_result(*, user, agency_id: int, year: int | None, limit: int = 10):
    """The latest documents made from the result the agency page shows for `year` (None: the newest),
    newest first, if the user may see the agency.

    Read on every view of the agency dashboard: only the columns a list shows, in plain SQL. No files
    prefetch: a finished document has exactly its requested formats (see the template)."""
    ids = agency_ids_visible(user=user)
    if ids is not None and int(agency_id) not in ids:
        return []
    rows = hotpath.fetch(*document_list_shown_statement(agency_id=agency_id, year=year, limit=limit))
    return [hotpath.instance(Document, dict(zip(_LIST_FIELDS, row, strict=True))) for row in rows]


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
