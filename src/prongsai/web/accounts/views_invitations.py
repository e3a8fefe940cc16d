"""The page behind an invitation or password-reset link: set a password once, then sign in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.urls import reverse_lazy

from ..audit.services import audit_record
from .invitations import invitation_token


class ThaiSetPasswordForm(SetPasswordForm):
    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": "รหัสผ่านทั้งสองช่องไม่ตรงกัน (the two passwords differ)",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "รหัสผ่านใหม่"
        self.fields["new_password2"].label = "ยืนยันรหัสผ่านใหม่"


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """Django's reset-confirm flow (the token leaves the address bar before the form is shown) with our
    token, Thai page and no automatic sign-in: the new staff member signs in with the password just set."""

    token_generator = invitation_token
    form_class = ThaiSetPasswordForm
    template_name = "accounts/invitation_accept.html"
    success_url = reverse_lazy("accounts:login")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            actor=form.user,
            action="staff.password_set",
            target=form.user,
            summary="ตั้งรหัสผ่าน",
            request=self.request,
        )
        messages.success(
            self.request, "ตั้งรหัสผ่านแล้ว เข้าสู่ระบบด้วยชื่อผู้ใช้และรหัสผ่านใหม่ได้เลย (password set; sign in)"
        )
        return response
