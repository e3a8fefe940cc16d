"""Django admin for the sign-in counts: see who is refused, delete a row to let that pair in again."""

from django.contrib import admin

from .models import LoginThrottle


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    list_display = ["scope", "username", "address", "count", "window_start"]
    list_filter = ["scope"]
    search_fields = ["username", "address"]
    readonly_fields = [f.name for f in LoginThrottle._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
