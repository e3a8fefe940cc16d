"""The form of the officer's analysis: focus indicators, one paragraph per indicator, the signatory."""

from __future__ import annotations

from django import forms

from ..plans.forms import AccessibleForm
from ..thai_fields import BuddhistDateField


class AnalysisForm(AccessibleForm):
    focus = forms.TypedMultipleChoiceField(
        label="ตัวชี้วัดที่เลือกพัฒนาในปีถัดไป", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    surveys = forms.TypedMultipleChoiceField(
        label="อ้างถึงผลสำรวจของหน่วยงานเอง (ไม่ใช่ผลการประเมินของสำนักงาน ป.ป.ช.)",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    signoff_name = forms.CharField(label="ชื่อผู้ลงนาม (ผู้บริหารสูงสุด)", max_length=200, required=False)
    signoff_position = forms.CharField(label="ตำแหน่งผู้ลงนาม", max_length=300, required=False)
    signed_on = BuddhistDateField(label="วันที่ลงนาม (วว/ดด/ปปปป พ.ศ.)", required=False)

    def __init__(self, *args, indicators: list[tuple[int, str]], ask_signatory: bool, surveys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["surveys"].choices = list(surveys)
        if not surveys:
            del self.fields["surveys"]
        self.fields["focus"].choices = [(n, f"ตัวชี้วัดที่ {n} {name}") for n, name in indicators]
        for n, name in indicators:
            self.fields[f"p{n}"] = forms.CharField(
                label=f"ตัวชี้วัดที่ {n} {name}",
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=4000,
            )
        if not ask_signatory:
            del self.fields["signoff_name"], self.fields["signoff_position"]

    def paragraph_fields(self):
        return [self[name] for name in self.fields if name.startswith("p") and name[1:].isdigit()]

    def paragraphs(self) -> dict[int, str]:
        return {
            int(name[1:]): self.cleaned_data[name]
            for name in self.fields
            if name.startswith("p") and name[1:].isdigit()
        }
