"""App config for the audit log of staff actions."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "prongsai.web.audit"
    label = "audit"
    verbose_name = "บันทึกการใช้งาน (Audit log)"

    def ready(self):
        from . import checks  # noqa: F401 (registers the TRUSTED_PROXIES check)
