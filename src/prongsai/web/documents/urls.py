"""URLs of documents: request under the result's year, then by document id."""

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("a/<int:agency_id>/results/<int:fiscal_year>/documents/", views.document_create, name="create"),
    path("a/<int:agency_id>/documents/", views.document_list, name="list"),
    path("documents/<int:document_id>/", views.document_detail, name="detail"),
    path("documents/<int:document_id>/<str:fmt>/", views.document_download, name="download"),
]
