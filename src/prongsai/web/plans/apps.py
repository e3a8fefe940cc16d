"""The plans app: improvement measures, their activities and dated progress, and implementation reports."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "prongsai.web.plans"
    label = "plans"
    verbose_name = "มาตรการและความก้าวหน้า"
