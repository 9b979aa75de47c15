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
from debt.models import (
    AlertLevel,
    DebtorType,
    LoanRegistry,
    LoanStatus,
    PaymentSource,
    RateType,
    Scope,
)
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
            return gettext("menos de 0.1 %")  # a no-break space keeps the sign on its line
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

    anchor = "tabla-saldos"  # where the page links of the pagination land

    class Meta(DataTable.Meta):
        page_field = "pagina"
        template_name = "debt/_paginated_table.html"
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


# The national pages (/deuda/, /deuda/comparar/): records from debt.national.


class UnknownLastListData(tables.data.TableListData):
    """Rows sorted by the chosen column, with «sin dato» last either way and the national
    total always at the end (it is no state to rank)."""

    def order_by(self, aliases):
        super().order_by(aliases)
        if not aliases:
            return
        accessor = tables.A(self.table.columns[tables.utils.OrderBy(aliases[0]).bare].accessor)
        self.data.sort(
            key=lambda row: (
                getattr(row, "is_national", False),
                accessor.resolve(row, quiet=True) is None,
            )
        )


PERCENT_QUANTUM = Decimal("0.0001")
CENTS = Decimal("0.01")


def _quantized(value, quantum):
    return value.quantize(quantum) if value is not None else None


class PesosColumn(tables.Column):
    """Pesos without cents on the page ($12,345), the amount to the cent in the CSV."""

    def render(self, value):
        return formatting.pesos(value, decimals=0)

    def value(self, value):
        return _quantized(value, CENTS)


class PercentColumn(tables.Column):
    """A percentage (2.5 = 2.5 %): two decimals on the page, four in the CSV."""

    def render(self, value):
        return formatting.percent(value, decimals=2)

    def value(self, value):
        return _quantized(value, PERCENT_QUANTUM)


def _number(column_class, verbose_name, **kwargs):
    return column_class(
        verbose_name=verbose_name, attrs=NUMBER_ATTRS, default=formatting.unknown, **kwargs
    )


class StateDebtTable(SourceColumnsMixin, DataTable):
    """The 32 states and the national total: SHCP's latest year-end balance, per person and
    as % of GDP, beside the Sistema de Alertas «deuda y obligaciones». Page and CSV.

    Records are `debt.national.StateDebtRow`s; headers name the dates the data refer to.
    """

    name = tables.Column(
        verbose_name=_("Estado"),
        linkify=lambda record: record.get_absolute_url(),
        order_by=("sort_name",),
    )
    cve_ent = export_only(_("Clave INEGI"))
    amount = _number(MillionsColumn, _("Saldo (SHCP)"))
    as_of = export_only(_("Fecha del saldo"))
    per_person = _number(PesosColumn, _("Por persona"))
    population = export_only(_("Población a mitad de año (CONAPO)"))
    percent_gdp = _number(PercentColumn, _("% del PIB estatal (INEGI)"))
    gdp = export_only(_("PIB estatal a precios corrientes (INEGI)"))
    shcp_percent_gdp = _number(PercentColumn, _("% del PIB según SHCP"))
    shcp_percent_as_of = export_only(_("Fecha del % del PIB según SHCP"), empty_values=())
    alerts_amount = _number(MillionsColumn, _("Deuda y obligaciones (Sistema de Alertas)"))
    alerts_evaluation = export_only(_("Evaluación del Sistema de Alertas"))
    alerts_source_published_in = export_only(
        _("Fuente de deuda y obligaciones"), accessor="alerts_source__published_in"
    )

    class Meta(DataTable.Meta):
        # Not stacked into cards on a phone (32 cards of six long labels): the table scrolls
        # sideways in its box with the states' names kept in view, and the headers still sort.
        attrs = {"class": "data-table data-table--scroll"}
        orderable = True
        order_by_field = "orden"
        sequence = (
            "name",
            "cve_ent",
            "amount",
            "as_of",
            "per_person",
            "population",
            "percent_gdp",
            "gdp",
            "shcp_percent_gdp",
            "shcp_percent_as_of",
            "alerts_amount",
            "alerts_evaluation",
            *SOURCE_COLUMNS,
            "alerts_source_published_in",
        )
        row_attrs = {"class": lambda record: "total-row" if record.is_national else ""}
        empty_text = _("Todavía no hay cifras oficiales de deuda de los estados.")

    def __init__(self, data, *, overview, **kwargs):
        super().__init__(UnknownLastListData(data), **kwargs)
        self.overview = overview
        headers = {}
        if overview.as_of:
            date = formatting.long_date(overview.as_of)
            headers["amount"] = gettext("Saldo al %(date)s (SHCP)") % {"date": date}
            headers["per_person"] = gettext("Por persona (población %(year)s)") % {
                "year": overview.year
            }
            headers["percent_gdp"] = gettext("%% del PIB estatal %(year)s (INEGI)") % {
                "year": overview.year
            }
        if overview.shcp_percent_as_of:
            headers["shcp_percent_gdp"] = gettext("%% del PIB según SHCP (%(date)s)") % {
                "date": formatting.long_date(overview.shcp_percent_as_of)
            }
        if overview.alerts_evaluation:
            headers["alerts_amount"] = gettext(
                "Deuda y obligaciones, Sistema de Alertas (%(evaluation)s)"
            ) % {"evaluation": overview.alerts_evaluation}
        for name, header in headers.items():
            self.columns[name].column.verbose_name = header

    def value_as_of(self, value):
        return value.isoformat() if value else None

    def value_shcp_percent_as_of(self, record):
        if record.shcp_percent_gdp is None or self.overview.shcp_percent_as_of is None:
            return None
        return self.overview.shcp_percent_as_of.isoformat()


