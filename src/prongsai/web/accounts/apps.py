"""App config for signing in and out (with failed logins rate-limited)."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "prongsai.web.accounts"
    label = "accounts"
    verbose_name = "บัญชีผู้ใช้ (Accounts)"
