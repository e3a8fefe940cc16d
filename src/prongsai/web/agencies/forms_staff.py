"""Forms of the staff page: invite, role and division, a division's name. Choices are the agency's own."""

from __future__ import annotations

from django import forms

from .models import Agency, Division, Membership
from .selectors import division_choices
from .staff import role_choices

OTHER_DIVISION = "เลือกได้เฉพาะกอง/สำนักที่ยังใช้อยู่ของหน่วยงานนี้ (choose a current division of this agency)"


class AccessibleForm(forms.Form):
    """Marks fields with errors (the form's own and those a service adds later) with aria-invalid and
    aria-describedby pointing at the error text that forms/_field.html prints."""

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-error"}
                )


class DivisionChoiceField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": OTHER_DIVISION}


class _RoleFields(AccessibleForm):
    role = forms.ChoiceField(label="บทบาท", choices=())
    division = DivisionChoiceField(
        label="สังกัดกอง/สำนัก",
        queryset=Division.objects.none(),
        required=False,
        empty_label="— ไม่สังกัดกอง —",
        help_text="จำเป็นสำหรับเจ้าหน้าที่กอง/สำนัก",
    )

    def __init__(self, *args, agency: Agency, keep: Division | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()
        self.fields["division"].queryset = division_choices(agency=agency, keep=[keep])


class InviteForm(_RoleFields):
    email = forms.EmailField(label="อีเมล (ใช้เป็นชื่อผู้ใช้)", max_length=150)
    full_name = forms.CharField(label="ชื่อ-นามสกุล", max_length=150, required=False)
    field_order = ["email", "full_name", "role", "division"]


class RoleForm(_RoleFields):
    def __init__(self, *args, membership: Membership, **kwargs):
        kwargs.setdefault("initial", {"role": membership.role, "division": membership.division_id})
        super().__init__(*args, agency=membership.agency, keep=membership.division, **kwargs)


class DivisionForm(AccessibleForm):
    name = forms.CharField(label="ชื่อกอง/สำนัก", max_length=200)
