"""Django app config for citizen cases (requests, questions, complaints)."""

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "prongsai.web.cases"
    label = "cases"
    verbose_name = "เรื่องร้องขอ ถาม-ตอบ และร้องเรียน"

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the holiday-table check)
