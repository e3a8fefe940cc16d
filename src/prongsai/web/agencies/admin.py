"""Django admin for agencies and staff (site administrators only)."""

from django.contrib import admin

from .models import Agency, Division, Membership, Supervision


class DivisionInline(admin.TabularInline):
    model = Division
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "province", "dla_code"]
    list_filter = ["type", "province"]
    search_fields = ["name", "dla_code"]
    inlines = [DivisionInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "division"]
    list_filter = ["role"]


@admin.register(Supervision)
class SupervisionAdmin(admin.ModelAdmin):
    list_display = ["user", "agency"]