class RankedStateTable(SourceColumnsMixin, DataTable):
    """The states ranked on one measure of the comparison page: page and CSV.

    Records are `debt.national.RankedState`s, already in order (highest first).
    """

    rank = tables.Column(verbose_name=_("Lugar"), attrs=NUMBER_ATTRS, default="—")
    name = tables.Column(verbose_name=_("Estado"), linkify=lambda record: record.get_absolute_url())
    cve_ent = export_only(_("Clave INEGI"))
    value = tables.Column(verbose_name=_("Valor"), attrs=NUMBER_ATTRS, default=formatting.unknown)
    result = ChoiceColumn(AlertLevel, verbose_name=_("Resultado del Sistema de Alertas"))
    measure = export_only(_("Medida"), empty_values=())
    base_year = export_only(_("Año base"), empty_values=())
    as_of = export_only(_("Fecha a la que se refiere"))
    evaluation = export_only(_("Evaluación"), empty_values=())

    class Meta(DataTable.Meta):
        # Three short columns fit a phone as a table; cards would make it six times longer.
        attrs = {"class": "data-table data-table--ranked"}
        sequence = (
            "rank",
            "name",
            "cve_ent",
            "value",
            "measure",
            "base_year",
            "as_of",
            "evaluation",
            "result",
            *SOURCE_COLUMNS,
        )
        empty_text = _("Todavía no hay cifras oficiales de deuda de los estados.")

    def __init__(self, data, *, comparison, **kwargs):
        if not comparison.is_alert_indicator:
            kwargs["exclude"] = ("result", "evaluation")
        super().__init__(data, **kwargs)
        self.comparison = comparison
        self.columns["value"].column.verbose_name = comparison_header(comparison)

    def render_value(self, record):
        return record.value_display

    def value_value(self, value):
        if value is None:
            return None
        if self.comparison.is_alert_indicator:
            return value.quantize(PERCENT_QUANTUM)
        quantum = MEASURE_QUANTUM.get(Measure(self.comparison.measure), CENTS)
        return value.quantize(quantum)

    def value_measure(self):
        return self.comparison.measure

    def value_base_year(self):
        return self.comparison.base_year if self.comparison.measure == Measure.REAL else None

    def value_as_of(self, value):
        return value.isoformat() if value else None

    def value_evaluation(self):
        return self.comparison.evaluation


def comparison_header(comparison) -> str:
    """The value column's header: the measure and, for an amount, the date it refers to."""
    from debt.national import CompareMeasure

    label = CompareMeasure.label(comparison.measure)
    if comparison.measure == Measure.REAL:
        label = gettext("Saldo en pesos de %(year)s") % {"year": comparison.base_year}
    if comparison.is_alert_indicator:
        return f"{label} ({comparison.evaluation})"
    if comparison.as_of:
        return f"{label}, {formatting.long_date(comparison.as_of)}"
    return label


class SeriesValueColumn(tables.Column):
    """One year of the small multiples' data table: a bare number in the unit its caption
    names (millions of pesos, pesos per person or % of GDP), so 32 × 23 cells stay short;
    plain in the CSV (pesos to the cent, or four decimals of a percentage)."""

    def __init__(self, measure, **kwargs):
        attrs = {"th": {"class": "num"}, "td": {"class": "num"}}
        super().__init__(attrs=attrs, default=formatting.unknown, **kwargs)
        self.measure = Measure(measure)

    def render(self, value):
        if self.measure in (Measure.NOMINAL, Measure.REAL):
            return formatting.number(value / formatting.MILLION, 1)
        return formatting.number(value, 2 if self.measure == Measure.PERCENT_GDP else 0)

    def value(self, value):
        return _quantized(value, MEASURE_QUANTUM.get(self.measure, CENTS))


