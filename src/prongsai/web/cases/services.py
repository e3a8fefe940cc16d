"""Writes for citizen cases: submitting one (write, then acknowledge), and telling the sender.

Back-office writes (status, answers, notes, assignment) are in `handling.py`.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from prongsai.textclean import text_clean
from prongsai.thai import thai_digits

from ..agencies.models import Agency
from ..audit.services import client_hash
from ..services.models import Service
from .deadlines import add_working_days
from .models import Attachment, Case, CaseEvent
from .notifiers import NotifierError, notifiers_configured
from .rules import kinds, rules, status_name
from .store import KeyCount, OverLimit, case_store
from .uploads import photo_path, photo_store, photos_check

log = logging.getLogger(__name__)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


class CaseInvalid(ValueError):
    """Field errors: {"field": "Thai-first message"} (form field names, or attribute[CODE])."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


class RateLimited(Exception):
    pass


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def tracking_number_new() -> str:
    year = (timezone.localdate().year + 543) % 100
    return f"{year:02d}-{_random(4)}-{_random(4)}"


def _text(value) -> str:
    return text_clean("" if value is None else str(value))  # also done by the middleware for web requests


def attributes_clean(*, service: Service | None, raw: dict) -> dict:
    """Values for the service's attributes, checked against its definition; raises CaseInvalid."""
    if service is None:
        return {}
    errors, out = {}, {}
    for attr in service.attributes:
        code, field = attr["code"], f"attribute[{attr['code']}]"
        value = raw.get(code)
        values = [_text(v) for v in (value if isinstance(value, list) else [value])]
        values = [v for v in values if v.strip()]
        if not values:
            if attr.get("required") and attr.get("variable", True):
                errors[field] = f"กรุณากรอก {attr.get('description') or code} (required)"
            continue
        keys = {v["key"] for v in attr.get("values", [])}
        kind = attr["datatype"]
        if kind in ("singlevaluelist", "multivaluelist"):
            if any(str(v) not in keys for v in values) or (kind == "singlevaluelist" and len(values) > 1):
                errors[field] = "ตัวเลือกไม่ถูกต้อง (not one of the listed values)"
                continue
            out[code] = [str(v) for v in values] if kind == "multivaluelist" else str(values[0])
        elif kind == "number":
            try:
                number = Decimal(str(values[0]))
            except InvalidOperation:
                errors[field] = "ต้องเป็นตัวเลข (must be a number)"
                continue
            if not number.is_finite() or abs(number) > 10**9:
                errors[field] = "ตัวเลขไม่ถูกต้อง (number out of range)"
                continue
            out[code] = str(number)
        elif kind == "datetime":
            try:
                out[code] = dt.datetime.fromisoformat(str(values[0])).isoformat()
            except ValueError:
                errors[field] = "วันเวลาไม่ถูกต้อง ใช้รูปแบบ 2026-03-15T10:00 (not an ISO date-time)"
        else:
            out[code] = str(values[0])[:1000]
    if errors:
        raise CaseInvalid(errors)
    return out


def _location(lat, long, address: str, service: Service | None) -> tuple[Decimal | None, Decimal | None]:
    errors = {}
    if (lat in (None, "")) != (long in (None, "")):
        errors["lat"] = "ระบุทั้งละติจูดและลองจิจูด (give both lat and long)"
        raise CaseInvalid(errors)
    if lat in (None, ""):
        if service is not None and service.needs_location and not address.strip():
            raise CaseInvalid({"address": "ระบุสถานที่ ปักหมุด หรือกรอกที่อยู่ (a location is required)"})
        return None, None
    try:
        raw = Decimal(str(lat).strip()), Decimal(str(long).strip())
        if not all(d.is_finite() for d in raw):  # NaN would pass quantize and fail the comparison below
            raise InvalidOperation
        la, lo = (d.quantize(Decimal("0.000001")) for d in raw)
    except InvalidOperation:
        raise CaseInvalid({"lat": "พิกัดต้องเป็นตัวเลข (lat/long must be numbers)"}) from None
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise CaseInvalid({"lat": "พิกัดอยู่นอกช่วง (lat/long out of range)"})
    return la, lo


def rate_limit_check(*, ip: str | None) -> None:
    """Raise RateLimited when this address has sent too much recently (public forms; API keys: store.py)."""
    limits = rules()["rate_limits"]
    digest = client_hash(ip)
    if digest:
        since = timezone.now() - dt.timedelta(minutes=limits["public_window_minutes"])
        if (
            Case.objects.filter(client_hash=digest, created_at__gte=since).count()
            >= limits["public_per_window"]
        ):
            raise RateLimited


