"""Confirmation pages for taking things back: delete a measure, an activity, a progress update or a
report, and withdraw a published report with a public note. Each GET asks, each POST acts (audited)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from ..agencies.selectors import object_get_scoped
from .models import ProgressUpdate
from .removal import activity_delete, progress_delete, report_delete, report_withdraw
from .selectors import activity_get_scoped, measure_get_scoped, report_get_scoped
from .services import measure_delete


def _confirm(request, *, title: str, what: str, back: str, note: bool = False, error: str = ""):
    return render(
        request,
        "plans/confirm_remove.html",
        {"title": title, "what": what, "back": back, "note": note, "error": error},
        status=400 if error else 200,
    )


@login_required
def measure_remove(request, measure_id: int):
    measure = measure_get_scoped(user=request.user, measure_id=measure_id)
    if request.method == "POST":
        measure_delete(measure=measure, actor=request.user, request=request)
        messages.success(request, f"ลบมาตรการ “{measure.title}” แล้ว")
        return redirect("plans:home", agency_id=measure.agency_id)
    what = f"มาตรการ “{measure.title}” (ปีงบประมาณ {measure.fiscal_year}) พร้อมกิจกรรม ความก้าวหน้าและหลักฐานทั้งหมด"
    return _confirm(request, title="ลบมาตรการ", what=what, back=reverse("plans:measure", args=[measure.pk]))


@login_required
def activity_remove(request, activity_id: int):
    activity = activity_get_scoped(user=request.user, activity_id=activity_id)
    if request.method == "POST":
        activity_delete(activity=activity, actor=request.user, request=request)
        messages.success(request, f"ลบกิจกรรม “{activity.name}” แล้ว")
        return redirect("plans:measure", measure_id=activity.measure_id)
    what = f"กิจกรรม “{activity.name}” พร้อมความก้าวหน้าและหลักฐานของกิจกรรมนี้"
    return _confirm(
        request, title="ลบกิจกรรม", what=what, back=reverse("plans:measure", args=[activity.measure_id])
    )


@login_required
def progress_remove(request, update_id: int):
    update = object_get_scoped(
        user=request.user,
        queryset=ProgressUpdate.objects.select_related("activity__measure__agency"),
        pk=update_id,
        agency_field="activity__measure__agency",
    )
    measure_id = update.activity.measure_id
    if request.method == "POST":
        progress_delete(update=update, actor=request.user, request=request)
        messages.success(request, "ลบรายการความก้าวหน้าแล้ว")
        return redirect("plans:measure", measure_id=measure_id)
    d = update.date
    what = f"ความก้าวหน้า ณ {d:%d/%m}/{d.year + 543} ({update.percent}%) ของกิจกรรม “{update.activity.name}” พร้อมหลักฐาน"
    return _confirm(
        request, title="ลบความก้าวหน้า", what=what, back=reverse("plans:measure", args=[measure_id])
    )


@login_required
def report_remove(request, report_id: int):
    report = report_get_scoped(user=request.user, report_id=report_id)
    if request.method == "POST":
        report_delete(report=report, actor=request.user, request=request)
        messages.success(request, "ลบรายงานแล้ว")
        return redirect(reverse("plans:home", args=[report.agency_id]) + "#reports")
    what = f"{report.get_kind_display()} ปีงบประมาณ {report.fiscal_year} และไฟล์ทุกรูปแบบ"
    return _confirm(request, title="ลบรายงาน", what=what, back=reverse("plans:home", args=[report.agency_id]))


@login_required
def report_withdraw_view(request, report_id: int):
    report = report_get_scoped(user=request.user, report_id=report_id)
    back = reverse("plans:home", args=[report.agency_id]) + "#reports"
    what = f"{report.get_kind_display()} ปีงบประมาณ {report.fiscal_year}"
    if request.method == "POST":
        try:
            report_withdraw(
                report=report, note=request.POST.get("note", ""), actor=request.user, request=request
            )
        except ValidationError as e:
            return _confirm(
                request,
                title="ถอนการเผยแพร่รายงาน",
                what=what,
                back=back,
                note=True,
                error=" ".join(e.messages),
            )
        messages.success(request, "ถอนการเผยแพร่แล้ว หน้าสาธารณะแสดงเหตุผลแทนรายงาน")
        return redirect(back)
    return _confirm(request, title="ถอนการเผยแพร่รายงาน", what=what, back=back, note=True)
