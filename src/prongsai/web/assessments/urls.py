"""URLs of ITA results, under the agency: a/<agency_id>/results/…"""

from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("a/<int:agency_id>/results/", views.result_list, name="list"),
    path("a/<int:agency_id>/results/new/", views.result_edit, name="new"),
    path("a/<int:agency_id>/results/import/", views.result_import, name="import"),
    path(
        "a/<int:agency_id>/results/import/template.<str:fmt>",
        views.result_import_template,
        name="import_template",
    ),
    path("a/<int:agency_id>/results/<int:fiscal_year>/edit/", views.result_edit, name="edit"),
    path("a/<int:agency_id>/results/<int:fiscal_year>/versions/", views.result_history, name="versions"),
    path("a/<int:agency_id>/results/<int:fiscal_year>/whatif/", views.result_whatif, name="whatif"),
]
