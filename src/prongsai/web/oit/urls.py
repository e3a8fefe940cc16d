"""URLs of the OIT app: the public "ITA <year>" page, the staff page and the ITAS sheet, the supervisor's table."""

from django.urls import path

from . import views

app_name = "oit"
urlpatterns = [
    path("p/<int:agency_id>/ita/complaint-rules/", views.complaint_rules_page, name="complaint_rules"),
    path("p/<int:agency_id>/ita/", views.current_year, {"to": "oit:public"}, name="public_current"),
    path("p/<int:agency_id>/ita/<int:fiscal_year>/", views.public_page, name="public"),
    path("a/<int:agency_id>/oit/", views.current_year, {"to": "oit:staff"}, name="staff_current"),
    path("a/<int:agency_id>/oit/<int:fiscal_year>/", views.staff_page, name="staff"),
    path("a/<int:agency_id>/oit/<int:fiscal_year>/itas.<str:fmt>", views.itas_export, name="export"),
    path(
        "a/<int:agency_id>/oit/<int:fiscal_year>/evidence/<int:evidence_id>/delete/",
        views.evidence_delete,
        name="evidence_delete",
    ),
    path(
        "p/<int:agency_id>/ita/<int:fiscal_year>/evidence/<int:evidence_id>/",
        views.evidence_public,
        name="evidence",
    ),
    path("oit/", views.current_year, {"to": "oit:supervisor"}, name="supervisor_current"),
    path("oit/<int:fiscal_year>/", views.supervisor_page, name="supervisor"),
]
