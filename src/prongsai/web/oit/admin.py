"""The corrected OIT item lists, visible to the site's superuser (loaded with `prongsai oit-items load`)."""

from django.contrib import admin

from .models import ItemList


@admin.register(ItemList)
class ItemListAdmin(admin.ModelAdmin):
    list_display = ("fiscal_year", "source_name", "loaded_by", "loaded_at")
    readonly_fields = ("fiscal_year", "data", "source_name", "loaded_by", "loaded_at")

    def has_add_permission(self, request):  # loaded from a checked file only, never typed in here
        return False

    def has_change_permission(self, request, obj=None):
        return False
