"""URLs of the agency's own profile: the settings page a/<agency_id>/settings/ and its logo."""

from django.urls import path

from . import profile_views

app_name = "profile"
urlpatterns = [
    path("a/<int:agency_id>/settings/", profile_views.agency_settings, name="settings"),
    path("p/<int:agency_id>/logo/", profile_views.agency_logo, name="logo"),
]