def case_submit(
    *,
    agency: Agency,
    kind: str,
    service: Service | None = None,
    subject: str = "",
    description: str,
    attributes: dict | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    line_id: str = "",
    publish_consent: bool = False,
    lat=None,
    long=None,
    address: str = "",
    photos: list | None = None,
    channel: str = "web",
    ip: str | None = None,
    api_key=None,
    idempotency_key: str = "",
    base_url: str = "",
    description_optional: bool = False,
) -> tuple[Case, bool]:
    """Store a case and its photos, then (after commit) notify; returns (case, created).

    With an Idempotency-Key already used (per API key), or a web form's one-time token already used (per
    agency), returns the earlier case and created=False.
    `description_optional`: Open311 makes the description optional (a service's attributes and the
    location may say it all); the web forms ask for one.
    """
    if kind not in kinds():
        raise CaseInvalid({"kind": "ประเภทเรื่องไม่ถูกต้อง (unknown kind)"})
    kind_rules = kinds()[kind]
    subject, description, name, phone, address = map(_text, (subject, description, name, phone, address))
    line_id, idempotency_key, email = _text(line_id), _text(idempotency_key), _text(email).strip()
    if email:
        try:
            validate_email(email)
            if len(email) > Case._meta.get_field("email").max_length:
                raise ValidationError("too long")
        except ValidationError:
            raise CaseInvalid({"email": "อีเมลไม่ถูกต้อง (not a valid e-mail address)"}) from None
    if service is not None and service.agency_id != agency.pk:
        raise CaseInvalid({"service_code": "ไม่พบบริการนี้ในหน่วยงาน (unknown service)"})
    if kind_rules.get("needs_service") and service is None:
        raise CaseInvalid({"service_code": "เลือกบริการ (choose a service)"})
    description = (description or "").strip()
    if not description and not description_optional:
        raise CaseInvalid({"description": "กรุณาเล่ารายละเอียด (description is required)"})
    if len(description) > 4000:
        raise CaseInvalid({"description": "รายละเอียดยาวเกิน 4,000 ตัวอักษร (at most 4,000 characters)"})
    clean_attrs = attributes_clean(service=service, raw=attributes or {})
    lat, long = _location(lat, long, address, service)
    checked, errors = photos_check(list(photos or []))
    if errors:
        raise CaseInvalid({"photos": " ".join(errors)})
    count = None
    if api_key is None:
        rate_limit_check(ip=ip)
    else:  # counted in the same statement or transaction as the insert (store.py)
        minute = timezone.now().replace(second=0, microsecond=0)
        count = KeyCount(key_id=api_key.pk, minute=minute, limit=rules()["rate_limits"]["api_key_per_minute"])

    days = (service.answer_days if service and service.answer_days else None) or rules()["deadline"][
        "default_answer_days"
    ]
    stored = [photo_store(p) for p in checked]  # files first: a row never points at a missing file
    try:
        case = _case_insert(
            agency=agency,
            kind=kind,
            service=service,
            days=days,
            values={
                "subject": (subject or (service.name_th if service else kinds()[kind]["name_th"]))[:200],
                "description": description,
                "attributes": clean_attrs,
                "name": name[:200],
                "email": email,
                "phone": phone[:30],
                "line_id": line_id[:64],
                "publish_consent": publish_consent,
                "lat": lat,
                "long": long,
                "address": address[:300],
                "channel": channel,
                "pdpa_consent_at": timezone.now(),
                "api_key": api_key,
                "idempotency_key": idempotency_key[:100],
                "client_hash": client_hash(ip) if api_key is None else "",
            },
            photos=list(zip(checked, stored, strict=True)),
            count=count,
        )
    except OverLimit:
        for name_ in stored:
            photo_path(name_).unlink(missing_ok=True)
        raise RateLimited from None
    except IntegrityError:
        for name_ in stored:
            photo_path(name_).unlink(missing_ok=True)
        if idempotency_key:  # the same submission again (a retry, a double tap): the case stored first
            earlier = _same_submission(agency=agency, api_key=api_key, key=idempotency_key).first()
            if earlier is not None:
                return earlier, False
        raise
    except BaseException:
        for name_ in stored:
            photo_path(name_).unlink(missing_ok=True)
        raise
    if api_key is None:
        confidential_addresses_forget()
    notify_later(case, f"รับเรื่องแล้ว เลขที่ {case.tracking_no}", _created_body(case), base_url)
    return case, True


