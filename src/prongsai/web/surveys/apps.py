"""Django app config for the agency's own surveys (IIT- and EIT-style self-assessment)."""

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "prongsai.web.surveys"
    label = "surveys"
    verbose_name = "แบบสำรวจของหน่วยงานเอง"
