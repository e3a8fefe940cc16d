"""Forms of the plans pages: they only parse and check input types; the services apply the rules."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from prongsai.thai import arabic_digits

from ..thai_fields import BuddhistDateField, ThaiDecimalField
from .rules import status_choices


class AccessibleForm(forms.Form):
    """Marks fields with errors for screen readers: aria-invalid and aria-describedby the error text."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )


class MeasureForm(AccessibleForm):
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2560, max_value=2700)
    indicators = forms.CharField(
        label="ตัวชี้วัดที่เกี่ยวข้อง (เลขตัวชี้วัด คั่นด้วยจุลภาค)", max_length=50, help_text="เช่น 8 หรือ 7, 8"
    )
    title = forms.CharField(label="ชื่อมาตรการ", max_length=500)
    analysis = forms.CharField(
        label="ผลการวิเคราะห์ที่นำมาสู่มาตรการ", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def clean_indicators(self):
        try:
            numbers = [
                int(arabic_digits(x))
                for x in self.cleaned_data["indicators"].replace(" ", "").split(",")
                if x
            ]
        except ValueError:
            raise ValidationError("ใส่เลขตัวชี้วัด เช่น 8 หรือ 7, 8") from None
        if not numbers:
            raise ValidationError("ต้องระบุตัวชี้วัดอย่างน้อยหนึ่งตัว")
        return numbers


class ActivityForm(AccessibleForm):
    name = forms.CharField(label="ชื่อกิจกรรม", max_length=500)
    methods = forms.CharField(
        label="วิธีการดำเนินการ (บรรทัดละหนึ่งข้อ ระบบใส่เลขข้อให้)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    start = BuddhistDateField(label="วันเริ่ม (วว/ดด/ปปปป พ.ศ.)", required=False)
    end = BuddhistDateField(label="วันสิ้นสุด (วว/ดด/ปปปป พ.ศ.)", required=False)
    divisions = forms.ModelMultipleChoiceField(
        label="ส่วนราชการที่รับผิดชอบ", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    responsible_person = forms.CharField(label="ผู้รับผิดชอบ (ชื่อ/ตำแหน่ง)", max_length=200, required=False)
    no_budget = forms.BooleanField(label="ไม่ใช้งบประมาณ", required=False)
    budget = ThaiDecimalField(
        label="งบประมาณ (บาท)", required=False, min_value=0, max_digits=14, decimal_places=2, grouped=True
    )
    kpi = forms.CharField(label="ตัวชี้วัดความสำเร็จ (KPI)", max_length=500, required=False)
    target = forms.CharField(label="ค่าเป้าหมาย", max_length=100, required=False)
    unit = forms.CharField(label="หน่วยนับ", max_length=100, required=False)
    weight = ThaiDecimalField(
        label="น้ำหนักในมาตรการ (เว้นว่าง = เท่ากัน)", required=False, min_value=0, max_digits=7, decimal_places=2
    )

    def __init__(self, *args, divisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["divisions"].queryset = divisions


class ProgressForm(AccessibleForm):
    date = BuddhistDateField(label="ณ วันที่ (วว/ดด/ปปปป พ.ศ.)")
    status = forms.ChoiceField(label="สถานะ", choices=status_choices())
    percent = ThaiDecimalField(label="ร้อยละความก้าวหน้า (0–100)", max_digits=5, decimal_places=2)
    narrative = forms.CharField(
        label="ผลการดำเนินงาน", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    evidence_title = forms.CharField(label="ชื่อหลักฐาน", max_length=300, required=False)
    evidence_file = forms.FileField(label="ไฟล์หลักฐาน (PDF รูปภาพ เอกสาร)", required=False)
    evidence_link = forms.URLField(label="หรือลิงก์หลักฐาน (https://…)", required=False, assume_scheme="https")
    evidence_public = forms.BooleanField(label="แสดงหลักฐานนี้ต่อสาธารณะ", required=False, initial=True)


class ReportForm(AccessibleForm):
    kind = forms.ChoiceField(label="รอบรายงาน", choices=())
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ", min_value=2560, max_value=2700)
    as_of = BuddhistDateField(label="ข้อมูล ณ วันที่ (วว/ดด/ปปปป พ.ศ.)")
    publish = forms.BooleanField(label="เผยแพร่ต่อสาธารณะทันที", required=False)
    replace = forms.BooleanField(label="แทนที่รายงานรอบเดียวกันของปีนี้ที่จัดทำไว้แล้ว", required=False)

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError beside the matching fields (others go to the top of the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
