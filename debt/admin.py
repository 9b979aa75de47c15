from django.contrib import admin, messages
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core import formatting
from core.admin_imports import ImportAdminMixin
from core.uploads import UploadChecksAdminMixin, check_pdf
from debt.forms import DebtFigureForm, LoanBalanceForm, LoanBalanceFormSet, LoanForm
from debt.models import (
    AlertSystemResult,
    CitizenReport,
    CitizenReportSection,
    ConsumerPriceIndex,
    DebtByDebtorAndPayment,
    DebtFigure,
    DebtMicrosite,
    DebtShareOfGDP,
    GlossaryTerm,
    Loan,
    LoanBalance,
    NationalDebtFigure,
    Population,
    RegistryLoan,
    StateFinances,
    StateGDP,
)
from states.scoping import NationalDataAdminMixin, StateScopedAdminMixin


@admin.register(DebtMicrosite)
class DebtMicrositeAdmin(StateScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["state", "is_published"]
    list_filter = ["is_published"]
    autocomplete_fields = ["state"]


def _millions(value):
    return formatting.millions_of_pesos(value)


@admin.register(DebtFigure)
class DebtFigureAdmin(StateScopedAdminMixin, ImportAdminMixin, SimpleHistoryAdmin):
    # Amounts are typed in millions of pesos and listed as the public pages show them.
    form = DebtFigureForm
    fields = [
        "state",
        "as_of",
        "date_precision",
        "scope",
        "amount_millions",
        "confirm_amount",
        "source",
        "notes",
    ]
    list_display = ["state", "as_of", "scope", "amount_display", "source", "created_at"]
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

    @admin.display(description=_("monto"), ordering="amount")
    def amount_display(self, figure):
        return _millions(figure.amount)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Say what was stored, in both units, so a slip is seen the moment it is made.
        messages.info(
            request,
            gettext("Se guardó %(millions)s (%(pesos)s pesos).")
            % {
                "millions": _millions(obj.amount),
                "pesos": formatting.number(obj.amount, decimals=2),
            },
        )


class LoanBalanceInline(admin.TabularInline):
    model = LoanBalance
    form = LoanBalanceForm
    formset = LoanBalanceFormSet
    fk_name = "loan"
    fields = ["as_of", "amount_millions", "confirm_amount", "source"]
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Loan)
class LoanAdmin(StateScopedAdminMixin, SimpleHistoryAdmin):
    form = LoanForm
    fields = [
        "state",
        "creditor",
        "label",
        "signed_on",
        "signed_precision",
        "amount_contracted_millions",
        "confirm_amount",
        "term",
        "rate_type",
        "rate",
        "payment_source",
        "purpose",
        "status",
        "refinanced_by",
        "source",
        "notes",
    ]
    list_display = ["label", "creditor", "state", "signed_on", "contracted_display", "status"]
    list_filter = ["state", "status", "rate_type", "creditor"]
    list_select_related = ["state"]
    search_fields = ["label", "creditor", "purpose", "payment_source"]
    autocomplete_fields = ["state", "source", "refinanced_by"]
    inlines = [LoanBalanceInline]

    @admin.display(description=_("monto contratado"), ordering="amount_contracted")
    def contracted_display(self, loan):
        return _millions(loan.amount_contracted)


class CitizenReportSectionInline(admin.StackedInline):
    model = CitizenReportSection
    extra = 0


@admin.register(CitizenReport)
class CitizenReportAdmin(UploadChecksAdminMixin, StateScopedAdminMixin, SimpleHistoryAdmin):
    upload_checks = {"pdf": check_pdf}
    list_display = ["title", "state", "year", "is_published", "updated_at"]
    list_filter = ["state", "is_published"]
    autocomplete_fields = ["state"]
    inlines = [CitizenReportSectionInline]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(NationalDataAdminMixin, SimpleHistoryAdmin):
    list_display = ["term", "slug"]
    search_fields = ["term", "definition", "other_forms"]
    prepopulated_fields = {"slug": ["term"]}


@admin.register(ConsumerPriceIndex)
class ConsumerPriceIndexAdmin(NationalDataAdminMixin, admin.ModelAdmin):
    list_display = ["month", "value"]
    date_hierarchy = "month"


@admin.register(Population)
class PopulationAdmin(StateScopedAdminMixin, admin.ModelAdmin):
    list_display = ["state", "year", "mid_year", "start_of_year"]
    list_filter = ["state"]
    list_select_related = ["state"]


