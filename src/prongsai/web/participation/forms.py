"""Forms of participation pages: staff project/outcome forms and the public registration/suggestion forms."""

from __future__ import annotations

from django import forms

from ..plans.forms import AccessibleForm
from ..thai_fields import BuddhistDateField
from .models import SuggestionKind


class ProjectForm(AccessibleForm):
    title = forms.CharField(label="ชื่อโครงการ/กิจกรรม (ทำอะไร)", max_length=300)
    description = forms.CharField(label="รายละเอียด", widget=forms.Textarea(attrs={"rows": 5}))
    starts_on = BuddhistDateField(label="วันที่จัด (วว/ดด/ปปปป พ.ศ.)")
    ends_on = BuddhistDateField(label="ถึงวันที่ (ถ้ามี, วว/ดด/ปปปป พ.ศ.)", required=False)
    time_text = forms.CharField(label="เวลา", max_length=100, required=False)
    place = forms.CharField(label="สถานที่", max_length=300)
    audience = forms.CharField(label="ผู้ที่เข้าร่วมได้", max_length=300)
    contact = forms.CharField(label="ติดต่อสอบถาม", max_length=300, required=False)
    registration_open = forms.BooleanField(label="เปิดรับลงทะเบียนทางเว็บไซต์", required=False, initial=True)
    measure = forms.ModelChoiceField(label="มาตรการที่เกี่ยวข้อง", queryset=None, required=False)

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures


class OutcomeForm(AccessibleForm):
    participants_count = forms.IntegerField(label="จำนวนผู้เข้าร่วม (คน)", min_value=0)
    participants_summary = forms.CharField(
        label="ผู้เข้าร่วม (กลุ่ม/ภาคส่วน ห้ามระบุชื่อบุคคล)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    proposals = forms.CharField(label="ข้อเสนอที่ได้รับ", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    adopted = forms.CharField(label="ข้อเสนอที่นำไปใช้", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    adopted_measure = forms.ModelChoiceField(label="นำไปใช้ในมาตรการ", queryset=None, required=False)
    adopted_plan = forms.CharField(label="หรือนำไปใช้ในแผน/โครงการ", max_length=300, required=False)
    is_published = forms.BooleanField(label="เผยแพร่ผลการมีส่วนร่วมต่อสาธารณะ", required=False)

    def __init__(self, *args, measures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_measure"].queryset = measures


class AnswerForm(AccessibleForm):
    answer = forms.CharField(
        label="คำตอบของหน่วยงาน (เผยแพร่พร้อมข้อความ ไม่แสดงชื่อผู้เสนอ)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    hide = forms.BooleanField(label="ไม่แสดงข้อความนี้บนหน้าสาธารณะ (เช่น มีข้อมูลส่วนบุคคล)", required=False)


class RegistrationForm(AccessibleForm):
    name = forms.CharField(
        label="ชื่อ-นามสกุล", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label="เบอร์โทรศัพท์",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="อีเมล", required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    group = forms.CharField(label="ชุมชน/กลุ่ม/หน่วยงาน", max_length=200, required=False)
    consent = forms.BooleanField(label="ข้าพเจ้าได้อ่านและยอมรับประกาศการคุ้มครองข้อมูลส่วนบุคคลข้างต้น", required=False)


class SuggestionForm(AccessibleForm):
    kind = forms.ChoiceField(
        label="ประเภท", choices=SuggestionKind.choices, initial=SuggestionKind.SUGGESTION
    )
    text = forms.CharField(label="ความคิดเห็นหรือข้อเสนอแนะ", widget=forms.Textarea(attrs={"rows": 4}))
    name = forms.CharField(label="ชื่อ (ไม่บังคับ ไม่เผยแพร่)", max_length=200, required=False)
    contact = forms.CharField(label="ช่องทางติดต่อกลับ (ไม่บังคับ ไม่เผยแพร่)", max_length=200, required=False)
    consent = forms.BooleanField(label="ข้าพเจ้าได้อ่านและยอมรับประกาศการคุ้มครองข้อมูลส่วนบุคคลข้างต้น", required=False)
