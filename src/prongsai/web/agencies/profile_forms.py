"""The agency settings form: official name and type, contacts, office hours, chief executive, logo."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from .agency_types import agency_types
from .profile import logo_check, logo_rules

_TEXTAREA = {"rows": 3}


class AgencySettingsForm(forms.Form):
    name = forms.CharField(label="ชื่อทางการของหน่วยงาน", max_length=200)
    type = forms.ChoiceField(label="ประเภทหน่วยงาน")
    address = forms.CharField(label="ที่อยู่", widget=forms.Textarea(attrs=_TEXTAREA), required=False)
    phone = forms.CharField(label="โทรศัพท์", max_length=100, required=False, help_text="เช่น 034 123 456")
    email = forms.EmailField(label="อีเมล", required=False)
    website = forms.URLField(label="เว็บไซต์", required=False, assume_scheme="https")
    line_oa = forms.CharField(
        label="LINE Official Account", max_length=100, required=False, help_text="รหัส LINE OA เช่น @pakphraek"
    )
    facebook = forms.URLField(
        label="เพจ Facebook",
        required=False,
        assume_scheme="https",
        help_text="เช่น https://www.facebook.com/…",
    )
    office_hours = forms.CharField(
        label="เวลาทำการ",
        widget=forms.Textarea(attrs=_TEXTAREA),
        required=False,
        help_text="เช่น จันทร์–ศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)",
    )
    chief_name = forms.CharField(label="ชื่อผู้บริหารสูงสุด", max_length=200, required=False)
    chief_position = forms.CharField(
        label="ตำแหน่งผู้บริหารสูงสุด",
        max_length=200,
        required=False,
        help_text="ใช้ลงนามท้ายเอกสาร เช่น นายกเทศมนตรีเมืองปากแพรก",
    )
    logo = forms.FileField(label="โลโก้", required=False)
    remove_logo = forms.BooleanField(label="ลบโลโก้", required=False)

    def __init__(self, *args, current_type: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        names = [t.name for t in agency_types()]
        if current_type and current_type not in names:  # a type written before the list existed
            names.insert(0, current_type)
        self.fields["type"].choices = [(n, n) for n in names]
        rules = logo_rules()
        self.fields["logo"].help_text = f"{', '.join(rules['formats'])} ไม่เกิน {rules['max_bytes'] // 1024} KB"
        self.fields["logo"].widget.attrs["accept"] = "image/png,image/jpeg,image/webp,image/gif"

    def clean_line_oa(self) -> str:
        value = self.cleaned_data["line_oa"].strip()
        if value and not value.startswith("@"):
            value = "@" + value
        if value and (" " in value or "/" in value):
            raise ValidationError("ใส่รหัส LINE OA เช่น @pakphraek (ไม่ใช่ลิงก์)")
        return value

    def clean_logo(self) -> bytes | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > logo_rules()["max_bytes"]:
            raise ValidationError(f"ไฟล์โลโก้ใหญ่เกิน {logo_rules()['max_bytes'] // 1024} KB")
        content = upload.read()
        logo_check(content=content)
        return content

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )
