"""The STL editing desk: STL staff see and change only their own state's plans.

Every path goes through get_queryset (lists, search, filters, autocomplete, direct URLs,
history) or the object permission checks of states.scoping, so one rule scopes them all.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentActivity,
    CommitmentOutput,
    PlanEvaluation,
    ProgressUpdate,
)
from core.admin_imports import ImportAdminMixin
from core.admin_publishing import PublishingAdminMixin, publication_label
from core.formatting import date_with_precision, long_date
from core.uploads import UploadChecksAdminMixin, check_evidence_file
from states.scoping import StateScopedAdminMixin


class NewUpdatesChoiceForm(forms.Form):
    """Asked before confirming a commitments file: what to do with its new progress lines."""

    new_updates = forms.ChoiceField(
        label=_("Líneas nuevas de «¿Cómo vamos?» del archivo"),
        choices=[
            ("draft", _("Guardarlas como borrador (no se ven en el portal hasta publicarlas)")),
            ("publish", _("Publicarlas ahora en el portal")),
        ],
        initial="draft",
        widget=forms.RadioSelect,
    )


class UpdatePublicationFilter(admin.SimpleListFilter):
    title = _("publicación")
    parameter_name = "publicacion"

    def lookups(self, request, model_admin):
        return [
            ("publicado", _("Publicado")),
            ("cambios", _("Publicado, con cambios en borrador")),
            ("borrador", _("Borrador (no se ve en el portal)")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "publicado":
            return queryset.filter(is_published=True)
        if value == "cambios":
            return queryset.filter(is_published=False, published_at__isnull=False)
        if value == "borrador":
            return queryset.filter(published_at__isnull=True)
        return queryset


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
        "publication",
    ]
    readonly_fields = ["publication"]

    @admin.display(description=_("en el portal"))
    def publication(self, obj):
        return publication_label(obj) if obj.pk else _("Nueva: borrador hasta que la publique")


@admin.register(ActionPlan)
class ActionPlanAdmin(StateScopedAdminMixin, PublishingAdminMixin, SimpleHistoryAdmin):
    state_path = "state"
    list_display = ["name", "state", "launched", "publication"]
    list_filter = ["is_published", "state"]
    list_select_related = ["state"]
    search_fields = ["name", "stl_composition"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description=_("lanzamiento"), ordering="launched_on")
    def launched(self, obj):
        # Without a date, what the source says («mayo de 2017»), never an invented day.
        return long_date(obj.launched_on) if obj.launched_on else obj.launched_as_stated or "—"


@admin.register(Commitment)
class CommitmentAdmin(
    StateScopedAdminMixin, ImportAdminMixin, PublishingAdminMixin, SimpleHistoryAdmin
):
    state_path = "plan__state"
    list_display = ["title", "plan", "number", "status", "follows_the_money", "publication"]
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
    import_confirm_form = NewUpdatesChoiceForm

    def import_context(self, request):
        choice = NewUpdatesChoiceForm(request.POST or None)
        publish = choice.is_valid() and choice.cleaned_data["new_updates"] == "publish"
        return {"publish_new_updates": publish}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        drafts = [
            update
            for formset in formsets
            if formset.model is ProgressUpdate
            for update in formset.new_objects + [obj for obj, _f in formset.changed_objects]
            if not update.is_published
        ]
        if drafts:
            message = ngettext(
                "%(count)s avance quedó como borrador: no se ve en el portal hasta publicarlo.",
                "%(count)s avances quedaron como borrador: no se ven en el portal hasta "
                "publicarlos.",
                len(drafts),
            )
            messages.warning(request, message % {"count": len(drafts)})


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
class ProgressUpdateAdmin(
    UploadChecksAdminMixin, StateScopedAdminMixin, PublishingAdminMixin, SimpleHistoryAdmin
):
    upload_checks = {"evidence_file": check_evidence_file}
    state_path = "commitment__plan__state"
    list_display = ["commitment", "reported", "publication"]
    list_filter = [UpdatePublicationFilter]
    list_select_related = ["commitment__plan__state"]
    search_fields = ["text", "author"]
    autocomplete_fields = ["commitment"]

    @admin.display(description=_("fecha"), ordering="reported_on")
    def reported(self, obj):
        # «mayo de 2017» for a month-precision date, not «1 de mayo de 2017».
        return date_with_precision(obj.reported_on, obj.date_precision)


@admin.register(PlanEvaluation)
class PlanEvaluationAdmin(StateScopedAdminMixin, PublishingAdminMixin, SimpleHistoryAdmin):
    state_path = "plan__state"
    list_display = ["plan", "evaluated", "evaluated_by", "publication"]
    list_filter = ["is_published", "plan__state"]
    list_select_related = ["plan__state"]
    search_fields = ["summary", "recommendations", "evaluated_by"]
    autocomplete_fields = ["plan"]

    @admin.display(description=_("fecha de la evaluación"), ordering="evaluated_on")
    def evaluated(self, obj):
        return date_with_precision(obj.evaluated_on, obj.date_precision)