def confidential_addresses_forget() -> int:
    """Clear the hashed address of corruption complaints older than the rate-limit window.

    The hash exists only so the public forms can count submissions per address; kept on a confidential
    case, anyone holding the database and the secret key could try every address and link a
    whistleblower to theirs. Run at every public submission (one indexed UPDATE), so no complaint keeps
    it much longer than the window."""
    window = dt.timedelta(minutes=rules()["rate_limits"]["public_window_minutes"])
    return (
        Case.objects.filter(confidential=True, created_at__lt=timezone.now() - window)
        .exclude(client_hash="")
        .update(client_hash="")
    )


def notify_later(case: Case, subject: str, body: str, base_url: str = "") -> None:
    """Queue a notice for the background worker once the case is committed (nothing when no contact)."""
    if not (case.email or case.phone or case.line_id):
        return
    from .tasks import case_notify_task

    def enqueue() -> None:
        case_notify_task.enqueue(case_id=case.pk, subject=subject, body=body, base_url=base_url)

    transaction.on_commit(enqueue)


def _case_insert(*, agency, kind, service, days, values, photos, count: KeyCount | None) -> Case:
    today = timezone.localdate()
    for attempt in range(5):
        case = Case(
            agency=agency,
            kind=kind,
            service=service,
            confidential=bool(kinds()[kind].get("confidential")),
            division_id=service.division_id if service else None,
            tracking_no=tracking_number_new(),
            secret=_random(12),
            answer_days=days,
            due_date=add_working_days(today, days),
            **values,
        )
        event = CaseEvent(kind=CaseEvent.Kind.CREATED, public=True, status="received", text="ระบบรับเรื่องแล้ว")
        attachments = [
            Attachment(
                stored_name=s,
                original_name=p.original_name,
                content_type=p.content_type,
                size=len(p.content),
            )
            for p, s in photos
        ]
        try:
            return case_store(case=case, event=event, attachments=attachments, count=count)
        except IntegrityError:
            # A tracking-number collision retries; an idempotency-key collision is handled by the caller.
            if (
                values.get("idempotency_key")
                and _same_submission(
                    agency=agency, api_key=values["api_key"], key=values["idempotency_key"]
                ).exists()
            ):
                raise
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _same_submission(*, agency: Agency, api_key, key: str):
    """The case already stored under this Idempotency-Key (per API key) or form token (per agency)."""
    if api_key is not None:
        return Case.objects.filter(api_key=api_key, idempotency_key=key)
    return Case.objects.filter(agency=agency, api_key__isnull=True, idempotency_key=key)


def track_path(case: Case) -> str:
    return reverse("cases:track", args=[case.tracking_no, case.secret])


def _created_body(case: Case) -> str:
    return (
        f"{{link}}\n\nเรื่อง: {case.subject}\nสถานะ: {status_name(case.status)}\n"
        f"หน่วยงานจะตอบครั้งแรกภายในวันที่ {thai_digits(case.due_date.strftime('%d/%m/'))}"
        f"{thai_digits(str(case.due_date.year + 543))}\n"
        "ติดตามเรื่องได้จากลิงก์ด้านบนโดยไม่ต้องเข้าสู่ระบบ (เก็บลิงก์นี้ไว้เป็นความลับ)"
    )


def case_notify(*, case: Case, subject: str, body: str, base_url: str = "") -> int:
    """Send a notice on every configured channel the sender gave; each result is kept as an internal event."""
    if case.confidential and not (case.email or case.phone or case.line_id):
        return 0
    base = base_url or getattr(settings, "PRONGSAI_PUBLIC_URL", "")
    text = body.replace("{link}", f"ติดตามเรื่อง: {base}{track_path(case)}")
    sent = 0
    for notifier in notifiers_configured():
        to = getattr(case, notifier.channel, "")
        if not to:
            continue
        try:
            notifier.send(to=to, subject=f"[{case.agency.name}] {subject}", body=text)
        except (NotifierError, OSError) as exc:
            log.warning("notice %s to case %s failed: %s", notifier.channel, case.pk, exc)
            outcome = f"{notifier.channel}: ส่งไม่สำเร็จ ({exc})"
        else:
            sent += 1
            outcome = f"{notifier.channel}: ส่งแล้ว"
        CaseEvent.objects.create(
            case=case, kind=CaseEvent.Kind.NOTICE, public=False, text=f"{subject} — {outcome}"
        )
    return sent
