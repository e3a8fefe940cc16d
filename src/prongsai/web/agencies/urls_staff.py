"""URLs of the agency administrator's staff page: a/<agency_id>/staff/…"""

from django.urls import path

from . import views_staff as views

app_name = "staff"  # not "agencies": the agency settings pages may take that one
urlpatterns = [
    path("a/<int:agency_id>/staff/", views.staff_page, name="list"),
    path("a/<int:agency_id>/staff/invite/", views.staff_invite_view, name="invite"),
    path("a/<int:agency_id>/staff/<int:membership_id>/", views.staff_member, name="member"),
    path(
        "a/<int:agency_id>/staff/<int:membership_id>/deactivate/",
        views.staff_deactivate_view,
        name="deactivate",
    ),
    path("a/<int:agency_id>/staff/<int:membership_id>/password/", views.staff_password_view, name="password"),
    path("a/<int:agency_id>/staff/divisions/", views.division_create_view, name="division_create"),
    path(
        "a/<int:agency_id>/staff/divisions/<int:division_id>/",
        views.division_change_view,
        name="division_change",
    ),
]