@admin.register(StateGDP)
class StateGDPAdmin(StateScopedAdminMixin, admin.ModelAdmin):
    list_display = ["state", "year", "current_prices", "prices_2018", "revised"]
    list_filter = ["state"]
    list_select_related = ["state"]


# Official SHCP and INEGI datasets: loaded from their files (the «Importar archivo» page of debt
# figures), corrected by loading the corrected file; the admin is for looking them up.


@admin.register(NationalDebtFigure)
class NationalDebtFigureAdmin(NationalDataAdminMixin, admin.ModelAdmin):
    list_display = ["as_of", "scope", "amount_display", "source"]
    list_filter = ["scope", "source"]
    list_select_related = ["source"]
    autocomplete_fields = ["source"]
    date_hierarchy = "as_of"

    @admin.display(description=_("monto"), ordering="amount")
    def amount_display(self, figure):
        return _millions(figure.amount)


@admin.register(DebtShareOfGDP)
class DebtShareOfGDPAdmin(StateScopedAdminMixin, admin.ModelAdmin):
    list_display = ["state", "as_of", "percent", "source"]
    list_filter = ["state", "source"]
    list_select_related = ["state", "source"]
    autocomplete_fields = ["state", "source"]


@admin.register(DebtByDebtorAndPayment)
class DebtByDebtorAndPaymentAdmin(StateScopedAdminMixin, admin.ModelAdmin):
    list_display = ["state", "as_of", "debtor_type", "payment_source", "amount_display"]
    list_filter = ["state", "debtor_type", "payment_source", "as_of"]
    list_select_related = ["state"]
    autocomplete_fields = ["state", "source"]

    @admin.display(description=_("saldo"), ordering="amount")
    def amount_display(self, row):
        return _millions(row.amount)


class RegistryBalanceInline(admin.TabularInline):
    model = LoanBalance
    fk_name = "registry_loan"
    exclude = ["loan"]
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(RegistryLoan)
class RegistryLoanAdmin(StateScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "debtor",
        "creditor",
        "state",
        "registry",
        "as_of",
        "signed_on",
        "contracted_display",
        "balance_display",
    ]
    list_filter = ["state", "registry", "as_of", "debtor_type", "obligation_type"]
    list_select_related = ["state"]
    search_fields = ["debtor", "creditor", "purpose", "payment_source"]
    autocomplete_fields = ["state", "source"]
    readonly_fields = ["row_key"]
    inlines = [RegistryBalanceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_balance()

    @admin.display(description=_("monto contratado"), ordering="amount_contracted")
    def contracted_display(self, loan):
        return _millions(loan.amount_contracted)

    @admin.display(description=_("saldo a la fecha de corte"), ordering="balance")
    def balance_display(self, loan):
        return _millions(loan.balance)


@admin.register(StateFinances)
class StateFinancesAdmin(StateScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "state",
        "year",
        "total_revenue_display",
        "participaciones_display",
        "debt_chapter_display",
        "debt_service_display",
        "inegi_status",
    ]
    list_filter = ["state", "year", "inegi_status"]
    list_select_related = ["state"]
    autocomplete_fields = ["state", "source"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_debt_service()

    @admin.display(description=_("ingresos totales"), ordering="total_revenue")
    def total_revenue_display(self, finances):
        return _millions(finances.total_revenue)

    @admin.display(description=_("participaciones"), ordering="participaciones")
    def participaciones_display(self, finances):
        return _millions(finances.participaciones)

    @admin.display(description=_("capítulo deuda pública"), ordering="debt_chapter")
    def debt_chapter_display(self, finances):
        return _millions(finances.debt_chapter)

    @admin.display(
        description=_("servicio de la deuda (sin ADEFAS)"), ordering="debt_service_total"
    )
    def debt_service_display(self, finances):
        return _millions(finances.debt_service_total)


@admin.register(AlertSystemResult)
class AlertSystemResultAdmin(StateScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "state",
        "evaluation",
        "result",
        "debt_to_free_revenue",
        "debt_service_to_free_revenue",
        "short_term_to_total_revenue",
        "debt_display",
        "free_revenue_display",
    ]
    list_filter = ["state", "evaluation", "result"]
    list_select_related = ["state"]
    autocomplete_fields = ["state", "source"]

    @admin.display(description=_("deuda y obligaciones"), ordering="debt_and_obligations")
    def debt_display(self, result):
        return _millions(result.debt_and_obligations)

    @admin.display(description=_("ingresos de libre disposición"), ordering="free_revenue")
    def free_revenue_display(self, result):
        return _millions(result.free_revenue)
