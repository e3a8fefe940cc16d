"""Sign-in and sign-out pages; the limits live in services."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.shortcuts import resolve_url
from django.utils import timezone

from ..agencies.selectors import agency_list_visible
from .services import (
    LoginDecision,
    login_attempt_reserve,
    login_attempt_succeeded,
    login_failure_record,
    login_success_record,
)


def blocked_message(decision: LoginDecision) -> str:
    at = timezone.localtime(decision.retry_at).strftime("%H:%M")
    minutes = decision.minutes_left()
    return (
        f"ชื่อผู้ใช้นี้เข้าสู่ระบบจากเครื่องนี้ผิดหลายครั้งเกินไป กรุณาลองใหม่ได้ตั้งแต่เวลา {at} น. "
        f"(อีกประมาณ {minutes} นาที) หรือเข้าสู่ระบบจากเครื่องอื่น "
        f"(Too many failed sign-ins for this username from this address; try again from {at}, "
        f"in about {minutes} minutes.)"
    )


class RateLimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (Incorrect username or password.)",
    }
    retry_at = None

    def clean(self):
        username, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
        if not (username and password):  # Django checks no password then: nothing to count
            return super().clean()
        decision = login_attempt_reserve(username=username, request=self.request)
        if not decision.allowed:
            self.retry_at = decision.retry_at
            raise ValidationError(blocked_message(decision), code="blocked")
        try:
            cleaned = super().clean()
        except ValidationError:
            login_failure_record(username=username, request=self.request)
            raise
        login_attempt_succeeded(username=username, request=self.request)
        return cleaned


class LoginView(auth_views.LoginView):
    form_class = RateLimitedAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Without a safe `next`, staff go to their work: the one agency's page, or the list of theirs."""
        user = self.request.user
        if user.is_superuser:
            return resolve_url("dashboards:mine")
        ids = list(agency_list_visible(user=user).values_list("pk", flat=True)[:2])
        if len(ids) == 1:
            return resolve_url("dashboards:agency", ids[0])
        return resolve_url("dashboards:mine")

    def form_valid(self, form):
        response = super().form_valid(form)
        login_success_record(user=form.get_user(), request=self.request)
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.retry_at is not None:
            response.status_code = 429
            response.headers["Retry-After"] = str(
                max(1, int((form.retry_at - timezone.now()).total_seconds()) + 1)
            )
        return response


class LogoutView(auth_views.LogoutView):
    pass
