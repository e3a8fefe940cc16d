"""Writes for documents: request a document for a result, and generate it (called by the worker)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ..audit.services import audit_record
from .models import Document, DocumentFile, Status
from .sources import analysis_version_current, document_record

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


def document_request(*, result, formats: list[str], actor=None, request=None) -> Document:
    """Create the document row, made from the officer's current version of the analysis, and queue its
    generation (after the transaction commits)."""
    from .tasks import document_generate_task

    formats = [f for f in CONTENT_TYPES if f in formats] or ["pdf"]
    doc = Document.objects.create(
        result=result,
        agency=result.agency,
        formats=formats,
        version=analysis_version_current(agency=result.agency, fiscal_year=result.fiscal_year),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        agency=result.agency,
        action="document.request",
        target=doc,
        summary=f"ขอจัดทำเอกสารปีงบประมาณ {result.fiscal_year} ({', '.join(formats)})",
        details={
            "result": result.pk,
            "formats": formats,
            "version": doc.version.number if doc.version else None,
        },
        request=request,
    )

    def enqueue() -> None:
        task = document_generate_task.enqueue(document_id=doc.pk)
        Document.objects.filter(pk=doc.pk).update(task_id=str(task.id))

    transaction.on_commit(enqueue)
    return doc


def _progress(doc: Document, percent: int, message: str, status: str = Status.RUNNING) -> None:
    doc.progress, doc.message, doc.status = percent, message[:500], status
    Document.objects.filter(pk=doc.pk).update(progress=percent, message=doc.message, status=status)


def document_generate(*, document_id: int) -> Document:
    """Build each requested format from the result the document belongs to; store the files."""
    from prongsai.reports import build_documents

    doc = Document.objects.select_related("result__agency", "version").get(pk=document_id)
    if doc.status == Status.DONE:
        return doc
    _progress(doc, 5, "กำลังเตรียมข้อมูล")
    try:
        record = document_record(result=doc.result, version=doc.version)
        files = []
        with tempfile.TemporaryDirectory() as tmp:
            for k, fmt in enumerate(doc.formats):
                _progress(doc, 10 + int(80 * k / len(doc.formats)), f"กำลังจัดทำไฟล์ {fmt.upper()}")
                paths = build_documents(record, formats=[fmt], out_dir=Path(tmp))
                path = paths[fmt]
                data = path.read_bytes()
                files.append(
                    DocumentFile(
                        document=doc,
                        format=fmt,
                        filename=path.name,
                        content_type=CONTENT_TYPES[fmt],
                        content=data,
                        size=len(data),
                    )
                )
        with transaction.atomic():
            DocumentFile.objects.filter(document=doc).delete()
            DocumentFile.objects.bulk_create(files)
            Document.objects.filter(pk=doc.pk).update(
                status=Status.DONE, progress=100, message="เสร็จแล้ว", finished_at=timezone.now()
            )
    except Exception as exc:  # the officer sees why; the worker log keeps the traceback
        Document.objects.filter(pk=doc.pk).update(
            status=Status.FAILED, message=f"จัดทำไม่สำเร็จ: {exc}"[:500], finished_at=timezone.now()
        )
        raise
    audit_record(
        actor=doc.created_by,
        agency=doc.agency,
        action="document.generate",
        target=doc,
        summary=f"จัดทำเอกสารปีงบประมาณ {doc.result.fiscal_year} เสร็จ",
        details={"files": [f.filename for f in files]},
    )
    doc.refresh_from_db()
    return doc
