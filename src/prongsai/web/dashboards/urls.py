"""URLs of the dashboards: front page, my agencies, agency page, supervisor comparison, agency home p/<id>/."""

from django.urls import path

from . import national_views, public_views, views

app_name = "dashboards"
urlpatterns = [
    path("", views.home, name="home"),
    path("mine/", views.mine, name="mine"),
    path("a/<int:agency_id>/", views.agency, name="agency"),
    path("compare/", views.compare, name="compare"),
    path("p/<int:agency_id>/", public_views.agency_home, name="public_home"),
    path("compare/export.<str:fmt>", views.compare_export, name="compare_export"),
    path("national/", national_views.national, name="national"),
    path("national/export.<str:fmt>", national_views.national_export, name="national_export"),
]
