"""URLs of the public service catalogue: p/<agency_id>/services/…"""

from django.urls import path

from . import views

app_name = "services"
urlpatterns = [
    path("p/<int:agency_id>/services/", views.catalogue, name="catalogue"),
    path("p/<int:agency_id>/services/<slug:code>/", views.manual, name="manual"),
    path("p/<int:agency_id>/services/<slug:code>/print/", views.manual, {"printable": True}, name="print"),
]
