from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_imports import ImportAdminMixin
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


@admin.register(DebtMicrosite)
class DebtMicrositeAdmin(SimpleHistoryAdmin):
    list_display = ["state", "is_published"]
    list_filter = ["is_published"]
    autocomplete_fields = ["state"]


@admin.register(DebtFigure)
class DebtFigureAdmin(ImportAdminMixin, SimpleHistoryAdmin):
    list_display = ["state", "as_of", "scope", "amount", "source", "created_at"]
    list_filter = ["state", "scope", "source__confidence"]
    list_select_related = ["state", "source"]
    search_fields = ["notes", "source__reported_by", "source__published_in"]
    autocomplete_fields = ["state", "source"]
    date_hierarchy = "as_of"
    import_permissions = ["debt.add_debtfigure", "debt.add_loan"]
    import_title = _("Importar un archivo de deuda")
    import_help = _(
        "La primera fila debe tener los nombres de columna. Montos en millones de pesos con "
        "punto decimal; fechas como 2016, 2016-10 o 2016-10-05. Detalle de cada columna en "
        "debt/README.md."
    )
    importer_app_label = "debt"


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
