"""Forms for the public channel and the back office; the services module does the real checking."""

from __future__ import annotations

import re
import secrets

from django import forms

from prongsai.thai import arabic_digits

from ..services.models import Service
from ..services.selectors import service_attributes_sorted
from ..thai_fields import ThaiDecimalField
from .rules import rules


def _attribute_field(attr: dict) -> forms.Field:
    field = _attribute_input(attr)
    field.help_text = attr.get("datatype_description") or ""  # Open311: how to fill it in
    return field


def _attribute_input(attr: dict) -> forms.Field:
    label = attr.get("description") or attr["code"]
    required = bool(attr.get("required"))
    choices = [(v["key"], v["name"]) for v in attr.get("values", [])]
    kind = attr["datatype"]
    if kind == "singlevaluelist":
        return forms.ChoiceField(label=label, required=required, choices=[("", "— เลือก —"), *choices])
    if kind == "multivaluelist":
        return forms.MultipleChoiceField(
            label=label, required=required, choices=choices, widget=forms.CheckboxSelectMultiple
        )
    if kind == "number":
        return ThaiDecimalField(label=label, required=required, max_digits=12, decimal_places=2)
    if kind == "datetime":
        return forms.DateTimeField(
            label=label, required=required, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
        )
    if kind == "text":
        return forms.CharField(
            label=label, required=required, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
        )
    return forms.CharField(label=label, required=required, max_length=200)


class CaseForm(forms.Form):
    """One form for every kind; a service adds its own attribute fields (Open311 attributes)."""

    subject = forms.CharField(label="เรื่อง (ไม่บังคับ)", required=False, max_length=200)
    description = forms.CharField(
        label="รายละเอียด", max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    address = forms.CharField(label="สถานที่ / ที่อยู่ / จุดสังเกต", required=False, max_length=300)
    lat = forms.DecimalField(
        label="ละติจูด (ปักหมุด)",
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    long = forms.DecimalField(
        label="ลองจิจูด (ปักหมุด)",
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    name = forms.CharField(label="ชื่อ–นามสกุล", required=False, max_length=200)
    email = forms.EmailField(label="อีเมล (รับแจ้งความคืบหน้า)", required=False)
    phone = forms.CharField(
        label="โทรศัพท์",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    publish_consent = forms.BooleanField(
        label="ยินยอมให้เผยแพร่คำถามและคำตอบบนกระดานถาม-ตอบ (ระบบลบชื่อและข้อมูลติดต่อออกก่อนเผยแพร่)", required=False
    )
    pdpa = forms.BooleanField(
        label="ข้าพเจ้ารับทราบประกาศความเป็นส่วนตัวข้างต้น",
        required=True,
        error_messages={"required": "กรุณารับทราบประกาศความเป็นส่วนตัว (PDPA) ก่อนส่ง"},
    )

    # One-time token of this form: the same form sent twice (a double tap, a retry on a slow line)
    # stores one case (services.case_submit, the case_unique_form_token constraint).
    token = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, service: Service | None, kind_rules: dict, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = secrets.token_urlsafe(24)
        self.service = service
        self.attribute_names: list[str] = []
        if service is not None:
            for attr in service_attributes_sorted(service=service):
                if attr.get("variable", True):
                    name = f"attribute[{attr['code']}]"
                    self.fields[name] = _attribute_field(attr)
                    self.attribute_names.append(name)
        if not kind_rules.get("publishable"):
            del self.fields["publish_consent"]
        if not kind_rules.get("anonymous", True):
            self.fields["name"].required = True
            self.fields["phone"].required = True

    def attribute_fields(self):
        return [self[n] for n in self.attribute_names]

    def attribute_values(self) -> dict:
        out = {}
        for n in self.attribute_names:
            value = self.cleaned_data.get(n)
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            out[n[len("attribute[") : -1]] = (
                value if isinstance(value, list) else ("" if value is None else str(value))
            )
        return out

    def add_service_errors(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self.add_error(field if field in self.fields else None, message)


_TRACK_LINK = re.compile(r"/track/([^/\s]+)/([^/\s?#]+)")


class TrackLookupForm(forms.Form):
    """A tracking number and its code, or the whole tracking link pasted into the first box."""

    tracking_no = forms.CharField(label="เลขติดตามเรื่อง หรือลิงก์ติดตามเรื่อง", max_length=300)
    code = forms.CharField(label="รหัสลับ (จากหน้ารับเรื่องหรืออีเมล)", max_length=32, required=False)

    def clean(self):
        data = super().clean()
        typed = arabic_digits(data.get("tracking_no", "")).strip()
        if link := _TRACK_LINK.search(typed):
            data["tracking_no"], data["code"] = link.group(1), link.group(2)
        elif typed:
            data["tracking_no"] = typed
            data["code"] = arabic_digits(data.get("code", "")).strip()
            if not data["code"]:
                self.add_error("code", "กรอกรหัสลับ หรือวางลิงก์ติดตามเรื่องทั้งลิงก์ในช่องแรก")
        return data


def _rating_choices() -> list[tuple[int, str]]:
    limits = rules()["rating"]  # the scale is data (rules.toml), highest first
    return [(i, str(i)) for i in range(limits["max"], limits["min"] - 1, -1)]


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="ความพึงพอใจ", coerce=int, widget=forms.RadioSelect, choices=_rating_choices
    )
    comment = forms.CharField(
        label="ความเห็นเพิ่มเติม (ไม่บังคับ)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
