"""URLs of plans: staff pages under a/<agency_id>/plans/ and plans/…, public pages under p/<agency_id>/plans/."""

from django.urls import path

from . import public_views, views, views_remove

app_name = "plans"
urlpatterns = [
    path("a/<int:agency_id>/plans/", views.plan_home, name="home"),
    path("a/<int:agency_id>/plans/new/", views.measure_new, name="measure_new"),
    path("a/<int:agency_id>/plans/from-analysis/", views.measure_from_analysis, name="from_analysis"),
    path("a/<int:agency_id>/plans/export.<str:fmt>", views.plan_export, name="export"),
    path("a/<int:agency_id>/plans/reports/new/", views.report_new, name="report_new"),
    path("plans/measure/<int:measure_id>/", views.measure_detail, name="measure"),
    path("plans/measure/<int:measure_id>/edit/", views.measure_edit, name="measure_edit"),
    path("plans/measure/<int:measure_id>/publish/", views.measure_publish_view, name="measure_publish"),
    path("plans/measure/<int:measure_id>/activities/new/", views.activity_form, name="activity_new"),
    path("plans/activity/<int:activity_id>/edit/", views.activity_form, name="activity_edit"),
    path("plans/activity/<int:activity_id>/progress/", views.progress_new, name="progress_new"),
    path("plans/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("plans/report/<int:report_id>.<str:fmt>", views.report_file, name="report_file"),
    path("plans/report/<int:report_id>/publish/", views.report_publish_view, name="report_publish"),
    path("plans/measure/<int:measure_id>/delete/", views_remove.measure_remove, name="measure_delete"),
    path("plans/activity/<int:activity_id>/delete/", views_remove.activity_remove, name="activity_delete"),
    path("plans/update/<int:update_id>/delete/", views_remove.progress_remove, name="progress_delete"),
    path("plans/report/<int:report_id>/delete/", views_remove.report_remove, name="report_delete"),
    path("plans/report/<int:report_id>/withdraw/", views_remove.report_withdraw_view, name="report_withdraw"),
    # Public (no login)
    path("p/<int:agency_id>/plans/", public_views.public_plans, name="public"),
    path("p/<int:agency_id>/plans/<int:measure_id>/", public_views.public_measure, name="public_measure"),
    path("p/<int:agency_id>/plans/export.<str:fmt>", public_views.public_export, name="public_export"),
    path(
        "p/<int:agency_id>/plans/reports/<int:report_id>.<str:fmt>",
        public_views.public_report,
        name="public_report",
    ),
]
