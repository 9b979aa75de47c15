from decimal import Decimal, InvalidOperation

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
from debt.models import DebtorType, LoanRegistry, LoanStatus, RateType, Scope
from debt.registry_selectors import HistorySeries, creditor_group
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


def history_row_id(record) -> str:
    """The anchor of a row: the feed links each debt figure by its id."""
    if record.pk is not None:
        return f"cifra-{record.pk}"
    return f"medida-{record.series}-{record.as_of.isoformat()}"


def measure_header(measure, base_year) -> str:
    if measure == Measure.REAL:
        return gettext("Valor en pesos de %(year)s") % {"year": base_year}
    return gettext("Valor: %(measure)s") % {"measure": Measure(measure).label}


class HistoricalTable(SourceColumnsMixin, DataTable):
    """Every point of a state's historical chart with its source: its data table and its CSV.

    Records come from `debt.selectors.history_rows`: DebtFigures (SHCP's official series and
    other sourced figures) and the official measures that are not debt balances, each with its
    `series`, its `measure_value` in the chosen measure and, in % of GDP, SHCP's own
    percentage (`shcp_percent`) where SHCP gives one.
    """

    shown_source_columns = SHOWN_SOURCE

    as_of = DateColumn(verbose_name=_("Fecha"))
    date_precision = ChoiceColumn(
        DatePrecision, verbose_name=_("Precisión de la fecha"), visible=False
    )
    series = ChoiceColumn(HistorySeries, verbose_name=_("Qué es"))
    scope = ChoiceColumn(Scope, verbose_name=_("Alcance"))
    measure_value = tables.Column(verbose_name=_("Valor"), default=formatting.unknown)
    # SHCP computed its own % of GDP with the GDP INEGI published then; ours is beside it.
    shcp_percent_gdp = tables.Column(
        verbose_name=_("% del PIB según SHCP"),
        accessor="shcp_percent",
        attrs=NUMBER_ATTRS,
        default=formatting.unknown,
    )
    amount = MillionsColumn(verbose_name=_("Monto (pesos corrientes)"))
    notes = tables.Column(verbose_name=_("Notas"))
    # In the CSV only, with the value: what it measures (and in pesos of which year).
    measure = export_only(_("Medida"), empty_values=())
    base_year = export_only(_("Año base"), empty_values=())

    class Meta(DataTable.Meta):
        sequence = (
            "as_of",
            "date_precision",
            "series",
            "scope",
            "measure_value",
            "shcp_percent_gdp",
            "measure",
            "base_year",
            "amount",
            *SOURCE_COLUMNS,
            "notes",
        )
        row_attrs = {"id": lambda record: history_row_id(record)}
        empty_text = _("Todavía no hay cifras de deuda para este estado.")

    def __init__(self, *args, measure=Measure.NOMINAL, base_year=None, **kwargs):
        if measure == Measure.NOMINAL:
            # In current pesos the value is the amount: one column is enough.
            kwargs["exclude"] = ("measure_value", "shcp_percent_gdp", "measure", "base_year")
        elif measure != Measure.PERCENT_GDP:
            kwargs["exclude"] = ("shcp_percent_gdp",)
        super().__init__(*args, **kwargs)
        self.measure, self.base_year = Measure(measure), base_year
        if "measure_value" in self.columns:
            self.columns["measure_value"].column.verbose_name = measure_header(measure, base_year)

    def render_as_of(self, value, record):
        return formatting.date_with_precision(value, record.date_precision)

    def render_measure_value(self, value):
        return format_measure(value, self.measure)

    def render_shcp_percent_gdp(self, value):
        return formatting.percent(value, decimals=2)

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


def fraction_percent(value, decimals=2) -> str:
    """Return a fraction as SHCP gives it (0.0966) as a percentage: «9.66 %»."""
    if value is None:
        return formatting.unknown()
    return formatting.percent(value * 100, decimals=decimals)


