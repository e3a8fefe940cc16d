"""The agency administrator's staff page: invitations by e-mail through a real SMTP server on loopback,
one-time set-password links, roles and divisions, deactivation, password resets, all audited."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from prongsai.web.agencies.models import Division, Membership, Role
from prongsai.web.audit.models import AuditEvent
from tests.web.cases.conftest import smtp  # noqa: F401 (the loopback SMTP server fixture)

from .conftest import PASSWORD, client_for

LINK = re.compile(r"https?://\S+/accounts/invite/\S+/")
NEW_PASSWORD = "Kanchanaburi-river-2569"


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _link(message) -> str:
    return LINK.search(_body(message)).group(0).replace("http://testserver", "")


def _set_password(link: str, password: str = NEW_PASSWORD):
    client = Client()
    page = client.get(link)  # Django moves the token into the session and redirects
    assert page.status_code == 302
    form_url = page["Location"]
    assert client.get(form_url).context["validlink"] is True
    done = client.post(form_url, {"new_password1": password, "new_password2": password})
    return done


def _actions(agency) -> list[str]:
    return list(AuditEvent.objects.filter(agency=agency).order_by("pk").values_list("action", flat=True))


def test_invitation_by_smtp_sets_the_password_once_then_the_user_signs_in(smtp, agency, administrator):  # noqa: F811
    works = Division.objects.get(agency=agency, name="กองช่าง")
    admin = client_for(administrator)
    response = admin.post(
        reverse("staff:invite", args=[agency.pk]),
        {
            "email": "Somchai@Pakphraek.example",
            "full_name": "สมชาย ใจดี",
            "role": "division_officer",
            "division": works.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()
    [mail] = smtp.messages
    assert mail["To"] == "somchai@pakphraek.example"
    assert agency.name in mail["Subject"] and "somchai@pakphraek.example" in _body(mail)
    user = get_user_model().objects.get(username="somchai@pakphraek.example")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, agency=agency).division == works

    link = _link(mail)
    done = _set_password(link)
    assert done.status_code == 302 and done["Location"] == reverse("accounts:login")
    # The same link again: refused, with a Thai explanation and a way on.
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    assert "ลิงก์นี้ใช้ไม่ได้แล้ว" in again.content.decode()

    signed_in = Client()
    login = signed_in.post(reverse("accounts:login"), {"username": user.username, "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert signed_in.get(reverse("cases:queue", args=[agency.pk])).status_code == 200
    assert {"staff.add", "staff.invite"} <= set(_actions(agency))
    assert AuditEvent.objects.filter(action="staff.password_set", actor=user).exists()


def test_invitation_link_expires(smtp, settings, agency, administrator, monkeypatch):  # noqa: F811
    from prongsai.web.accounts.invitations import invitation_token

    client_for(administrator).post(
        reverse("staff:invite", args=[agency.pk]), {"email": "late@example.org", "role": "executive"}
    )
    user = get_user_model().objects.get(username="late@example.org")
    token = invitation_token.make_token(user)
    later = invitation_token._num_seconds(invitation_token._now()) + settings.PASSWORD_RESET_TIMEOUT + 1
    monkeypatch.setattr(invitation_token, "_num_seconds", lambda dt: later)
    assert invitation_token.check_token(user, token) is False


def test_a_failed_mail_keeps_the_member_and_says_so(settings, agency, administrator):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    response = client_for(administrator).post(
        reverse("staff:invite", args=[agency.pk]),
        {"email": "nomail@example.org", "role": "executive"},
        follow=True,
    )
    assert "ส่งอีเมลถึง nomail@example.org ไม่สำเร็จ" in response.content.decode()
    assert Membership.objects.filter(agency=agency, user__username="nomail@example.org").exists()


def test_invite_errors_are_thai_and_beside_the_field(smtp, agency, other_agency, administrator, coordinator):  # noqa: F811
    admin = client_for(administrator)
    url = reverse("staff:invite", args=[agency.pk])
    officer_without_division = admin.post(url, {"email": "a@example.org", "role": "division_officer"})
    assert officer_without_division.status_code == 400
    assert "ต้องสังกัดกอง/สำนัก" in officer_without_division.content.decode()
    foreign = Division.objects.get(agency=other_agency, name="กองช่าง")
    cross = admin.post(url, {"email": "a@example.org", "role": "division_officer", "division": foreign.pk})
    assert cross.status_code == 400 and "เลือกได้เฉพาะกอง/สำนัก" in cross.content.decode()
    assert 'aria-invalid="true"' in cross.content.decode()
    again = admin.post(url, {"email": coordinator.username + "@x.org", "role": "executive"})
    assert again.status_code == 302  # a different address is a different person
    assert smtp.messages and not get_user_model().objects.filter(username="a@example.org").exists()


def test_role_change_and_division_officer_needs_own_division(
    agency, other_agency, administrator, coordinator
):
    admin = client_for(administrator)
    membership = Membership.objects.get(user=coordinator, agency=agency)
    url = reverse("staff:member", args=[agency.pk, membership.pk])
    assert admin.post(url, {"role": "division_officer"}).status_code == 400
    foreign = Division.objects.get(agency=other_agency, name="กองคลัง")
    refused = admin.post(url, {"role": "division_officer", "division": foreign.pk})
    assert refused.status_code == 400 and "เลือกได้เฉพาะกอง/สำนัก" in refused.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.ITA_COORDINATOR and membership.division is None
    own = Division.objects.get(agency=agency, name="กองคลัง")
    assert admin.post(url, {"role": "division_officer", "division": own.pk}).status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.division) == (Role.DIVISION_OFFICER, own)
    event = AuditEvent.objects.get(action="staff.role")
    assert event.details["from"] == "ita_coordinator" and event.details["division_to"] == "กองคลัง"
    # The new officer now may work on their own division's part (the 403 on his own progress form).
    from prongsai.web.agencies.selectors import user_can

    assert user_can(
        user=get_user_model().objects.get(pk=coordinator.pk), agency=agency, action="edit_own_division"
    )


def test_the_last_administrator_cannot_remove_their_own_role(agency, administrator):
    admin = client_for(administrator)
    own = Membership.objects.get(user=administrator, agency=agency)
    demoted = admin.post(reverse("staff:member", args=[agency.pk, own.pk]), {"role": "executive"})
    assert demoted.status_code == 400 and "ต้องมีผู้ดูแลระบบอย่างน้อยหนึ่งคน" in demoted.content.decode()
    left = admin.post(reverse("staff:deactivate", args=[agency.pk, own.pk]), follow=True)
    assert "ต้องมีผู้ดูแลระบบอย่างน้อยหนึ่งคน" in left.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMINISTRATOR


def test_deactivate_removes_membership_and_closes_an_account_with_no_other(
    agency, other_agency, administrator, coordinator, executive
):
    from prongsai.web.agencies.services import staff_add

    staff_add(agency=other_agency, username=executive.username, role=Role.EXECUTIVE)  # also staff elsewhere
    admin = client_for(administrator)
    for user in (coordinator, executive):
        m = Membership.objects.get(user=user, agency=agency)
        assert admin.post(reverse("staff:deactivate", args=[agency.pk, m.pk])).status_code == 302
    coordinator.refresh_from_db()
    executive.refresh_from_db()
    assert not coordinator.is_active and executive.is_active
    assert not Membership.objects.filter(agency=agency, user__in=[coordinator, executive]).exists()
    assert client_for(coordinator).get(reverse("dashboards:agency", args=[agency.pk])).status_code in (
        302,
        404,
    )
    assert _actions(agency).count("staff.deactivate") == 2


def test_password_reset_link_keeps_the_old_password_until_used(smtp, agency, administrator, coordinator):  # noqa: F811
    coordinator.email = "coord@pakphraek.example"
    coordinator.save()
    m = Membership.objects.get(user=coordinator, agency=agency)
    client_for(administrator).post(reverse("staff:password", args=[agency.pk, m.pk]))
    [mail] = smtp.messages
    assert mail["To"] == "coord@pakphraek.example" and "ตั้งรหัสผ่านใหม่" in mail["Subject"]
    coordinator.refresh_from_db()
    assert coordinator.check_password(PASSWORD)  # (signing in would spend the link: it hashes last_login)
    assert _set_password(_link(mail)).status_code == 302
    assert not Client().login(username=coordinator.username, password=PASSWORD)
    assert Client().login(username=coordinator.username, password=NEW_PASSWORD)
    assert "staff.password_reset" in _actions(agency)


def test_prongsai_run_prints_mail_on_the_console_unless_a_server_is_set():
    from prongsai.cli.web import development_environ

    env: dict[str, str] = {}
    development_environ(env)
    assert env["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    configured = {"EMAIL_HOST": "smtp.example.go.th"}
    development_environ(configured)
    assert "EMAIL_BACKEND" not in configured


@pytest.mark.parametrize("who", ["coordinator", "executive", "division_officer"])
def test_only_the_administrator_manages_staff(request, agency, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    m = Membership.objects.get(user=user, agency=agency)
    division = Division.objects.filter(agency=agency).first()
    assert client.get(reverse("staff:list", args=[agency.pk])).status_code == 403
    assert client.get(reverse("staff:member", args=[agency.pk, m.pk])).status_code == 403
    for name, args in [
        ("staff:invite", [agency.pk]),
        ("staff:deactivate", [agency.pk, m.pk]),
        ("staff:password", [agency.pk, m.pk]),
        ("staff:division_create", [agency.pk]),
        ("staff:division_change", [agency.pk, division.pk]),
    ]:
        assert (
            client.post(reverse(name, args=args), {"name": "x", "email": "x@example.org"}).status_code == 403
        )
    assert Membership.objects.filter(user=user, agency=agency).exists()
    assert "จัดการเจ้าหน้าที่" not in client.get(reverse("dashboards:agency", args=[agency.pk])).content.decode()


def test_the_administrator_finds_staff_in_the_agency_menu_never_the_django_admin(agency, administrator):
    page = client_for(administrator).get(reverse("dashboards:agency", args=[agency.pk])).content.decode()
    assert reverse("staff:list", args=[agency.pk]) in page
    assert reverse("services:editor", args=[agency.pk]) in page
    assert "/admin/" not in page
    listing = client_for(administrator).get(reverse("staff:list", args=[agency.pk]))
    assert listing.status_code == 200 and administrator.username in listing.content.decode()
