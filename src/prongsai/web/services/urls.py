"""URLs of the public service catalogue (p/<agency_id>/services/…) and its editor (a/<agency_id>/services/…)."""

from django.urls import path

from . import views, views_editor

app_name = "services"
urlpatterns = [
    path("p/<int:agency_id>/services/", views.catalogue, name="catalogue"),
    path("p/<int:agency_id>/services/<slug:code>/", views.manual, name="manual"),
    path("p/<int:agency_id>/services/<slug:code>/print/", views.manual, {"printable": True}, name="print"),
    path("a/<int:agency_id>/services/", views_editor.editor, name="editor"),
    path("a/<int:agency_id>/services/new/", views_editor.service_form, name="new"),
    path("a/<int:agency_id>/services/start/", views_editor.catalogue_start_view, name="start"),
    path("a/<int:agency_id>/services/<int:service_id>/", views_editor.service_form, name="edit"),
    path("a/<int:agency_id>/services/<int:service_id>/change/", views_editor.service_change, name="change"),
    path(
        "a/<int:agency_id>/services/<int:service_id>/preview/", views_editor.service_preview, name="preview"
    ),
]
