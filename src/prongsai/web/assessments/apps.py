"""App config for ITA results per agency and fiscal year."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "prongsai.web.assessments"
    label = "assessments"
    verbose_name = "ผลการประเมิน ITA (ITA results)"
