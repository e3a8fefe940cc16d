"""URLs of the assessments app."""

app_name = "assessments"
urlpatterns: list = []
