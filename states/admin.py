from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.formatting import date_with_precision
from states.models import (
    MilestoneKind,
    ProgressStatus,
    Report,
    ReportEntry,
    ReportMilestone,
    State,
    StateMilestone,
    StateStaff,
    StateStory,
)
from states.scoping import StateScopedAdminMixin


@admin.register(State)
class StateAdmin(StateScopedAdminMixin, admin.ModelAdmin):
    state_path = ""  # a state's staff look up (and pick) their own state only
    list_display = ["cve_ent", "name", "short_name", "slug"]
    search_fields = ["name", "short_name", "cve_ent"]
    ordering = ["cve_ent"]
    # The 32 states are reference data from INEGI, shipped as a fixture.
    readonly_fields = ["cve_ent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MilestoneKind)
class MilestoneKindAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]


@admin.register(ProgressStatus)
class ProgressStatusAdmin(SimpleHistoryAdmin):
    list_display = ["name", "color_swatch", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name", "reported_as"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("color"))
    def color_swatch(self, obj):
        return format_html(
            # An SVG fill: the Content-Security-Policy allows no inline style attribute.
            '<svg width="24" height="16" aria-hidden="true">'
            '<rect width="24" height="16" fill="{}" /></svg> {}',
            obj.color,
            obj.color,
        )


class ReportEntryInline(admin.TabularInline):
    model = ReportEntry
    fields = ["state", "group", "order_in_group", "status", "cgatp_member"]
    extra = 0
    show_change_link = True
    autocomplete_fields = ["state"]


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "code", "reported_month", "source"]
    search_fields = ["title", "code"]
    autocomplete_fields = ["source"]
    inlines = [ReportEntryInline]

    @admin.display(description=_("fecha del reporte"), ordering="as_of")
    def reported_month(self, obj):
        # A report covers a month: its first day is storage, not a date to show.
        return date_with_precision(obj.as_of, "month")


class ReportMilestoneInline(admin.TabularInline):
    model = ReportMilestone
    extra = 0


@admin.register(ReportEntry)
class ReportEntryAdmin(StateScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["state", "report", "group", "status", "cgatp_member"]
    list_filter = ["report", "group", "status"]
    list_select_related = ["state", "report", "status"]
    search_fields = ["state__name", "notes"]
    autocomplete_fields = ["state"]
    inlines = [ReportMilestoneInline]


@admin.register(StateMilestone)
class StateMilestoneAdmin(StateScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["state", "kind", "status", "occurred", "date_as_stated", "source"]
    list_filter = ["kind", "status", "state"]
    list_select_related = ["state", "kind", "source"]
    search_fields = ["state__name", "evidence", "date_as_stated"]
    autocomplete_fields = ["state", "source"]
    date_hierarchy = "occurred_on"

    @admin.display(description=_("fecha"), ordering="occurred_on")
    def occurred(self, obj):
        return date_with_precision(obj.occurred_on, obj.date_precision)


@admin.register(StateStory)
class StateStoryAdmin(StateScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["state", "title", "refers_to", "date_as_stated", "source", "is_published"]
    list_filter = ["is_published", "state"]
    list_select_related = ["state", "source"]
    search_fields = ["state__name", "title", "body", "date_as_stated"]
    autocomplete_fields = ["state", "source"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [
        "state",
        "title",
        "slug",
        "body",
        ("refers_to", "date_precision"),
        "date_as_stated",
        "order",
        "source",
        "is_published",
    ]


@admin.register(StateStaff)
class StateStaffAdmin(admin.ModelAdmin):
    """Tying a user to a state is an administrator's decision (no role edits it)."""

    list_display = ["user", "state"]
    list_filter = ["state"]
    list_select_related = ["user", "state"]
    search_fields = ["user__username", "state__name"]
    autocomplete_fields = ["state"]
