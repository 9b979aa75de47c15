from django.contrib import admin

from states.models import State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["cve_ent", "name", "short_name", "slug"]
    search_fields = ["name", "short_name", "cve_ent"]
    ordering = ["cve_ent"]
    # The 32 states are reference data from INEGI, shipped as a fixture.
    readonly_fields = ["cve_ent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
