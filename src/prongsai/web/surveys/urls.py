"""URLs of the surveys app: staff pages under a/<agency_id>/surveys/, answering under s/<token>/."""

from django.urls import path

from . import views, views_public

app_name = "surveys"
urlpatterns = [
    path("surveys/overview/", views.survey_overview, name="overview"),
    path("a/<int:agency_id>/surveys/", views.survey_home, name="home"),
    path("a/<int:agency_id>/surveys/<int:survey_id>/", views.survey_detail, name="detail"),
    path("a/<int:agency_id>/surveys/<int:survey_id>/questions/", views.survey_definition, name="definition"),
    path(
        "a/<int:agency_id>/surveys/<int:survey_id>/questions.json",
        views.survey_definition_json,
        name="definition_json",
    ),
    path("a/<int:agency_id>/surveys/<int:survey_id>/codes/", views.survey_codes, name="codes"),
    path("a/<int:agency_id>/surveys/<int:survey_id>/poster/", views.survey_poster, name="poster"),
    path("a/<int:agency_id>/surveys/<int:survey_id>/results/", views.survey_results_view, name="results"),
    path("a/<int:agency_id>/surveys/<int:survey_id>/answers.csv", views.survey_export, name="export"),
    # Public (no login)
    path("s/<str:token>/", views_public.survey_answer, name="answer"),
    path("s/<str:token>/thanks/", views_public.survey_thanks, name="thanks"),
]
