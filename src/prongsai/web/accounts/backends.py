"""The authentication backend: Django's model backend, with the per-request user read as plain SQL."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from ..agencies.selectors import user_get_with_access


class ModelBackend(DjangoModelBackend):
    """Passwords and permissions as Django's; `get_user` (run on every signed-in request) loads the user
    without compiling an ORM query each time, with their agency roles in the same statement. Inactive
    users are refused, as Django's backend does."""

    def get_user(self, user_id):
        user = user_get_with_access(get_user_model(), user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
