"""The documents: one report context (reports.document), three renderers (DOCX, PDF, HTML) and charts."""

from __future__ import annotations

from .build import FORMATS, build_documents

__all__ = ["FORMATS", "build_documents"]