def _as_fraction(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def rate_text(loan) -> str:
    """Return a loan's rate as SHCP gives it, readable: «TIIE a 28 días + 0.95 puntos»."""
    reference = " ".join(loan.reference_rate.split())
    fraction = _as_fraction(reference)
    if fraction is not None and fraction < 1:
        # SHCP writes a fixed rate as a fraction: 0.1128 is 11.28 %.
        reference = fraction_percent(fraction)
    if loan.spread is None:
        return reference or formatting.unknown()
    spread = gettext("%(points)s puntos") % {"points": formatting.number(loan.spread * 100, 2)}
    if not reference:
        return gettext("sobretasa de %(spread)s") % {"spread": spread}
    return f"{reference} + {spread}"


class RegistryLoanTable(SourceColumnsMixin, DataTable):
    """Each loan of a registry listing with its terms and its balance on the listing's date.

    Records are RegistryLoans from `debt.registry_selectors.registry_loans` (balance
    annotated). On the page: the terms a reader compares, the rest under «Más datos»; in the
    CSV every field SHCP gives, as it gives it (rates and shares as fractions).
    """

    debtor = tables.Column(verbose_name=_("Deudor"))
    debtor_type = ChoiceColumn(DebtorType, verbose_name=_("Tipo de deudor"), visible=False)
    creditor_group = tables.Column(
        verbose_name=_("Acreedor"), accessor="creditor", order_by=("creditor",)
    )
    creditor = export_only(_("Acreedor (nombre completo)"))
    obligation_type = tables.Column(verbose_name=_("Tipo"))
    balance = MillionsColumn(verbose_name=_("Saldo al corte"), attrs=NUMBER_ATTRS)
    signed_after_snapshot = export_only(_("Firmado después del corte"), empty_values=())
    signed_on = DateColumn(verbose_name=_("Firma"), default=formatting.unknown)
    maturity_on = DateColumn(verbose_name=_("Vencimiento"), default=formatting.unknown)
    rate = tables.Column(
        verbose_name=_("Tasa"),
        accessor="reference_rate",
        empty_values=(),
        exclude_from_export=True,
        order_by=("reference_rate", "spread"),
    )
    reference_rate = export_only(_("Tasa de referencia"))
    spread = export_only(_("Sobretasa (fracción)"))
    effective_rate = tables.Column(
        verbose_name=_("Tasa efectiva"), attrs=NUMBER_ATTRS, default=formatting.unknown
    )
    payment_source = tables.Column(
        verbose_name=_("Fuente de pago (% afectado)"), default=formatting.unknown
    )
    pledged_fraction = export_only(_("Porcentaje afectado (fracción)"))
    pledged_text = export_only(_("Porcentaje afectado (texto)"))
    details = tables.TemplateColumn(
        template_name="debt/_registry_loan_details.html",
        verbose_name=_("Más datos"),
        empty_values=(),
        orderable=False,
        exclude_from_export=True,
    )
    amount_contracted = export_only(_("Monto original contratado"))
    inscribed_on = export_only(_("Fecha de inscripción"))
    term_months = export_only(_("Plazo (meses)"))
    term_days = export_only(_("Plazo (días)"))
    last_modified_on = export_only(_("Fecha de última modificación"))
    purpose = export_only(_("Destino"))
    guarantee_type = export_only(_("Garantía: tipo"))
    guarantee_guarantor = export_only(_("Garantía: garante"))
    guarantee_amount = export_only(_("Garantía: monto o porcentaje"))
    guarantee_signed = export_only(_("Garantía: contratación"))
    guarantee_maturity = export_only(_("Garantía: vencimiento"))
    hedge_instrument = export_only(_("Derivado: instrumento"))
    hedge_institution = export_only(_("Derivado: institución"))
    hedge_rate = export_only(_("Derivado: tasa garantizada"))
    hedge_signed = export_only(_("Derivado: contratación"))
    hedge_maturity = export_only(_("Derivado: vencimiento"))
    registry = ChoiceColumn(LoanRegistry, verbose_name=_("Registro"), visible=False)
    as_of = export_only(_("Saldos al"))

    anchor = "tabla-creditos"  # where the page links of the pagination land

    class Meta(DataTable.Meta):
        orderable = True
        order_by_field = "orden"
        page_field = "pagina"
        template_name = "debt/_paginated_table.html"
        sequence = (
            "debtor",
            "debtor_type",
            "creditor_group",
            "creditor",
            "obligation_type",
            "balance",
            "signed_after_snapshot",
            "signed_on",
            "maturity_on",
            "rate",
            "reference_rate",
            "spread",
            "effective_rate",
            "payment_source",
            "pledged_fraction",
            "pledged_text",
            "details",
            "...",
            *SOURCE_COLUMNS,
        )
        empty_text = _("Ningún crédito cumple con estos filtros.")

    def render_creditor_group(self, value):
        return creditor_group(value)

    def value_creditor_group(self, value):
        return creditor_group(value)

    def render_balance(self, value, record):
        amount = formatting.millions_of_pesos(value)
        if record.signed_after_snapshot():
            return gettext("%(amount)s: firmado después del corte, no quiere decir pagado") % {
                "amount": amount
            }
        return amount

    def value_signed_after_snapshot(self, record):
        return record.signed_after_snapshot()

    def render_rate(self, record):
        return rate_text(record)

    def render_effective_rate(self, value):
        return fraction_percent(value)

    def render_payment_source(self, value, record):
        pledged = (
            fraction_percent(record.pledged_fraction)
            if record.pledged_fraction is not None
            else record.pledged_text
        )
        return f"{value} ({pledged})" if pledged else value


class BalanceGroupTable(DataTable):
    """A registry chart's data table: loans grouped by creditor, source of payment, debtor or
    maturity year. Records are `debt.registry_selectors.BalanceGroup`s.

    Four short columns fit a phone as a table: it stays one (no cards), so forty debtors do
    not take forty cards.
    """

    group = tables.Column(verbose_name=_("Grupo"), accessor="label")
    balance = MillionsColumn(verbose_name=_("Saldo (mdp)"), attrs=NUMBER_ATTRS)
    share = tables.Column(verbose_name=_("% del saldo"), attrs=NUMBER_ATTRS)
    loans = tables.Column(verbose_name=_("Créditos"), attrs=NUMBER_ATTRS)

    class Meta(DataTable.Meta):
        pass

    def __init__(self, *args, group_header=None, **kwargs):
        super().__init__(*args, attrs={"class": "data-table data-table--compact"}, **kwargs)
        if group_header:
            self.columns["group"].column.verbose_name = group_header

    def render_balance(self, value):
        # The header says «mdp»: the cells keep to the number, so four columns fit a phone.
        return formatting.pesos(value / formatting.MILLION, decimals=1)

    def render_share(self, value):
        if value is not None and 0 < value < Decimal("0.0005"):
            return gettext("menos de 0.1\u00a0%")  # the number and its sign on one line
        return fraction_percent(value, decimals=1)


class SnapshotComparisonTable(DataTable):
    """Two registry listings summed by the same groups (suma de saldos registrados).

    Records are `debt.registry_selectors.SnapshotRow`s; the headers name the two dates.
    """

    group = tables.Column(verbose_name=_("Grupo"), accessor="label")
    earlier = MillionsColumn(verbose_name=_("Antes"), attrs=NUMBER_ATTRS)
    earlier_loans = tables.Column(verbose_name=_("Créditos"), attrs=NUMBER_ATTRS)
    later = MillionsColumn(verbose_name=_("Después"), attrs=NUMBER_ATTRS)
    later_loans = tables.Column(verbose_name=_("Créditos"), attrs=NUMBER_ATTRS)

    class Meta(DataTable.Meta):
        pass

    def __init__(self, *args, group_header, earlier_as_of, later_as_of, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns["group"].column.verbose_name = group_header
        for name, day in (("earlier", earlier_as_of), ("later", later_as_of)):
            when = {"date": formatting.long_date(day)}
            self.columns[name].column.verbose_name = (
                gettext("Saldos registrados al %(date)s") % when
            )
            self.columns[f"{name}_loans"].column.verbose_name = (
                gettext("Créditos al %(date)s") % when
            )


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
