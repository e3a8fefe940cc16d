"""Staff pages of plans: measures, activities, progress updates, flags, exports and reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..agencies.selectors import agency_get_visible, object_get_scoped, user_actions
from ..assessments.models import ItaResult
from ..files.serve import attach, stored_file_response
from . import export
from .drafting import measure_draft_from_result
from .forms import ActivityForm, MeasureForm, ProgressForm, ReportForm, apply_errors
from .report_services import report_generate, report_period, report_publish
from .rules import report_choices, rules
from .selectors import (
    activity_can_update,
    activity_get_scoped,
    division_choices,
    evidence_get_for_user,
    flagged_for_user,
    measure_can_edit,
    measure_get_scoped,
    measure_list,
    measure_views,
    measure_years,
    report_get_scoped,
    report_list,
    today,
)
from .services import (
    ActivityInput,
    EvidenceInput,
    activity_create,
    activity_update,
    measure_create,
    measure_publish,
    measure_update,
    progress_add,
)


def _year(request, years: list[int]) -> int | None:
    try:
        return int(request.GET["year"])
    except (KeyError, ValueError):
        return years[0] if years else None


def _require_edit(user, agency) -> None:
    if not measure_can_edit(user=user, agency=agency):
        raise PermissionDenied("ไม่มีสิทธิ์แก้ไขมาตรการ")


@login_required
def plan_home(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    years = measure_years(agency=agency)
    year = _year(request, years)
    views = measure_views(measures=measure_list(agency=agency, fiscal_year=year)) if year else []
    results = ItaResult.objects.filter(agency=agency, superseded_at__isnull=True).order_by("-fiscal_year")
    default_as_of = min(today(), report_period(fiscal_year=year, kind="six_month")[1]) if year else today()
    return render(
        request,
        "plans/plan_home.html",
        {
            "agency": agency,
            "years": years,
            "year": year,
            "views": views,
            "results": results,
            "actions": user_actions(user=request.user, agency=agency),
            "flagged": flagged_for_user(user=request.user, agency=agency, fiscal_year=year),
            "reports": report_list(agency=agency)[:20],
            "report_form": ReportForm(
                kinds=report_choices(), initial={"fiscal_year": year, "as_of": default_as_of}
            ),
            "stalled_days": rules().stalled_after_days,
        },
    )


@login_required
def measure_new(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    _require_edit(request.user, agency)
    form = MeasureForm(
        request.POST or None, initial={"fiscal_year": today().year + 543 + (today().month >= 10)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            m = measure_create(agency=agency, actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "เพิ่มมาตรการแล้ว (ยังเป็นร่าง ยังไม่เผยแพร่)")
            return redirect("plans:measure", measure_id=m.pk)
    return render(request, "plans/measure_form.html", {"agency": agency, "form": form})


@login_required
@require_POST
def measure_from_analysis(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    _require_edit(request.user, agency)
    result = object_get_scoped(
        user=request.user, queryset=ItaResult.objects.filter(agency=agency), pk=request.POST.get("result")
    )
    drafts = measure_draft_from_result(result=result, actor=request.user, request=request)
    messages.success(request, f"ร่างมาตรการจากผลการวิเคราะห์ {len(drafts)} มาตรการ โปรดทบทวนก่อนเผยแพร่")
    if len(drafts) == 1:
        return redirect("plans:measure", measure_id=drafts[0].pk)
    return redirect("plans:home", agency_id=agency.pk)


@login_required
def measure_detail(request, measure_id: int):
    measure = measure_get_scoped(user=request.user, measure_id=measure_id)
    [view] = measure_views(measures=measure_list(agency=measure.agency).filter(pk=measure.pk))
    for a in view.activities:
        a.can_update = activity_can_update(user=request.user, activity=a.activity)
    return render(
        request,
        "plans/measure_detail.html",
        {
            "agency": measure.agency,
            "measure": measure,
            "view": view,
            "can_edit": measure_can_edit(user=request.user, agency=measure.agency),
        },
    )


@login_required
def measure_edit(request, measure_id: int):
    measure = measure_get_scoped(user=request.user, measure_id=measure_id)
    _require_edit(request.user, measure.agency)
    initial = {
        "fiscal_year": measure.fiscal_year,
        "indicators": ", ".join(map(str, measure.indicators)),
        "title": measure.title,
        "analysis": measure.analysis,
    }
    form = MeasureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            measure_update(measure=measure, actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as e:
            apply_errors(form, e)
        else:
            return redirect("plans:measure", measure_id=measure.pk)
    return render(
        request, "plans/measure_form.html", {"agency": measure.agency, "form": form, "measure": measure}
    )


@login_required
@require_POST
def measure_publish_view(request, measure_id: int):
    measure = measure_get_scoped(user=request.user, measure_id=measure_id)
    _require_edit(request.user, measure.agency)
    published = request.POST.get("published") == "1"
    measure_publish(measure=measure, published=published, actor=request.user, request=request)
    messages.success(request, "เผยแพร่มาตรการต่อสาธารณะแล้ว" if published else "ยกเลิกการเผยแพร่แล้ว (กลับเป็นร่าง)")
    return redirect("plans:measure", measure_id=measure.pk)


def _activity_input(data: dict) -> ActivityInput:
    return ActivityInput(
        name=data["name"],
        methods=tuple(line for line in data["methods"].splitlines() if line.strip()),
        start=data["start"],
        end=data["end"],
        divisions=tuple(data["divisions"]),
        responsible_person=data["responsible_person"],
        budget=data["budget"],
        no_budget=data["no_budget"],
        kpi=data["kpi"],
        target=data["target"],
        unit=data["unit"],
        weight=data["weight"],
    )


@login_required
def activity_form(request, measure_id: int | None = None, activity_id: int | None = None):
    activity = activity_get_scoped(user=request.user, activity_id=activity_id) if activity_id else None
    measure = activity.measure if activity else measure_get_scoped(user=request.user, measure_id=measure_id)
    _require_edit(request.user, measure.agency)
    initial = {}
    if activity:
        initial = {
            f: getattr(activity, f)
            for f in (
                "name",
                "start",
                "end",
                "responsible_person",
                "budget",
                "no_budget",
                "kpi",
                "target",
                "unit",
                "weight",
            )
        }
        initial.update(methods="\n".join(activity.methods), divisions=list(activity.divisions.all()))
    form = ActivityForm(
        request.POST or None,
        initial=initial,
        divisions=division_choices(
            agency=measure.agency, keep=list(activity.divisions.all()) if activity else ()
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            data = _activity_input(form.cleaned_data)
            if activity:
                activity_update(activity=activity, data=data, actor=request.user, request=request)
            else:
                activity_create(measure=measure, data=data, actor=request.user, request=request)
        except ValidationError as e:
            apply_errors(form, e)
        else:
            return redirect("plans:measure", measure_id=measure.pk)
    return render(
        request,
        "plans/activity_form.html",
        {"agency": measure.agency, "measure": measure, "activity": activity, "form": form},
    )


@login_required
def progress_new(request, activity_id: int):
    activity = activity_get_scoped(user=request.user, activity_id=activity_id)
    if not activity_can_update(user=request.user, activity=activity):
        raise PermissionDenied("ไม่มีสิทธิ์รายงานความก้าวหน้าของกิจกรรมนี้")
    form = ProgressForm(
        request.POST or None, request.FILES or None, initial={"date": today(), "evidence_public": True}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        # A file and a link given together are two pieces of evidence (one row holding both would
        # show only the link, and the file could not be opened from any page).
        title, public = d["evidence_title"], d["evidence_public"]
        evidence = []
        if d["evidence_file"]:
            evidence.append(EvidenceInput(title, file=d["evidence_file"], is_public=public))
        if d["evidence_link"]:
            evidence.append(EvidenceInput(title, link=d["evidence_link"], is_public=public))
        try:
            progress_add(
                activity=activity,
                actor=request.user,
                date=d["date"],
                status=d["status"],
                percent=d["percent"],
                narrative=d["narrative"],
                evidence=evidence,
                request=request,
            )
        except ValidationError as e:
            apply_errors(form, e)
        else:
            messages.success(request, "บันทึกความก้าวหน้าแล้ว")
            return redirect("plans:measure", measure_id=activity.measure_id)
    return render(
        request,
        "plans/progress_form.html",
        {"agency": activity.measure.agency, "activity": activity, "form": form},
    )


def evidence_file(request, evidence_id: int):
    """Served only after the permission check: staff of the agency, or anyone for public evidence of a
    published measure. Never from a static URL."""
    row = evidence_get_for_user(user=request.user, evidence_id=evidence_id)
    try:
        handle = row.file.open("rb")
    except FileNotFoundError:
        raise Http404("ไม่พบไฟล์") from None
    return stored_file_response(handle, filename=row.filename or "evidence", content_type=row.content_type)


def export_response(views, fmt: str, name: str, table: str | None) -> HttpResponse:
    """`table` names one of export.TABLES (CSV only: the XLSX holds them all); anything else is a 404."""
    table = table or export.DEFAULT_TABLE
    if table not in export.TABLES:
        raise Http404("ไม่มีตารางนี้ (ใช้ได้: " + ", ".join(export.TABLES) + ")")
    if fmt == "xlsx":
        data = export.to_xlsx(views)
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        filename = f"{name}.xlsx"
    elif fmt == "csv":
        columns, rows = export.TABLES[table]
        data = export.to_csv(columns, rows(views))
        ctype = "text/csv; charset=utf-8"
        filename = f"{name}-{table}.csv"
    else:
        raise Http404("ไม่มีรูปแบบนี้")
    return attach(HttpResponse(data, content_type=ctype), filename)


@login_required
def plan_export(request, agency_id: int, fmt: str):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    years = measure_years(agency=agency)
    year = _year(request, years)
    views = measure_views(measures=measure_list(agency=agency, fiscal_year=year))
    return export_response(
        views,
        fmt,
        f"measures-{year or 'all'}-{agency.dla_code or agency.pk}",
        request.GET.get("table"),
    )


@login_required
@require_POST
def report_new(request, agency_id: int):
    agency = agency_get_visible(user=request.user, agency_id=agency_id)
    if "generate_documents" not in user_actions(user=request.user, agency=agency):
        raise PermissionDenied("ไม่มีสิทธิ์จัดทำรายงาน")
    form = ReportForm(request.POST, kinds=report_choices())
    if not form.is_valid():
        messages.error(
            request,
            "จัดทำรายงานไม่ได้: "
            + "; ".join(f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items()),
        )
        return redirect("plans:home", agency_id=agency.pk)
    d = form.cleaned_data
    try:
        report_generate(
            agency=agency,
            fiscal_year=d["fiscal_year"],
            kind=d["kind"],
            as_of=d["as_of"],
            actor=request.user,
            publish=d["publish"],
            replace=d["replace"],
            request=request,
        )
    except ValidationError as e:
        messages.error(request, "จัดทำรายงานไม่ได้: " + " ".join(e.messages))
        return redirect("plans:home", agency_id=agency.pk)
    messages.success(request, "จัดทำรายงานแล้ว" + (" (แทนที่ฉบับเดิม)" if d["replace"] else ""))
    return redirect("plans:home", agency_id=agency.pk)


def report_file_response(report, fmt: str) -> HttpResponse:
    f = report.files.filter(format=fmt).first()
    if f is None:
        raise Http404("ไม่มีไฟล์รูปแบบนี้")
    response = attach(
        HttpResponse(bytes(f.content), content_type=f.content_type), f.filename, inline=fmt in ("pdf", "html")
    )
    if fmt == "html":  # the report's own inline styles are its content; keep it from running anything
        response["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:"
        )
    return response


@login_required
def report_file(request, report_id: int, fmt: str):
    return report_file_response(report_get_scoped(user=request.user, report_id=report_id), fmt)


@login_required
@require_POST
def report_publish_view(request, report_id: int):
    report = report_get_scoped(user=request.user, report_id=report_id)
    if "generate_documents" not in user_actions(user=request.user, agency=report.agency):
        raise PermissionDenied("ไม่มีสิทธิ์เผยแพร่รายงาน")
    report_publish(
        report=report, published=request.POST.get("published") == "1", actor=request.user, request=request
    )
    return redirect("plans:home", agency_id=report.agency_id)
