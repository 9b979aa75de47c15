from decimal import Decimal

import django_tables2 as tables
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import formatting
from core.models import DatePrecision
from core.tables import (
    NUMBER_ATTRS,
    SOURCE_COLUMNS,
    ChoiceColumn,
    DataTable,
    DateColumn,
    MillionsColumn,
    SourceColumnsMixin,
)
from debt.conversions import Measure
from debt.models import LoanStatus, RateType, Scope
from debt.selectors import format_measure

SHOWN_SOURCE = ("source_reported_by", "source_published_in", "source_confidence")
# Converted values are exact fractions; the CSV keeps cents, or four decimals of a percentage.
MEASURE_QUANTUM = {
    Measure.REAL: Decimal("0.01"),
    Measure.PER_PERSON: Decimal("0.01"),
    Measure.PERCENT_GDP: Decimal("0.0001"),
}


def export_only(verbose_name, **kwargs):
    return tables.Column(verbose_name=verbose_name, visible=False, **kwargs)


def measure_header(measure, base_year) -> str:
    if measure == Measure.REAL:
        return gettext("Valor en pesos de %(year)s") % {"year": base_year}
    return gettext("Valor: %(measure)s") % {"measure": Measure(measure).label}


class HistoricalTable(SourceColumnsMixin, DataTable):
    """Every debt figure of a state with its source: the chart's data table and its CSV.

    Records are DebtFigures from `debt.selectors.historical_figures`, each with its
    `measure_value` in the chosen measure.
    """

    shown_source_columns = SHOWN_SOURCE

    as_of = DateColumn(verbose_name=_("Fecha"))
    date_precision = ChoiceColumn(
        DatePrecision, verbose_name=_("Precisión de la fecha"), visible=False
    )
    scope = ChoiceColumn(Scope, verbose_name=_("Alcance"))
    measure_value = tables.Column(verbose_name=_("Valor"), default=formatting.unknown)
    amount = MillionsColumn(verbose_name=_("Monto (pesos corrientes)"))
    notes = tables.Column(verbose_name=_("Notas"))
    # In the CSV only, with the value: what it measures (and in pesos of which year).
    measure = export_only(_("Medida"), empty_values=())
    base_year = export_only(_("Año base"), empty_values=())

    class Meta(DataTable.Meta):
        sequence = (
            "as_of",
            "date_precision",
            "scope",
            "measure_value",
            "measure",
            "base_year",
            "amount",
            *SOURCE_COLUMNS,
            "notes",
        )
        row_attrs = {"id": lambda record: f"cifra-{record.pk}"}
        empty_text = _("Todavía no hay cifras de deuda para este estado.")

    def __init__(self, *args, measure=Measure.NOMINAL, base_year=None, **kwargs):
        if measure == Measure.NOMINAL:
            # In current pesos the value is the amount: one column is enough.
            kwargs["exclude"] = ("measure_value", "measure", "base_year")
        super().__init__(*args, **kwargs)
        self.measure, self.base_year = Measure(measure), base_year
        if "measure_value" in self.columns:
            self.columns["measure_value"].column.verbose_name = measure_header(measure, base_year)

    def render_as_of(self, value, record):
        return formatting.date_with_precision(value, record.date_precision)

    def render_measure_value(self, value):
        return format_measure(value, self.measure)

    def value_measure_value(self, value):
        return value.quantize(MEASURE_QUANTUM[self.measure]) if value is not None else None

    def value_measure(self):
        return self.measure.value

    def value_base_year(self):
        return self.base_year if self.measure == Measure.REAL else None


class LoanTable(SourceColumnsMixin, DataTable):
    """Loans with their terms and source: sortable; the CSV has the same columns.

    Records are Loans from `debt.selectors.loans_for` (latest balance annotated).
    """

    label = tables.Column(verbose_name=_("Crédito"), linkify=True)
    creditor = tables.Column(verbose_name=_("Acreedor"))
    signed_on = DateColumn(verbose_name=_("Firma"), default=formatting.unknown)
    signed_precision = ChoiceColumn(
        DatePrecision, verbose_name=_("Precisión de la fecha de firma"), visible=False
    )
    amount_contracted = MillionsColumn(
        verbose_name=_("Monto contratado"), default=formatting.unknown
    )
    term = tables.Column(verbose_name=_("Plazo"), default=formatting.unknown)
    rate = tables.Column(verbose_name=_("Tasa"), default=formatting.unknown)
    rate_type = ChoiceColumn(RateType, verbose_name=_("Tipo de tasa"))
    payment_source = tables.Column(verbose_name=_("Fuente de pago"), default=formatting.unknown)
    status = ChoiceColumn(LoanStatus, verbose_name=_("Situación"))
    latest_balance = MillionsColumn(
        verbose_name=_("Último saldo conocido"), default=formatting.unknown
    )
    latest_balance_as_of = DateColumn(verbose_name=_("Fecha del saldo"), default=formatting.unknown)
    purpose = export_only(_("Destino"))
    refinanced_by = export_only(_("Refinanciado con"))
    notes = export_only(_("Notas"))

    class Meta(DataTable.Meta):
        orderable = True
        order_by_field = "orden"
        sequence = (
            "label",
            "creditor",
            "signed_on",
            "signed_precision",
            "...",
            "refinanced_by",
            *SOURCE_COLUMNS,
            "notes",
        )
        empty_text = _("Ningún crédito cumple con estos filtros.")

    def render_signed_on(self, value, record):
        return formatting.date_with_precision(value, record.signed_precision)

    def value_refinanced_by(self, record):
        # Prefetched by the selector: no query per loan.
        return "; ".join(other.label for other in record.refinanced_by.all())


class BalanceTable(SourceColumnsMixin, DataTable):
    """A loan's balances by date, with their sources (page and CSV)."""

    shown_source_columns = SHOWN_SOURCE

    as_of = DateColumn(verbose_name=_("Fecha"))
    amount = MillionsColumn(verbose_name=_("Saldo (pesos)"))

    class Meta(DataTable.Meta):
        sequence = ("as_of", "amount", *SOURCE_COLUMNS)
        empty_text = _("No tenemos saldos publicados de este crédito.")


class CompositionTable(DataTable):
    """A composition chart's data table: loans grouped by creditor, payment source or rate.

    Records are `debt.selectors.Share`s.
    """

    group = tables.Column(verbose_name=_("Grupo"), accessor="label")
    amount_contracted = MillionsColumn(
        verbose_name=_("Monto contratado"),
        accessor="amount",
        attrs=NUMBER_ATTRS,
        default=formatting.unknown,
    )
    loans = tables.Column(verbose_name=_("Créditos"), attrs=NUMBER_ATTRS)

    class Meta(DataTable.Meta):
        pass
