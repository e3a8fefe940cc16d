"""Public pages without an account: send a case, follow it by its tracking link, rate it, Q&A, statistics."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..audit.services import client_ip
from ..files.serve import stored_file_response
from ..services.selectors import agency_get_public, service_get_public, service_list_public
from .forms import CaseForm, RatingForm, TrackLookupForm
from .handling import case_rate
from .models import Attachment
from .rules import kinds, rules, status_is_closed, status_name
from .selectors import (
    case_get_by_tracking,
    case_is_overdue,
    case_page_public,
    qa_list_public,
    stats_monthly,
    stats_totals,
)
from .services import CaseInvalid, RateLimited, case_submit, track_path
from .uploads import photo_path


def contact_hub(request, agency_id: int):
    agency = agency_get_public(agency_id=agency_id)
    visible = {k: v for k, v in kinds().items() if k != "request"}
    return render(
        request,
        "cases/contact.html",
        {
            "agency": agency,
            "kinds": visible,
            "services": service_list_public(agency=agency),
            "default_days": rules()["deadline"]["default_answer_days"],
        },
    )


@require_http_methods(["GET", "POST"])
def case_send(request, agency_id: int, kind: str, code: str = ""):
    agency = agency_get_public(agency_id=agency_id)
    if kind not in kinds() or (kind == "request") != bool(code):
        raise Http404("ไม่พบแบบฟอร์ม")
    service = service_get_public(agency=agency, code=code) if code else None
    kind_rules = kinds()[kind]
    form = CaseForm(request.POST or None, service=service, kind_rules=kind_rules)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case, _ = case_submit(
                agency=agency,
                kind=kind,
                service=service,
                subject=data["subject"],
                description=data["description"],
                attributes=form.attribute_values(),
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                publish_consent=bool(data.get("publish_consent")),
                lat=data["lat"],
                long=data["long"],
                address=data["address"],
                photos=request.FILES.getlist("photos"),
                channel="web",
                ip=client_ip(request),
                idempotency_key=data.get("token") or "",
                base_url=request.build_absolute_uri("/")[:-1],
            )
        except CaseInvalid as invalid:
            form.add_service_errors(invalid.errors)
            status = 400
        except RateLimited:
            form.add_error(
                None,
                "ส่งเรื่องจากเครือข่ายนี้มากเกินไปในช่วงนี้ กรุณาลองใหม่ภายหลัง หรือโทรติดต่อหน่วยงาน "
                "(too many submissions from this address; try again later)",
            )
            status = 429
        else:
            # Written and committed: now (and only now) acknowledge with the tracking link.
            return redirect(track_path(case) + "?new=1")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "cases/send.html",
        {
            "agency": agency,
            "service": service,
            "kind": kind,
            "kind_rules": kind_rules,
            "form": form,
            # a browser never sends a chosen file again: say so when photos came with a refused form
            "photos_dropped": len(request.FILES.getlist("photos")) if status != 200 else 0,
            "uploads": rules()["uploads"],
            "max_mb": rules()["uploads"]["max_bytes"] // (1024 * 1024),
            "default_days": rules()["deadline"]["default_answer_days"],
        },
        status=status,
    )


@never_cache
def track_lookup(request):
    form = TrackLookupForm(request.GET or None)
    status = 200
    if request.GET and form.is_valid():
        try:
            case = case_get_by_tracking(
                tracking_no=form.cleaned_data["tracking_no"], secret=form.cleaned_data["code"]
            )
        except Http404:
            form.add_error(None, "ไม่พบเรื่องตามเลขติดตามและรหัสลับนี้ ตรวจตัวอักษรอีกครั้ง หรือใช้ลิงก์จากอีเมล")
            status = 404
        else:
            return redirect(track_path(case))
    return render(request, "cases/track_lookup.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request, tracking_no: str, secret: str):
    case = case_get_by_tracking(tracking_no=tracking_no, secret=secret)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_rate(case=case, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"])
        except CaseInvalid as invalid:
            form.add_error(None, " ".join(invalid.errors.values()))
        else:
            return redirect(track_path(case) + "?rated=1")
    timeline, photos = case_page_public(case=case)
    return render(
        request,
        "cases/track.html",
        {
            "case": case,
            "events": timeline,
            "form": form,
            "new": "new" in request.GET,
            "rated": "rated" in request.GET,
            "status_name": status_name(case.status),
            "closed": status_is_closed(case.status),
            "overdue": case_is_overdue(case),
            "kind_name": kinds()[case.kind]["name_th"],
            "attachments": photos,
        },
    )


@never_cache
def track_photo(request, tracking_no: str, secret: str, attachment_id: int):
    case = case_get_by_tracking(tracking_no=tracking_no, secret=secret)
    return attachment_response(get_object_or_404(Attachment, case=case, pk=attachment_id))


def attachment_response(attachment: Attachment) -> FileResponse:
    """The photo with the type Pillow found when it was kept (never cached: see BodyLimitAndNoStoreMiddleware)."""
    try:
        handle = photo_path(attachment.stored_name).open("rb")
    except FileNotFoundError:
        raise Http404("ไม่พบไฟล์") from None
    return stored_file_response(
        handle, filename=attachment.original_name or "photo", content_type=attachment.content_type
    )


def qa_board(request, agency_id: int):
    agency = agency_get_public(agency_id=agency_id)
    return render(request, "cases/qa.html", {"agency": agency, "items": qa_list_public(agency=agency)})


def stats_page(request, agency_id: int):
    agency = agency_get_public(agency_id=agency_id)
    return render(
        request,
        "cases/stats.html",
        {"agency": agency, "rows": stats_monthly(agency=agency), "totals": stats_totals(agency=agency)},
    )
