"""Open311 API keys: issued in the back office to partner systems; only a hash is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiKey(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="open311_keys")
    name = models.CharField("ใช้กับระบบ", max_length=120)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ApiKeyUsage(models.Model):
    """Submissions per key per minute: one upserted row, so every app-server process counts the same."""

    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="+")
    minute = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["api_key", "minute"], name="apikey_usage_unique")]
