"""Read-only Django admin view of the audit log (confidential events only for the named officers)."""

from django.contrib import admin

from .models import AuditEvent
from .selectors import audit_visible


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "agency", "action", "summary"]
    list_filter = ["action"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def get_queryset(self, request):
        # A superuser is not a confidential officer by role: the same rule as the agency's page.
        return audit_visible(user=request.user, queryset=super().get_queryset(request))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
