"""Pages for documents: request one for a result, watch its progress (htmx polling), download it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from ..agencies.selectors import agency_get_visible, user_actions
from ..assessments.selectors import result_get_current
from ..audit.services import audit_record
from ..files.serve import attach
from .selectors import document_file_get, document_get, document_list_for_agency
from .services import document_request


@login_required
def document_create(request, agency_id: int, fiscal_year: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)  # 404 before anything else
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if "generate_documents" not in user_actions(user=request.user, agency=agency):
        raise PermissionDenied("บทบาทนี้จัดทำเอกสารไม่ได้")
    result = result_get_current(agency=agency, fiscal_year=fiscal_year)
    doc = document_request(
        result=result, formats=request.POST.getlist("formats"), actor=request.user, request=request
    )
    messages.success(request, "ส่งคำขอจัดทำเอกสารแล้ว ระบบจะจัดทำอยู่เบื้องหลัง")
    return redirect("documents:detail", document_id=doc.pk)


@login_required
def document_detail(request, document_id: int):
    doc = document_get(user=request.user, document_id=document_id)
    template = "documents/_status.html" if request.htmx else "documents/detail.html"
    return render(request, template, {"doc": doc, "agency": doc.agency})


@login_required
def document_list(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    return render(
        request,
        "documents/list.html",
        {"agency": agency, "documents": document_list_for_agency(user=request.user, agency=agency)},
    )


@login_required
def document_download(request, document_id: int, fmt: str):
    file = document_file_get(user=request.user, document_id=document_id, fmt=fmt)
    doc = file.document
    audit_record(
        actor=request.user,
        agency=doc.agency,
        action="document.download",
        target=doc,
        summary=f"ดาวน์โหลด {file.filename}",
        details={"format": fmt},
        request=request,
    )
    return attach(HttpResponse(bytes(file.content), content_type=file.content_type), file.filename)
