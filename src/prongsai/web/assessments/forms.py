"""Forms for entering a fiscal year's scores and uploading a file; the engine does the validating."""

from __future__ import annotations

from django import forms
from django.conf import settings

from prongsai.ita.framework import get_framework
from prongsai.thai import arabic_digits

from ..files.check import size_refusal

MODES = [("indicators", "คะแนนรายตัวชี้วัด (10 ตัวชี้วัด)"), ("tools", "คะแนนรายเครื่องมือ (IIT, EIT, OIT)")]


class ResultForm(forms.Form):
    """Scores are free text here: the engine decides what is a valid score and says why not."""

    fiscal_year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int)
    mode = forms.ChoiceField(
        label="กรอกคะแนนแบบ", choices=MODES, widget=forms.RadioSelect, initial="indicators"
    )

    def __init__(self, *args, years: list[int], year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [(y, str(y)) for y in years]
        self.framework = get_framework(year)
        for ind in self.framework.indicators:
            self.fields[f"i{ind.number}"] = forms.CharField(
                label=f"ตัวชี้วัดที่ {ind.number} {ind.name_th}",
                required=False,
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[f"i{ind.number}"].tool = ind.tool
        for tool in self.framework.tools:
            self.fields[tool.code.lower()] = forms.CharField(
                label=f"{tool.code} {tool.name_th}",
                required=False,
                max_length=20,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )

    def indicator_fields(self):
        return [self[f"i{i.number}"] for i in self.framework.indicators]

    def tool_fields(self):
        return [self[t.code.lower()] for t in self.framework.tools]

    def scores(self) -> tuple[dict | None, dict | None]:
        """The entered scores (Thai digits accepted) for the chosen mode, as text for the engine."""
        data = self.cleaned_data
        if data["mode"] == "tools":
            return None, {
                t.code: arabic_digits(data[t.code.lower()]).strip()
                for t in self.framework.tools
                if data[t.code.lower()].strip()
            }
        return {
            i.number: arabic_digits(data[f"i{i.number}"]).strip()
            for i in self.framework.indicators
            if data[f"i{i.number}"].strip()
        }, None


class ImportForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์ผลการประเมิน (.toml, .csv หรือ .xlsx)",
        widget=forms.ClearableFileInput(attrs={"accept": ".toml,.csv,.xlsx"}),
    )

    def clean_file(self):
        """The size limit (settings.PRONGSAI_IMPORT_MAX_BYTES) before anything reads the file."""
        upload = self.cleaned_data["file"]
        message = size_refusal(
            name=upload.name, size=upload.size, max_bytes=settings.PRONGSAI_IMPORT_MAX_BYTES
        )
        if message:
            raise forms.ValidationError(message)
        return upload
