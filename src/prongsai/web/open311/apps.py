"""Django app config for the Open311 GeoReport v2 API."""

from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "prongsai.web.open311"
    label = "open311"
    verbose_name = "Open311 GeoReport v2"
