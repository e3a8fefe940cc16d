"""App config for agencies, their divisions, staff memberships and supervisors."""

from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "prongsai.web.agencies"
    label = "agencies"
    verbose_name = "หน่วยงาน (Agencies)"
