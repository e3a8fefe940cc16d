"""URLs for signing in and out, and for setting a password from an invitation or reset link."""

from django.urls import path

from . import views, views_invitations

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "invite/<uidb64>/<token>/",
        views_invitations.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
]
