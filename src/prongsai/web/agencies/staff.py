"""Writes by an agency's own administrator: invite staff, set roles and divisions, deactivate; add, rename
and retire divisions. Each check raises ValidationError with a Thai-first message keyed by form field, and
each change is audited (`staff.*`, `division.*`)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from ..accounts.invitations import invitation_send
from ..audit.services import audit_record
from .models import Agency, Division, Membership, Role
from .selectors import role_list

LAST_ADMIN = (
    "หน่วยงานต้องมีผู้ดูแลระบบอย่างน้อยหนึ่งคน: เพิ่มหรือแต่งตั้งผู้ดูแลระบบคนอื่นก่อน "
    "(the agency must keep at least one administrator)"
)


def role_choices() -> list[tuple[str, str]]:
    """The roles an administrator may give: those in roles.toml, labelled as the model labels them."""
    return [(r, Role(r).label) for r in role_list()]


def _forget_access(user) -> None:
    user.__dict__.pop("_prongsai_access", None)  # the per-request access cache (agencies.selectors)


def _validated(membership: Membership) -> Membership:
    if membership.role not in dict(role_choices()):
        raise ValidationError({"role": f"ไม่รู้จักบทบาท “{membership.role}” (unknown role)"})
    membership.clean()
    return membership


def _keeps_an_administrator(membership: Membership) -> None:
    others = Membership.objects.filter(agency_id=membership.agency_id, role=Role.ADMINISTRATOR).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise ValidationError({"role": LAST_ADMIN})


def staff_invite(
    *,
    agency: Agency,
    email: str,
    role: str,
    division: Division | None = None,
    full_name: str = "",
    actor,
    request=None,
) -> Membership:
    """Add a staff member by e-mail (the address is the username) and e-mail them a set-password link.

    An existing account gets the membership; one that can already sign in is told by the same link, which
    also lets it keep its password (the link is only needed to set one). Raises ValidationError for bad
    input and accounts.invitations.InvitationNotSent when the mail fails (the membership is kept)."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "อีเมลไม่ถูกต้อง (not a valid e-mail address)"}) from None
    if Membership.objects.filter(agency=agency, user__username__iexact=email).exists():
        raise ValidationError({"email": f"{email} เป็นเจ้าหน้าที่ของหน่วยงานนี้อยู่แล้ว (already staff here)"})
    membership = _validated(Membership(agency=agency, role=role, division=division))
    User = get_user_model()
    with transaction.atomic():  # committed before the mail goes out: a mail failure keeps the member
        user = User.objects.filter(username__iexact=email).first()
        if user is None:
            user = User(username=email, email=email, first_name=full_name.strip()[:150])
            user.set_unusable_password()
            user.save()
        else:
            user.email = user.email or email
            user.is_active = True
            user.save(update_fields=["email", "is_active"])
        membership.user = user
        membership.save()
        _forget_access(user)
        audit_record(
            actor=actor,
            action="staff.add",
            agency=agency,
            target=user,
            summary=f"เพิ่มเจ้าหน้าที่ {email} บทบาท{Role(role).label}",
            details={"username": user.username, "role": role, "division": division.name if division else ""},
            request=request,
        )
    invitation_send(user=user, agency=agency, actor=actor, request=request)
    return membership


@transaction.atomic
def staff_role_set(
    *, membership: Membership, role: str, division: Division | None, actor, request=None
) -> Membership:
    """Change a staff member's role and division (a division officer needs a current division)."""
    old_role, old_division = membership.role, membership.division
    if old_role == Role.ADMINISTRATOR and role != Role.ADMINISTRATOR:
        _keeps_an_administrator(membership)
    membership.role = role
    membership.division = division if role == Role.DIVISION_OFFICER or division else None
    _validated(membership)
    membership.save(update_fields=["role", "division"])
    _forget_access(membership.user)
    audit_record(
        actor=actor,
        action="staff.role",
        agency=membership.agency,
        target=membership.user,
        summary=f"เปลี่ยนบทบาท {membership.user.get_username()} เป็น{Role(role).label}"
        + (f" ({membership.division.name})" if membership.division else ""),
        details={
            "from": old_role,
            "to": role,
            "division_from": old_division.name if old_division else "",
            "division_to": membership.division.name if membership.division else "",
        },
        request=request,
    )
    return membership


