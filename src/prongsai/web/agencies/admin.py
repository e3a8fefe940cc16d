"""Django admin for agencies and staff (the site superuser only; agency administrators use /a/<id>/staff/).

Every division offered is labelled with its agency, and a membership whose division belongs to another
agency is refused (Membership.clean, which every ModelForm runs)."""

from django import forms
from django.contrib import admin

from .forms_staff import OTHER_DIVISION
from .models import Agency, Division, Membership, Supervision


class DivisionInline(admin.TabularInline):
    model = Division
    extra = 0
    fields = ["name", "order", "retired_at"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "province", "dla_code"]
    list_filter = ["type", "province"]
    search_fields = ["name", "dla_code"]
    inlines = [DivisionInline]


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "order", "retired_at"]
    list_select_related = ["agency"]
    search_fields = ["name", "agency__name", "agency__dla_code"]
    autocomplete_fields = ["agency"]


class DivisionWithAgencyField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": OTHER_DIVISION}

    def label_from_instance(self, division):
        retired = " (เลิกใช้)" if division.retired_at else ""
        return f"{division.name} — {division.agency.name}{retired}"


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "agency", "role", "division"]
        field_classes = {"division": DivisionWithAgencyField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        divisions = Division.objects.select_related("agency").filter(retired_at__isnull=True)
        # Editing, or adding with ?agency=<id> (the agency's page links so): only that agency's divisions.
        agency_id = self.instance.agency_id or self.initial.get("agency")
        if str(agency_id or "").isdigit():
            divisions = divisions.filter(agency_id=agency_id)
        if self.instance.division_id:
            divisions = divisions | Division.objects.filter(pk=self.instance.division_id)
        self.fields["division"].queryset = divisions


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipAdminForm
    list_display = ["user", "agency", "role", "division"]
    list_filter = ["role"]
    list_select_related = ["user", "agency", "division"]
    search_fields = ["user__username", "user__email", "agency__name"]
    autocomplete_fields = ["user", "agency"]


@admin.register(Supervision)
class SupervisionAdmin(admin.ModelAdmin):
    list_display = ["user", "agency"]
    list_select_related = ["user", "agency"]
    autocomplete_fields = ["user", "agency"]
