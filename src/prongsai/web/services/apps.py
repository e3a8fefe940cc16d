"""Django app config for the service catalogue."""

from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "prongsai.web.services"
    label = "services"
    verbose_name = "คู่มือการให้บริการ"
