"""Staff forms of the surveys app (the answer form is built from the survey's own definition in views)."""

from __future__ import annotations

import json

from django import forms

from ..thai_fields import BuddhistDateField
from .models import Kind


class SurveyForm(forms.Form):
    title = forms.CharField(label="ชื่อแบบสำรวจ", max_length=200)
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=2500, max_value=2700)
    kind = forms.ChoiceField(label="ผู้ตอบ", choices=Kind.choices)
    opens_on = BuddhistDateField(label="เปิดรับคำตอบวันที่")
    closes_on = BuddhistDateField(label="ปิดรับคำตอบวันที่ (รับถึงสิ้นวัน)")
    ask_service = forms.BooleanField(
        label="ถามบริการที่ผู้ตอบใช้ (เฉพาะแบบสำรวจภายนอก เลือกจากรายการบริการของหน่วยงาน ไม่บังคับตอบ)",
        required=False,
    )


class SurveyEditForm(forms.Form):
    title = forms.CharField(label="ชื่อแบบสำรวจ", max_length=200)
    opens_on = BuddhistDateField(label="เปิดรับคำตอบวันที่")
    closes_on = BuddhistDateField(label="ปิดรับคำตอบวันที่ (รับถึงสิ้นวัน)")
    ask_service = forms.BooleanField(label="ถามบริการที่ผู้ตอบใช้ (เฉพาะแบบสำรวจภายนอก)", required=False)


class DefinitionForm(forms.Form):
    definition = forms.CharField(
        label="คำถาม ส่วนย่อย มาตราวัด และการกลับค่าคะแนน (JSON)",
        widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"}),
        help_text=(
            "รูปแบบเดียวกับตาราง [surveys.<เครื่องมือ>] ในไฟล์กฎของปี: มาตราวัด (scales) มีรหัสคำตอบและคะแนน (codes) "
            "ข้อความของแต่ละรหัส (labels_th) และเว้นว่างได้หรือไม่ (blank_allowed); คำถาม (questions) มีตัวชี้วัด "
            "ข้อความ (text_th) และส่วนย่อย (parts) ซึ่งรหัสเป็นชื่อคอลัมน์ในไฟล์คำตอบ คำถามเชิงลบใช้มาตราวัดที่กลับค่าคะแนน"
        ),
    )

    def clean_definition(self):
        try:
            return json.loads(self.cleaned_data["definition"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                f"JSON ไม่ถูกต้องที่บรรทัด {exc.lineno} ตำแหน่ง {exc.colno}: {exc.msg}"
            ) from None


class CodesForm(forms.Form):
    count = forms.IntegerField(label="จำนวนรหัส (หนึ่งรหัสต่อบุคลากรหนึ่งคน)", min_value=1, max_value=2000)
