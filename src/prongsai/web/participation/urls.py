"""URLs of participation: staff pages under a/<agency_id>/projects/ and projects/…, public under p/<agency_id>/projects/."""

from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    path("a/<int:agency_id>/projects/", views.project_home, name="home"),
    path("a/<int:agency_id>/projects/new/", views.project_form, name="new"),
    path("projects/<int:project_id>/", views.project_detail, name="detail"),
    path("projects/<int:project_id>/edit/", views.project_form, name="edit"),
    path("projects/<int:project_id>/status/", views.project_status, name="status"),
    path("projects/suggestion/<int:suggestion_id>/answer/", views.suggestion_answer_view, name="answer"),
    path(
        "projects/suggestion/<int:suggestion_id>/erase-contact/",
        views.suggestion_contact_erase_view,
        name="erase_contact",
    ),
    path(
        "projects/registration/<int:registration_id>/delete/",
        views.registration_delete_view,
        name="registration_delete",
    ),
    # Public (no login)
    path("p/<int:agency_id>/projects/", views.public_list, name="public_list"),
    path("p/<int:agency_id>/projects/<int:project_id>/", views.public_detail, name="public_detail"),
    path(
        "p/<int:agency_id>/projects/<int:project_id>/register/", views.public_register, name="public_register"
    ),
    path("p/<int:agency_id>/projects/<int:project_id>/suggest/", views.public_suggest, name="public_suggest"),
    path("p/<int:agency_id>/projects/<int:project_id>/notice/", views.public_notice, name="public_notice"),
]
