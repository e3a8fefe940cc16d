"""App config for the front page, the agency dashboard and the supervisor's comparison (no models)."""

from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "prongsai.web.dashboards"
    label = "dashboards"
    verbose_name = "แดชบอร์ด (Dashboards)"
