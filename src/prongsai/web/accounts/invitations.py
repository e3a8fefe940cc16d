"""Invitations and password-reset links for staff: a signed one-time link e-mailed through Django's mail
settings (SMTP in production, the console in `prongsai run`), and the token that checks it.

The token is Django's password-reset token under its own salt: it hashes the user's password and last
login, so it stops working once the password is set (or the user signs in), and it expires after
PASSWORD_RESET_TIMEOUT seconds. No table is needed."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ..audit.services import audit_record


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "prongsai.web.accounts.invitations.InvitationTokenGenerator"


invitation_token = InvitationTokenGenerator()


class InvitationNotSent(Exception):
    """The mail server refused or did not answer; `str()` is a Thai-first message for the page."""


def invitation_link(*, user, request=None) -> str:
    """The absolute set-password link for this user (the site's public address when there is no request)."""
    path = reverse(
        "accounts:invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token.make_token(user),
        },
    )
    if request is not None:
        return request.build_absolute_uri(path)
    return (getattr(settings, "PRONGSAI_PUBLIC_URL", "") or "http://localhost:8000") + path


def _send(*, user, agency, actor, request, kind: str) -> None:
    if not user.email:
        raise InvitationNotSent("บัญชีนี้ไม่มีอีเมล จึงส่งลิงก์ไม่ได้ (the account has no e-mail address)")
    context = {
        "user": user,
        "agency": agency,
        "actor": actor,
        # The register import invites with no actor (the site's administrator running the command).
        "inviter": (actor.get_full_name() or actor.get_username()) if actor is not None else "ผู้ดูแลระบบ",
        "link": invitation_link(user=user, request=request),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    subject = render_to_string(f"accounts/{kind}_subject.txt", context).strip()
    body = render_to_string(f"accounts/{kind}_email.txt", context)
    try:
        send_mail(subject, body, None, [user.email], fail_silently=False)
    except (OSError, smtplib.SMTPException) as exc:
        raise InvitationNotSent(
            f"ส่งอีเมลถึง {user.email} ไม่สำเร็จ ({exc.__class__.__name__}) "
            "ตรวจการตั้งค่าเซิร์ฟเวอร์อีเมลแล้วกด “ส่งลิงก์อีกครั้ง” (the mail could not be sent)"
        ) from exc


def invitation_send(*, user, agency, actor, request=None) -> None:
    """E-mail a new staff member the one-time link to set their password; audited as `staff.invite`.
    Raises InvitationNotSent when the mail cannot be sent (nothing else is undone)."""
    _send(user=user, agency=agency, actor=actor, request=request, kind="invitation")
    audit_record(
        actor=actor,
        action="staff.invite",
        agency=agency,
        target=user,
        summary=f"ส่งคำเชิญเข้าใช้งานถึง {user.email}",
        details={"email": user.email},
        request=request,
    )


def password_reset_send(*, user, agency, actor, request=None) -> None:
    """E-mail a staff member a one-time link to set a new password (the old one works until then)."""
    _send(user=user, agency=agency, actor=actor, request=request, kind="password_reset")
    audit_record(
        actor=actor,
        action="staff.password_reset",
        agency=agency,
        target=user,
        summary=f"ส่งลิงก์ตั้งรหัสผ่านใหม่ถึง {user.email}",
        details={"email": user.email},
        request=request,
    )
