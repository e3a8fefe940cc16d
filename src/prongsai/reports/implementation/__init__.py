"""Implementation reports (six-month, year-end) of an agency's measures, built from plain data, no Django."""

from __future__ import annotations

from .context import (
    ActivityData,
    MeasureData,
    OitReference,
    ParticipationData,
    ReportData,
    UpdateData,
    build_report,
    oit_reference,
    render_report,
)

__all__ = [
    "ActivityData",
    "MeasureData",
    "OitReference",
    "ParticipationData",
    "ReportData",
    "UpdateData",
    "build_report",
    "oit_reference",
    "render_report",
]
