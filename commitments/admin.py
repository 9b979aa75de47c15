"""The STL editing desk: STL staff see and change only their own state's plans.

Every path goes through get_queryset (lists, search, filters, autocomplete, direct URLs,
history) or the object permission checks below, so one rule scopes them all.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentActivity,
    CommitmentOutput,
    PlanEvaluation,
    ProgressUpdate,
    StateEditor,
)
from core.admin_imports import ImportAdminMixin
from core.formatting import date_with_precision, long_date
from core.uploads import UploadChecksAdminMixin, check_evidence_file
from states.models import State


def editor_state(request):
    """The state an STL user may edit, or None for staff who are not tied to one state."""
    editor = getattr(request.user, "state_editor", None)
    return editor.state if editor else None


class StateScopedAdminMixin:
    """Limit rows and choices to the user's state. `state_path` leads from the model to it."""

    state_path = "state"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        state = editor_state(request)
        return queryset if state is None else queryset.filter(**{self.state_path: state})

    def _state_of(self, obj):
        for part in self.state_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def _allowed(self, request, obj):
        state = editor_state(request)
        return obj is None or state is None or self._state_of(obj) == state

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._allowed(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        state = editor_state(request)
        if state is not None:
            if db_field.name == "state":
                kwargs["queryset"] = State.objects.filter(pk=state.pk)
            elif db_field.name == "plan":
                kwargs["queryset"] = ActionPlan.objects.filter(state=state)
            elif db_field.name == "commitment":
                kwargs["queryset"] = Commitment.objects.filter(plan__state=state)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CommitmentActivityInline(admin.TabularInline):
    model = CommitmentActivity
    extra = 0
    fields = ["title", "weight", "due_on", "done_on", "evidence_url"]


class CommitmentOutputInline(admin.TabularInline):
    model = CommitmentOutput
    extra = 0
    fields = ["title", "url"]


class ProgressUpdateInline(UploadChecksAdminMixin, admin.StackedInline):
    model = ProgressUpdate
    upload_checks = {"evidence_file": check_evidence_file}
    extra = 0
    fields = [
        "reported_on",
        "date_precision",
        "text",
        "evidence_url",
        "evidence_file",
        "author",
        "source",
        "is_published",
    ]


@admin.register(ActionPlan)
class ActionPlanAdmin(StateScopedAdminMixin, SimpleHistoryAdmin):
    state_path = "state"
    list_display = ["name", "state", "launched", "is_published"]
    list_filter = ["is_published", "state"]
    list_select_related = ["state"]
    search_fields = ["name", "stl_composition"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("lanzamiento"), ordering="launched_on")
    def launched(self, obj):
        # Without a date, what the source says («mayo de 2017»), never an invented day.
        return long_date(obj.launched_on) if obj.launched_on else obj.launched_as_stated or "—"


@admin.register(Commitment)
class CommitmentAdmin(StateScopedAdminMixin, ImportAdminMixin, SimpleHistoryAdmin):
    state_path = "plan__state"
    list_display = ["title", "plan", "number", "status", "follows_the_money", "is_published"]
    list_filter = ["status", "follows_the_money", "is_published", "plan__state"]
    list_select_related = ["plan__state"]
    search_fields = ["title", "problem", "objective", "responsible", "theme"]
    autocomplete_fields = ["plan"]
    inlines = [CommitmentActivityInline, CommitmentOutputInline, ProgressUpdateInline]
    import_permissions = ["commitments.change_commitment", "commitments.add_progressupdate"]
    import_title = _("Actualizar compromisos desde un archivo")
    import_help = _(
        "Use el CSV que descarga en /compromisos/ (?formato=csv): las mismas columnas. Cada fila "
        "con «Dirección» actualiza ese compromiso; sin ella, se busca por estado, plan y título, "
        "o se crea como borrador. «Nuevo avance» y «Fecha del avance» agregan una línea de "
        "«¿Cómo vamos?». «Avance», «Último avance o documento» y «Fuente» se ignoran."
    )
    importer_keys = ["commitments-bulk"]

    def import_context(self, request):
        return {"user_state": editor_state(request)}


@admin.register(CommitmentActivity)
class CommitmentActivityAdmin(StateScopedAdminMixin, SimpleHistoryAdmin):
    state_path = "commitment__plan__state"
    list_display = ["title", "commitment", "weight", "due", "done"]
    list_select_related = ["commitment__plan__state"]
    search_fields = ["title"]
    autocomplete_fields = ["commitment"]

    @admin.display(description=_("fecha límite"), ordering="due_on")
    def due(self, obj):
        return long_date(obj.due_on)

    @admin.display(description=_("fecha en que se cumplió"), ordering="done_on")
    def done(self, obj):
        return long_date(obj.done_on)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(UploadChecksAdminMixin, StateScopedAdminMixin, SimpleHistoryAdmin):
    upload_checks = {"evidence_file": check_evidence_file}
    state_path = "commitment__plan__state"
    list_display = ["commitment", "reported", "is_published"]
    list_filter = ["is_published"]
    list_select_related = ["commitment__plan__state"]
    search_fields = ["text", "author"]
    autocomplete_fields = ["commitment"]

    @admin.display(description=_("fecha"), ordering="reported_on")
    def reported(self, obj):
        # «mayo de 2017» for a month-precision date, not «1 de mayo de 2017».
        return date_with_precision(obj.reported_on, obj.date_precision)


@admin.register(StateEditor)
class StateEditorAdmin(admin.ModelAdmin):
    list_display = ["user", "state"]
    list_select_related = ["user", "state"]


@admin.register(PlanEvaluation)
class PlanEvaluationAdmin(StateScopedAdminMixin, SimpleHistoryAdmin):
    state_path = "plan__state"
    list_display = ["plan", "evaluated", "evaluated_by", "is_published"]
    list_filter = ["is_published", "plan__state"]
    list_select_related = ["plan__state"]
    search_fields = ["summary", "recommendations", "evaluated_by"]
    autocomplete_fields = ["plan"]

    @admin.display(description=_("fecha de la evaluación"), ordering="evaluated_on")
    def evaluated(self, obj):
        return date_with_precision(obj.evaluated_on, obj.date_precision)
