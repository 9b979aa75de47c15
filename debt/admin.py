from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from debt.forms import DebtFileForm
from debt.models import (
    CitizenReport,
    CitizenReportSection,
    ConsumerPriceIndex,
    DebtFigure,
    DebtMicrosite,
    GlossaryTerm,
    Loan,
    LoanBalance,
    Population,
    StateGDP,
)
from debt.services import TEMPLATES, import_debt_rows, template_for
from portal.imports import ImportRejected, read_table

IMPORT_DIR = "importaciones"
PREVIEW_ROWS = 20


@admin.register(DebtMicrosite)
class DebtMicrositeAdmin(SimpleHistoryAdmin):
    list_display = ["state", "is_published"]
    list_filter = ["is_published"]
    autocomplete_fields = ["state"]


@admin.register(DebtFigure)
class DebtFigureAdmin(SimpleHistoryAdmin):
    list_display = ["state", "as_of", "scope", "amount", "source", "created_at"]
    list_filter = ["state", "scope", "source__confidence"]
    list_select_related = ["state", "source"]
    search_fields = ["notes", "source__reported_by", "source__published_in"]
    autocomplete_fields = ["state", "source"]
    date_hierarchy = "as_of"
    change_list_template = "admin/debt/change_list_with_import.html"

    def get_urls(self):
        return [
            path(
                "importar/",
                self.admin_site.admin_view(self.import_view),
                name="debt_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload a debt file, see a preview (or every error), then confirm. All or nothing."""
        if not request.user.has_perms(["debt.add_debtfigure", "debt.add_loan"]):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Importar un archivo de deuda"),
            "opts": self.model._meta,
            "templates": TEMPLATES,
        }
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm_import(request, request.POST.get("stored_name", ""))
        form = DebtFileForm(request.POST or None, request.FILES or None)
        context["form"] = form
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            stored_name = default_storage.save(f"{IMPORT_DIR}/{upload.name}", upload)
            with default_storage.open(stored_name, "rb") as handle:
                header, rows = read_table(handle, stored_name)
            template = template_for(header)
            try:
                summary = import_debt_rows(header, rows, dry_run=True)
            except ImportRejected as rejected:
                default_storage.delete(stored_name)
                context["errors"] = rejected.errors
            else:
                context.update(
                    summary=summary,
                    template=template,
                    header=header,
                    preview=[row for _line, row in rows[:PREVIEW_ROWS]],
                    total_rows=len(rows),
                    stored_name=stored_name,
                )
        return TemplateResponse(request, "admin/debt/import.html", context)

    def _confirm_import(self, request, stored_name):
        if not stored_name.startswith(f"{IMPORT_DIR}/") or not default_storage.exists(stored_name):
            messages.error(request, _("El archivo ya no está disponible: súbelo otra vez."))
            return redirect(reverse("admin:debt_import"))
        try:
            with default_storage.open(stored_name, "rb") as handle:
                header, rows = read_table(handle, stored_name)
            summary = import_debt_rows(header, rows)
        except ImportRejected as rejected:
            for error in rejected.errors:
                messages.error(request, str(error))
            return redirect(reverse("admin:debt_import"))
        finally:
            default_storage.delete(stored_name)
        text = _(
            "Importado (%(kind)s): %(created)s nuevas, %(updated)s actualizadas, "
            "%(unchanged)s sin cambios."
        )
        counts = {
            "kind": summary.kind,
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
        }
        messages.success(request, text % counts)
        return redirect(reverse("admin:debt_debtfigure_changelist"))


class LoanBalanceInline(admin.TabularInline):
    model = LoanBalance
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Loan)
class LoanAdmin(SimpleHistoryAdmin):
    list_display = ["label", "creditor", "state", "signed_on", "amount_contracted", "status"]
    list_filter = ["state", "status", "rate_type", "creditor"]
    list_select_related = ["state"]
    search_fields = ["label", "creditor", "purpose", "payment_source"]
    autocomplete_fields = ["state", "source", "refinanced_by"]
    inlines = [LoanBalanceInline]


class CitizenReportSectionInline(admin.StackedInline):
    model = CitizenReportSection
    extra = 0


@admin.register(CitizenReport)
class CitizenReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "state", "year", "is_published", "updated_at"]
    list_filter = ["state", "is_published"]
    autocomplete_fields = ["state"]
    inlines = [CitizenReportSectionInline]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(SimpleHistoryAdmin):
    list_display = ["term", "slug"]
    search_fields = ["term", "definition", "other_forms"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(ConsumerPriceIndex)
class ConsumerPriceIndexAdmin(admin.ModelAdmin):
    list_display = ["month", "value"]
    date_hierarchy = "month"


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ["state", "year", "mid_year", "start_of_year"]
    list_filter = ["state"]
    list_select_related = ["state"]


@admin.register(StateGDP)
class StateGDPAdmin(admin.ModelAdmin):
    list_display = ["state", "year", "current_prices", "prices_2018", "revised"]
    list_filter = ["state"]
    list_select_related = ["state"]
