"""Sign-in attempts counted per window: the rows the login limit reserves before checking a password."""

from __future__ import annotations

from django.db import models


class LoginThrottle(models.Model):
    """Attempts in the current window for one (username, address) pair, or for one address across all
    usernames (`username` empty). A row is locked and incremented before the password is checked, so
    concurrent app-server processes can never check more passwords than the limit allows."""

    class Scope(models.TextChoices):
        PAIR = "pair", "ชื่อผู้ใช้จากที่อยู่นี้ (username from this address)"
        ADDRESS = "address", "ที่อยู่นี้ทุกชื่อผู้ใช้ (this address, any username)"

    scope = models.CharField("ขอบเขต", max_length=8, choices=Scope.choices)
    username = models.CharField("ชื่อผู้ใช้", max_length=150, blank=True)
    address = models.CharField("ที่อยู่ IP", max_length=45, blank=True)
    window_start = models.DateTimeField("เริ่มนับเมื่อ", db_index=True)
    count = models.PositiveIntegerField("จำนวนครั้ง", default=0)

    class Meta:
        verbose_name = "การนับการเข้าสู่ระบบ (login throttle)"
        constraints = [
            models.UniqueConstraint(fields=["scope", "username", "address"], name="accounts_throttle_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.username} {self.address}: {self.count}"
