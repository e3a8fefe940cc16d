"""App config for generated analysis-and-measures documents."""

from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "prongsai.web.documents"
    label = "documents"
    verbose_name = "เอกสาร (Documents)"
