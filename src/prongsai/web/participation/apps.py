"""The participation app: projects open to the public, registrations, suggestions and published outcomes."""

from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "prongsai.web.participation"
    label = "participation"
    verbose_name = "การมีส่วนร่วมของประชาชน"
