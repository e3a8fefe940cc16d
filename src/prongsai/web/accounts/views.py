"""Sign-in and sign-out pages; the rate limit lives in services."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from .services import login_failure_record, login_is_blocked, login_success_record


class RateLimitedAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (Incorrect username or password.)",
        "blocked": "เข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ 15 นาทีแล้วลองใหม่ "
        "(Too many failed sign-ins; wait 15 minutes.)",
    }

    def clean(self):
        username = (self.data.get("username") or "").strip()
        if login_is_blocked(username=username, request=self.request):
            raise ValidationError(self.error_messages["blocked"], code="blocked")
        try:
            return super().clean()
        except ValidationError:
            login_failure_record(username=username, request=self.request)
            raise


class LoginView(auth_views.LoginView):
    form_class = RateLimitedAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        login_success_record(user=form.get_user(), request=self.request)
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if any(e.code == "blocked" for e in form.non_field_errors().as_data()):
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    pass
