"""URLs of documents: request under the result's year, then by document id."""

from django.urls import path

from . import analysis_views, views

app_name = "documents"
urlpatterns = [
    path("a/<int:agency_id>/results/<int:fiscal_year>/documents/", views.document_create, name="create"),
    path("a/<int:agency_id>/documents/", views.document_list, name="list"),
    path(
        "a/<int:agency_id>/results/<int:fiscal_year>/analysis/", analysis_views.analysis_edit, name="analysis"
    ),
    path(
        "a/<int:agency_id>/results/<int:fiscal_year>/analysis/preview/",
        analysis_views.document_preview,
        name="preview",
    ),
    path(
        "a/<int:agency_id>/results/<int:fiscal_year>/analysis/adopt/",
        analysis_views.drafts_adopt,
        name="adopt",
    ),
    path("documents/<int:document_id>/", views.document_detail, name="detail"),
    path("documents/<int:document_id>/<str:fmt>/", views.document_download, name="download"),
]