@transaction.atomic
def staff_deactivate(*, membership: Membership, actor, request=None) -> None:
    """Remove the membership; the account is switched off when it has no other agency or supervision."""
    if membership.role == Role.ADMINISTRATOR:
        _keeps_an_administrator(membership)
    user, agency = membership.user, membership.agency
    membership.delete()
    still_used = user.is_superuser or user.memberships.exists() or user.supervisions.exists()
    if not still_used:
        user.is_active = False
        user.save(update_fields=["is_active"])
    _forget_access(user)
    audit_record(
        actor=actor,
        action="staff.deactivate",
        agency=agency,
        target=user,
        summary=f"ยกเลิกสิทธิ์เจ้าหน้าที่ {user.get_username()}" + ("" if still_used else " (ปิดบัญชี)"),
        details={"username": user.get_username(), "account_closed": not still_used},
        request=request,
    )


def _division_name(agency: Agency, name: str, exclude: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "กรอกชื่อกอง/สำนัก (the name is empty)"})
    if len(name) > 200:
        raise ValidationError({"name": "ชื่อยาวเกิน 200 ตัวอักษร (the name is too long)"})
    same = Division.objects.filter(agency=agency, name=name).exclude(pk=exclude)
    if same.exists():
        raise ValidationError({"name": f"มีกอง/สำนักชื่อ “{name}” อยู่แล้ว (a division has this name)"})
    return name


@transaction.atomic
def division_create(*, agency: Agency, name: str, actor, request=None) -> Division:
    name = _division_name(agency, name)
    order = (
        Division.objects.filter(agency=agency).order_by("-order").values_list("order", flat=True).first() or 0
    ) + 1
    division = Division.objects.create(agency=agency, name=name, order=order)
    audit_record(
        actor=actor,
        action="division.create",
        agency=agency,
        target=division,
        summary=f"เพิ่มกอง/สำนัก {name}",
        details={"name": name},
        request=request,
    )
    return division


@transaction.atomic
def division_rename(*, division: Division, name: str, actor, request=None) -> Division:
    old = division.name
    division.name = _division_name(division.agency, name, exclude=division.pk)
    division.save(update_fields=["name"])
    audit_record(
        actor=actor,
        action="division.rename",
        agency=division.agency,
        target=division,
        summary=f"เปลี่ยนชื่อกอง/สำนัก {old} เป็น {division.name}",
        details={"from": old, "to": division.name},
        request=request,
    )
    return division


@transaction.atomic
def division_retire(*, division: Division, actor, request=None) -> Division:
    """Stop offering the division for new choices; its cases, activities and services keep it."""
    officers = Membership.objects.filter(division=division, role=Role.DIVISION_OFFICER).count()
    if officers:
        raise ValidationError(
            {
                "name": f"ยังมีเจ้าหน้าที่ {officers} คนสังกัด “{division.name}” ย้ายไปกองอื่นก่อนเลิกใช้ "
                "(move its officers first)"
            }
        )
    division.retired_at = timezone.now()
    division.save(update_fields=["retired_at"])
    audit_record(
        actor=actor,
        action="division.retire",
        agency=division.agency,
        target=division,
        summary=f"เลิกใช้กอง/สำนัก {division.name}",
        details={"name": division.name},
        request=request,
    )
    return division


@transaction.atomic
def division_restore(*, division: Division, actor, request=None) -> Division:
    division.retired_at = None
    division.save(update_fields=["retired_at"])
    audit_record(
        actor=actor,
        action="division.restore",
        agency=division.agency,
        target=division,
        summary=f"นำกอง/สำนัก {division.name} กลับมาใช้",
        details={"name": division.name},
        request=request,
    )
    return division
