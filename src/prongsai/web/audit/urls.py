"""URLs of the audit log."""

from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [path("a/<int:agency_id>/audit/", views.audit_agency, name="list")]
