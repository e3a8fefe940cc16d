"""The catalogue editor's form: one service and its citizen manual; divisions are the agency's own."""

from __future__ import annotations

from django import forms

from ..agencies.forms_staff import OTHER_DIVISION, AccessibleForm
from ..agencies.models import Agency, Division
from ..agencies.selectors import division_choices
from .attributes_text import attributes_format, attributes_parse
from .models import Service

LINES = "หนึ่งรายการต่อหนึ่งบรรทัด"


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class ServiceForm(AccessibleForm):
    code = forms.SlugField(
        label="รหัสบริการ (ภาษาอังกฤษ)",
        max_length=64,
        help_text="เช่น water-truck ใช้ในลิงก์และ Open311 เปลี่ยนภายหลังไม่ได้",
    )
    name_th = forms.CharField(label="ชื่อบริการ", max_length=200)
    name_en = forms.CharField(label="ชื่อบริการ (อังกฤษ)", max_length=200, required=False)
    group = forms.CharField(label="หมวด", max_length=100, required=False)
    keywords = forms.CharField(label="คำค้น (คั่นด้วยจุลภาค)", max_length=300, required=False)
    description = forms.CharField(label="คำอธิบาย", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    division = forms.ModelChoiceField(
        label="กอง/สำนักที่รับผิดชอบ",
        queryset=Division.objects.none(),
        required=False,
        empty_label="— หน่วยงาน (ไม่ระบุกอง) —",
        error_messages={"invalid_choice": OTHER_DIVISION},
    )
    steps = forms.CharField(
        label="ขั้นตอนการให้บริการ", widget=forms.Textarea(attrs={"rows": 5}), help_text=LINES, required=False
    )
    documents = forms.CharField(
        label="เอกสารที่ต้องใช้", widget=forms.Textarea(attrs={"rows": 3}), help_text=LINES, required=False
    )
    fee = forms.CharField(label="ค่าธรรมเนียม", max_length=200, required=False)
    duration = forms.CharField(label="ระยะเวลาให้บริการ", max_length=200, required=False)
    place = forms.CharField(label="สถานที่/ช่องทางให้บริการ", max_length=300, required=False)
    hours = forms.CharField(label="วันและเวลาให้บริการ", max_length=200, required=False)
    contact = forms.CharField(label="ติดต่อ", max_length=300, required=False)
    legal_basis = forms.CharField(label="กฎหมายที่เกี่ยวข้อง", max_length=300, required=False)
    answer_days = forms.IntegerField(
        label="ตอบครั้งแรกภายใน (วันทำการ)", min_value=1, max_value=90, required=False
    )
    needs_location = forms.BooleanField(label="ผู้ยื่นต้องระบุสถานที่", required=False)
    attributes = forms.CharField(
        label="ข้อมูลที่ผู้ยื่นต้องกรอก (Open311 attributes)",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="หนึ่งช่องต่อบรรทัด: รหัส | ชนิด | จำเป็น | คำอธิบาย | key=ชื่อ; key=ชื่อ "
        "(ชนิด: string, number, datetime, text, singlevaluelist, multivaluelist)",
    )
    is_active = forms.BooleanField(label="เผยแพร่ให้ประชาชนเห็นทันที", required=False)

    def __init__(self, *args, agency: Agency, service: Service | None = None, **kwargs):
        if service is not None and "initial" not in kwargs:
            kwargs["initial"] = service_initial(service)
        kwargs.setdefault("initial", {"needs_location": True, "is_active": True})
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = division_choices(
            agency=agency, keep=[service.division_id if service else None]
        )
        if service is not None:
            del self.fields["code"]  # links, requests and Open311 clients use it

    def clean_steps(self):
        return _lines(self.cleaned_data["steps"])

    def clean_documents(self):
        return _lines(self.cleaned_data["documents"])

    def clean_attributes(self):
        return attributes_parse(self.cleaned_data["attributes"])

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "code"}


def service_initial(service: Service) -> dict:
    initial = {name: getattr(service, name) for name in ServiceForm.base_fields if name != "code"}
    initial.update(
        division=service.division_id,
        steps="\n".join(service.steps),
        documents="\n".join(service.documents),
        attributes=attributes_format(service.attributes),
    )
    return initial