class StateHistoryTable(DataTable):
    """The small multiples' data table: one row per state, one column per year-end.

    Records are the dicts of `debt.national.Comparison.history` (values keyed by the year).
    """

    state = tables.Column(verbose_name=_("Estado"))
    cve_ent = export_only(_("Clave INEGI"))

    class Meta(DataTable.Meta):
        # Wide: a phone scrolls it sideways inside its own box rather than stacking 24 cells.
        attrs = {"class": "data-table data-table--wide"}

    def __init__(self, data, *, years, measure, **kwargs):
        extra = [
            (
                str(year),
                SeriesValueColumn(
                    measure, verbose_name=str(year), accessor=tables.A(f"values__{year}")
                ),
            )
            for year in years
        ]
        super().__init__(data, extra_columns=extra, **kwargs)


# The reference series the conversions use (downloads only: the pages cite them in notes).


class ConsumerPriceIndexTable(DataTable):
    """INEGI's monthly INPC, as the conversions to constant pesos use it."""

    month = DateColumn(verbose_name=_("Mes"))
    date_precision = tables.Column(verbose_name=_("Precisión de la fecha"), empty_values=())
    value = tables.Column(verbose_name=_("INPC"))

    class Meta(DataTable.Meta):
        empty_text = _("Todavía no hay INPC cargado.")

    def value_date_precision(self):
        return DatePrecision.MONTH.value


class StateColumnsTable(DataTable):
    """Rows of a state (or of the nation, where the state is empty): its name and INEGI code."""

    state = tables.Column(verbose_name=_("Estado"), accessor="state__name")
    cve_ent = export_only(_("Clave INEGI"), accessor="state__cve_ent")

    class Meta(DataTable.Meta):
        pass


class StateYearTable(StateColumnsTable):
    """A yearly figure of each state (or of the nation, where the state is empty)."""

    year = tables.Column(verbose_name=_("Año"))

    class Meta(StateColumnsTable.Meta):
        pass


class PopulationTable(StateYearTable):
    """CONAPO's population of each state and of the nation (empty state), by year."""

    start_of_year = tables.Column(verbose_name=_("Población al inicio del año"))
    mid_year = tables.Column(verbose_name=_("Población a mitad de año"))

    class Meta(StateYearTable.Meta):
        pass


class StateGDPTable(StateYearTable):
    """INEGI's state GDP by year, at current prices and at 2018 prices."""

    current_prices = MillionsColumn(verbose_name=_("PIB a precios corrientes"))
    prices_2018 = MillionsColumn(verbose_name=_("PIB a precios de 2018"))
    revised = tables.Column(verbose_name=_("Cifra revisada"))

    class Meta(StateYearTable.Meta):
        pass


def _amount(verbose_name):
    """An EFIPEM amount: millions on the page, «sin dato» where INEGI gives none."""
    return MillionsColumn(verbose_name=verbose_name, attrs=NUMBER_ATTRS, default=formatting.unknown)


class StateFinancesTable(SourceColumnsMixin, StateYearTable):
    """INEGI's EFIPEM: a state's revenue, spending and debt chapter by year, in current pesos.

    The debt service the Informe Ciudadano speaks of is its own column (amortisation +
    interest + fees + expenses + hedging); ADEFAS and financial support are in the debt
    chapter but are not debt service.
    """

    total_revenue = _amount(_("Ingresos totales"))
    participaciones = _amount(_("Participaciones federales"))
    aportaciones = _amount(_("Aportaciones federales"))
    borrowing = _amount(_("Financiamiento (ingreso por deuda)"))
    total_spending = _amount(_("Egresos totales"))
    debt_chapter = _amount(_("Capítulo deuda pública"))
    debt_service_total = _amount(_("Servicio de la deuda"))
    amortization = _amount(_("Amortización"))
    interest = _amount(_("Intereses"))
    fees = _amount(_("Comisiones"))
    expenses = _amount(_("Gastos"))
    hedging = _amount(_("Coberturas"))
    financial_support = _amount(_("Apoyos financieros"))
    adefas = _amount(_("ADEFAS"))
    inegi_status = tables.Column(verbose_name=_("Estatus INEGI"))

    class Meta(StateYearTable.Meta):
        sequence = ("...", *SOURCE_COLUMNS)


class DebtByDebtorTable(SourceColumnsMixin, StateColumnsTable):
    """SHCP's balance by type of debtor and source of payment (state empty: the nation)."""

    as_of = DateColumn(verbose_name=_("Fecha"))
    debtor_type = ChoiceColumn(DebtorType, verbose_name=_("Acreditado"))
    payment_source = ChoiceColumn(PaymentSource, verbose_name=_("Fuente de pago"))
    amount = MillionsColumn(verbose_name=_("Saldo"), attrs=NUMBER_ATTRS)

    class Meta(StateColumnsTable.Meta):
        sequence = ("...", *SOURCE_COLUMNS)
