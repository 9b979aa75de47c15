"""The debt app's published datasets (core.datasets): each built from the table its page shows.

Registered in `DebtConfig.ready()`. The filters are the pages' own query parameters; a state
that a page takes from its address is the `estado` parameter (its slug).
"""

from copy import copy
from datetime import date

import django_tables2 as tables
from django import forms
from django.db.models import Max, Min, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.datasets import (
    DATE,
    INTEGER,
    NUMBER,
    Coverage,
    FieldInfo,
    NoFilters,
    PublishedDataset,
    aggregate_of_all,
)
from core.models import Source
from core.tables import SOURCE_COLUMNS, MillionsColumn
from debt import national, registry_selectors, selectors
from debt.conversions import Converter, Measure
from debt.filters import LoanFilter, RegistryLoanFilter
from debt.forms import CompareForm
from debt.models import (
    ConsumerPriceIndex,
    DebtByDebtorAndPayment,
    DebtFigure,
    Loan,
    LoanBalance,
    LoanRegistry,
    NationalDebtFigure,
    Population,
    RegistryLoan,
    StateFinances,
    StateGDP,
)
from debt.tables import (
    BalanceTable,
    ConsumerPriceIndexTable,
    DebtByDebtorTable,
    HistoricalTable,
    LoanTable,
    PopulationTable,
    RankedStateTable,
    RegistryLoanTable,
    StateDebtTable,
    StateFinancesTable,
    StateGDPTable,
)
from states.models import State

PESOS = _("pesos mexicanos (MXN)")
SOURCE_PER_ROW = _("Cada fila dice su fuente (columnas source_*).")


class StateForm(forms.Form):
    """?estado=<slug>: datasets the portal shows state by state."""

    estado = forms.ModelChoiceField(
        queryset=State.objects.order_by("name"),
        to_field_name="slug",
        label=_("Estado"),
        help_text=_("Clave del estado en las direcciones del portal, p. ej. zacatecas."),
        error_messages={"required": _("Elige un estado: ?estado=zacatecas, por ejemplo.")},
    )


def _first_state() -> dict:
    state = State.objects.order_by("name").first()
    return {"estado": state} if state else {}


def _all_states() -> tuple:
    return tuple(State.objects.order_by("name").values_list("name", flat=True))


def _state_slug(filters) -> list[str]:
    return [filters["estado"].slug] if filters.get("estado") else []


def _catalogue_page(key):
    """For reference data no portal page shows: the dataset's own page in the catalogue."""
    return lambda filters: reverse("open-data-dataset", args=[key])


def _sources_of(*models, **lookup):
    """The sources the rows of these models cite (their `source` field); `lookup` narrows the
    rows to those the dataset serves."""

    def sources():
        cited = Source.objects.none()
        for model in models:
            rows = model.objects.filter(**lookup)
            cited = cited | Source.objects.filter(pk__in=rows.values("source"))
        return cited.distinct().order_by("reported_by", "published_in")

    return sources


def _source_keyed(key):
    return lambda: Source.objects.filter(key=key)


def _dates(model, field, **lookup):
    def coverage():
        # One query: the states' names, each beside the (same) first and last date.
        dated = model.objects.filter(**lookup).order_by()
        states = State.objects.order_by("name").annotate(
            start=Subquery(aggregate_of_all(dated, start=Min(field))),
            end=Subquery(aggregate_of_all(dated, end=Max(field))),
        )
        rows = list(states.values_list("name", "start", "end"))
        if not rows:
            return Coverage()
        return Coverage(tuple(name for name, _start, _end in rows), rows[0][1], rows[0][2])

    return coverage


# Historical debt: a state's figures and the official measures, in a chosen measure.


class HistoricalForm(StateForm):
    medida = forms.ChoiceField(
        choices=Measure.choices,
        required=False,
        label=_("Medida"),
        help_text=_("Pesos corrientes (nominal) si no se indica."),
    )
    base = forms.IntegerField(
        required=False,
        min_value=1900,
        max_value=2100,
        label=_("Año base"),
        help_text=_("Para pesos constantes: el año de los pesos (el más reciente del INPC si no)."),
    )

    def clean_medida(self):
        return self.cleaned_data.get("medida") or Measure.NOMINAL.value


def historical_dictionary_tables(example) -> list[HistoricalTable]:
    """The tables of `dictionary_filters` (% of GDP, then constant pesos) from one read of the
    state's rows: the constant-pesos table converts the same rows again."""
    if not example.get("estado"):
        return []
    converter = Converter(example["estado"])
    rows = selectors.history_rows(example["estado"], Measure.PERCENT_GDP, converter)
    real_rows = []
    for row in rows:
        real = copy(row)
        real.measure_value = converter.convert(
            row.amount, row.as_of, row.date_precision, Measure.REAL
        )
        real.shcp_percent = None  # SHCP's percentage goes with % of GDP only
        real_rows.append(real)
    return [
        HistoricalTable(rows, measure=Measure.PERCENT_GDP, base_year=converter.base_year),
        HistoricalTable(real_rows, measure=Measure.REAL, base_year=converter.base_year),
    ]


def historical_table(filters) -> HistoricalTable:
    state = filters["estado"]
    converter = Converter(state)
    base = filters.get("base")
    if base and base in converter.inpc_by_year:
        converter.base_year = base
    measure = Measure(filters.get("medida") or Measure.NOMINAL)
    rows = selectors.history_rows(state, measure, converter)
    return HistoricalTable(rows, measure=measure, base_year=converter.base_year)


historical_debt = PublishedDataset(
    key="deuda-historica",
    title=_("Deuda pública histórica de un estado"),
    description=_(
        "Cada saldo de deuda conocido de un estado, desde 1993: la serie oficial de la SHCP, "
        "otras cifras con fuente y las medidas oficiales (sumas del Registro Público Único, "
        "Sistema de Alertas). Se puede pedir en pesos corrientes, en pesos constantes de un "
        "año, por persona o como porcentaje del PIB estatal."
    ),
    build_table=historical_table,
    filter_form=HistoricalForm,
    example_filters=_first_state,
    dictionary_filters=lambda: [
        {**_first_state(), "medida": Measure.PERCENT_GDP.value},
        {**_first_state(), "medida": Measure.REAL.value},
    ],
    dictionary_tables=historical_dictionary_tables,
    page_url=lambda filters: reverse("debt:historical", args=[filters["estado"].slug]),
    filename_parts=lambda filters: [
        *_state_slug(filters),
        filters.get("medida"),
        filters.get("base"),
    ],
    models=(DebtFigure, RegistryLoan),
    fields={
        "as_of": FieldInfo(description=_("Fecha a la que se refiere la cifra (ISO 8601).")),
        "date_precision": FieldInfo(
            description=_("Si la fecha es un día, un mes (día 1) o un año (1 de enero).")
        ),
        "measure_value": FieldInfo(
            NUMBER,
            _("según la columna measure: pesos, pesos por persona o % del PIB"),
            _("La cifra en la medida pedida; vacío si no se puede calcular."),
        ),
        "shcp_percent_gdp": FieldInfo(NUMBER, _("por ciento"), _("El % del PIB que da la SHCP.")),
        "measure": FieldInfo(description=_("La medida pedida: nominal, real, per-capita...")),
        "base_year": FieldInfo(INTEGER, description=_("Año de los pesos constantes.")),
        "amount": FieldInfo(NUMBER, PESOS, _("Saldo en pesos corrientes.")),
    },
    coverage=_dates(DebtFigure, "as_of"),
    sources=_sources_of(DebtFigure, RegistryLoan),
    order=20,
)


# The 32 states and the national total (/deuda/).


state_debt = PublishedDataset(
    key="deuda-estados",
    title=_("Deuda de los 32 estados y total nacional"),
    description=_(
        "El saldo de la deuda de cada estado al último cierre anual que publicó la SHCP, por "
        "persona (población de CONAPO) y como porcentaje del PIB estatal (INEGI), junto a "
        "«deuda y obligaciones» del Sistema de Alertas."
    ),
    build_table=lambda filters: StateDebtTable(
        national.debt_overview().all_rows, overview=national.debt_overview()
    ),
    filter_form=NoFilters,  # the page's rows: always the 32 states and the national total
    example_filters=dict,
    page_url=lambda filters: reverse("debt:index"),
    models=(DebtFigure, NationalDebtFigure, StateGDP),
    fields={
        "cve_ent": FieldInfo(description=_("Clave INEGI del estado (00 el total nacional).")),
        "as_of": FieldInfo(DATE, description=_("Fecha del saldo.")),
        "population": FieldInfo(INTEGER, _("personas")),
        "gdp": FieldInfo(NUMBER, PESOS),
        "shcp_percent_as_of": FieldInfo(DATE),
        "alerts_amount": FieldInfo(NUMBER, PESOS),
    },
    coverage=lambda: Coverage(_all_states()),
    sources=_source_keyed(national.OFFICIAL_SERIES_KEY),
    order=21,
)


# The states compared on one measure (/deuda/comparar/).


class CompareDatasetForm(forms.Form):
    medida = forms.ChoiceField(required=False, label=_("Comparar por"))
    base = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Año base"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medida"].choices = national.CompareMeasure.choices()

    def clean_medida(self):
        return self.cleaned_data.get("medida") or national.CompareMeasure.DEFAULT


def compare_table(filters) -> RankedStateTable:
    form = CompareForm(
        {"medida": filters.get("medida") or "", "base": filters.get("base") or ""},
        base_years=national.base_years(),
    )
    result = national.comparison(*form.chosen())
    return RankedStateTable(result.ranked, comparison=result)


state_comparison = PublishedDataset(
    key="comparacion-estados",
    title=_("Comparación de los estados en una medida"),
    description=_(
        "Los estados ordenados de mayor a menor en una medida: saldo en pesos corrientes o "
        "constantes, por persona, % del PIB, o los indicadores del Sistema de Alertas."
    ),
    build_table=compare_table,
    filter_form=CompareDatasetForm,
    example_filters=lambda: {"medida": national.CompareMeasure.DEFAULT},
    # An amount and an indicator of the Sistema de Alertas: between them, every column.
    dictionary_filters=lambda: [
        {"medida": national.CompareMeasure.REAL},
        {"medida": national.CompareMeasure.DEBT_TO_FREE_REVENUE},
    ],
    page_url=lambda filters: f"{reverse('debt:compare')}?medida={filters.get('medida', '')}",
    filename_parts=lambda filters: [filters.get("medida"), filters.get("base")],
    models=(DebtFigure, StateGDP),
    fields={
        "rank": FieldInfo(INTEGER, description=_("Lugar, de mayor a menor.")),
        "cve_ent": FieldInfo(description=_("Clave INEGI del estado.")),
        "value": FieldInfo(NUMBER, _("según la columna measure")),
        "base_year": FieldInfo(INTEGER),
        "as_of": FieldInfo(DATE),
    },
    coverage=lambda: Coverage(_all_states()),
    sources=_source_keyed(national.OFFICIAL_SERIES_KEY),
    order=22,
)


# Loans of the Registro Público Único (SHCP), as the current-debt page lists them.


class RegistryLoanForm(StateForm):
    tipo = forms.CharField(required=False, label=_("Tipo de deudor"))
    deudor = forms.CharField(required=False, label=_("Deudor"))


def registry_table(filters) -> RegistryLoanTable:
    state = filters["estado"]
    filterset = RegistryLoanFilter(
        {"tipo": filters.get("tipo") or "", "deudor": filters.get("deudor") or ""},
        queryset=registry_selectors.registry_loans(state),
        debtors=registry_selectors.registry_debtors(state),
    )
    return RegistryLoanTable(filterset.qs)


# What the 2015 registry gives (the RPU's other columns would be empty in every row).
REGISTRY_2015_COLUMNS = (
    "debtor",
    "debtor_type",
    "creditor_group",
    "creditor",
    "obligation_type",
    "balance",
    "signed_on",
    "inscribed_on",
    "amount_contracted",
    "term_months",
    "payment_source",
    "purpose",
    "registry",
    "as_of",
    *SOURCE_COLUMNS,
)


def registry_2015_table(filters) -> RegistryLoanTable:
    loans = registry_selectors.registry_loans(filters["estado"], LoanRegistry.ROE)
    return RegistryLoanTable(
        loans,
        exclude=[
            name for name in RegistryLoanTable.base_columns if name not in REGISTRY_2015_COLUMNS
        ],
    )


# Text columns SHCP fills by hand: served as published, said so in the dictionary.
DATES_AS_PUBLISHED = _(
    "Texto como lo publica la SHCP: fechas dd/mm/aa (a veces dd/mm/aaaa), varias separadas por «;»."
)
HEDGE_RATE_AS_PUBLISHED = _(
    "Texto como lo publica la SHCP («5.93%», «TIIE a 28 días, 7.70%»); en algunas filas una "
    "fracción (0.057 = 5.7 %)."
)

registry_loans = PublishedDataset(
    key="creditos-rpu",
    title=_("Créditos de un estado en el Registro Público Único (SHCP)"),
    description=_(
        "Cada crédito y obligación inscrito en el Registro Público Único de la SHCP a nombre "
        "del gobierno del estado, sus organismos y sus municipios, con su saldo a la fecha del "
        "último listado y todos los campos que da la SHCP."
    ),
    build_table=registry_table,
    filter_form=RegistryLoanForm,
    example_filters=_first_state,
    page_url=lambda filters: reverse("debt:current", args=[filters["estado"].slug]),
    filename_parts=lambda filters: [
        *_state_slug(filters),
        filters.get("tipo"),
        filters.get("deudor"),
    ],
    models=(RegistryLoan,),
    fields={
        "balance": FieldInfo(NUMBER, PESOS, _("Saldo a la fecha del listado (as_of).")),
        "signed_after_snapshot": FieldInfo("boolean"),
        "spread": FieldInfo(NUMBER, _("fracción (0.0095 = 0.95 puntos)")),
        "effective_rate": FieldInfo(NUMBER, _("fracción (0.1128 = 11.28 %)")),
        "pledged_fraction": FieldInfo(NUMBER, _("fracción")),
        "amount_contracted": FieldInfo(NUMBER, PESOS),
        "inscribed_on": FieldInfo(DATE),
        "last_modified_on": FieldInfo(DATE),
        "term_months": FieldInfo(NUMBER, _("meses")),  # a decimal: the SHCP lists 243.5
        "term_days": FieldInfo(INTEGER, _("días")),
        "as_of": FieldInfo(DATE, description=_("Fecha del listado de la SHCP.")),
        "hedge_rate": FieldInfo(description=HEDGE_RATE_AS_PUBLISHED),
        "guarantee_amount": FieldInfo(
            description=_("Monto en pesos o porcentaje, como lo publica la SHCP.")
        ),
        **dict.fromkeys(
            ("guarantee_signed", "guarantee_maturity", "hedge_signed", "hedge_maturity"),
            FieldInfo(description=DATES_AS_PUBLISHED),
        ),
    },
    # The latest RPU listing only (the 2015 registry is compared on the page, not served here).
    coverage=_dates(RegistryLoan, "as_of", registry=LoanRegistry.RPU),
    sources=_sources_of(RegistryLoan, registry=LoanRegistry.RPU),
    order=23,
)


# Loans documented by the portal (/deuda/<estado>/creditos/).


class DocumentedLoanForm(StateForm):
    acreedor = forms.CharField(required=False, label=_("Acreedor"))
    situacion = forms.CharField(
        required=False, label=_("Situación"), help_text=_("«todos» para todos; vigentes si no.")
    )
    tasa = forms.CharField(required=False, label=_("Tipo de tasa"))


def documented_table(filters) -> LoanTable:
    state = filters["estado"]
    loans = selectors.loans_for(state)
    query = {name: filters.get(name) or "" for name in ("acreedor", "tasa")}
    if filters.get("situacion"):
        query["situacion"] = filters["situacion"]
    creditors = sorted(set(loans.values_list("creditor", flat=True)))
    return LoanTable(LoanFilter(query, queryset=loans, creditors=creditors).qs)


documented_loans = PublishedDataset(
    key="creditos-documentados",
    title=_("Créditos documentados de un estado"),
    description=_(
        "Los créditos de un estado que el portal documentó con sus contratos y fuentes: "
        "acreedor, firma, monto, plazo, tasa, fuente de pago, situación y último saldo."
    ),
    build_table=documented_table,
    filter_form=DocumentedLoanForm,
    example_filters=lambda: {**_first_documented_state(), "situacion": "todos"},
    page_url=lambda filters: reverse("debt:documented", args=[filters["estado"].slug]),
    filename_parts=lambda filters: [
        *_state_slug(filters),
        filters.get("situacion"),
        filters.get("acreedor"),
        filters.get("tasa"),
    ],
    models=(Loan, LoanBalance),
    fields={
        "amount_contracted": FieldInfo(NUMBER, PESOS),
        "latest_balance": FieldInfo(NUMBER, PESOS),
    },
    coverage=_dates(Loan, "signed_on"),
    sources=_sources_of(Loan),
    order=24,
)


def _first_documented_state() -> dict:
    state = State.objects.filter(loans__isnull=False).order_by("name").first()
    return {"estado": state} if state else _first_state()


# Balances of the documented loans.


class BalanceForm(StateForm):
    credito = forms.IntegerField(
        required=False, min_value=1, label=_("Crédito"), help_text=_("Número del crédito.")
    )


def balance_table(filters) -> BalanceTable:
    balances = LoanBalance.objects.filter(loan__state=filters["estado"])
    if filters.get("credito"):
        balances = balances.filter(loan_id=filters["credito"])
    # The loan's page shows one loan: across loans, each row says which (download only).
    return BalanceTable(
        balances.select_related("source", "loan").order_by("loan__label", "as_of"),
        extra_columns=[
            ("loan_id", tables.Column(_("Número del crédito"), accessor="loan_id", visible=False)),
            ("loan", tables.Column(_("Crédito"), accessor="loan__label", visible=False)),
        ],
    )


def _loan_page(filters) -> str:
    if filters.get("credito"):
        return reverse("debt:loan", args=[filters["estado"].slug, filters["credito"]])
    return reverse("debt:documented", args=[filters["estado"].slug])


loan_balances = PublishedDataset(
    key="saldos-creditos",
    title=_("Saldos de los créditos documentados"),
    description=_("Cada saldo publicado de los créditos documentados de un estado, con su fuente."),
    build_table=balance_table,
    filter_form=BalanceForm,
    example_filters=_first_documented_state,
    page_url=_loan_page,
    filename_parts=lambda filters: [*_state_slug(filters), filters.get("credito")],
    models=(LoanBalance,),
    fields={"amount": FieldInfo(NUMBER, PESOS), "loan_id": FieldInfo(INTEGER)},
    coverage=_dates(LoanBalance, "as_of"),
    sources=_sources_of(LoanBalance),
    order=25,
)

DATASETS = (
    historical_debt,
    state_debt,
    state_comparison,
    registry_loans,
    documented_loans,
    loan_balances,
)


# The reference series: INPC, population, state GDP.


class ReferenceForm(forms.Form):
    """?desde=&hasta=: years (both optional)."""

    desde = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Desde"))
    hasta = forms.IntegerField(required=False, min_value=1900, max_value=2100, label=_("Hasta"))


class StateReferenceForm(ReferenceForm):
    estado = forms.ModelChoiceField(
        queryset=State.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        label=_("Estado"),
    )


def _years(queryset, filters, field="year"):
    if filters.get("desde"):
        queryset = queryset.filter(**{f"{field}__gte": filters["desde"]})
    if filters.get("hasta"):
        queryset = queryset.filter(**{f"{field}__lte": filters["hasta"]})
    if filters.get("estado"):
        queryset = queryset.filter(state=filters["estado"])
    return queryset


def _year_coverage(model, *, states_with_rows=False):
    """Years covered, for every state or (`states_with_rows`) for those with rows only."""

    def coverage():
        found = model.objects.aggregate(start=Min("year"), end=Max("year"))
        start = date(found["start"], 1, 1) if found["start"] else None
        end = date(found["end"], 12, 31) if found["end"] else None
        if states_with_rows:
            states = State.objects.filter(pk__in=model.objects.values("state")).order_by("name")
            return Coverage(tuple(states.values_list("name", flat=True)), start, end)
        return Coverage(_all_states(), start, end)

    return coverage


def _reference_filename(filters) -> list:
    return [*_state_slug(filters), filters.get("desde"), filters.get("hasta")]


def _recent_years() -> dict:
    """The INPC of the last two years it covers (the whole series is one filter away)."""
    latest = ConsumerPriceIndex.objects.aggregate(latest=Max("month"))["latest"]
    return {"desde": latest.year - 1} if latest else {}


consumer_prices = PublishedDataset(
    key="inpc",
    title=_("Índice Nacional de Precios al Consumidor (INPC) mensual"),
    description=_(
        "El INPC de cada mes que usa el portal para expresar la deuda en pesos constantes de "
        "un año."
    ),
    build_table=lambda filters: ConsumerPriceIndexTable(
        _years(ConsumerPriceIndex.objects.order_by("month"), filters, "month__year")
    ),
    filter_form=ReferenceForm,
    example_filters=_recent_years,
    page_url=_catalogue_page("inpc"),
    filename_parts=_reference_filename,
    models=(ConsumerPriceIndex,),
    fields={
        "month": FieldInfo(description=_("Primer día del mes.")),
        "value": FieldInfo(NUMBER, _("índice, 2ª quincena de julio de 2018 = 100")),
    },
    coverage=lambda: Coverage(
        (), *ConsumerPriceIndex.objects.aggregate(a=Min("month"), b=Max("month")).values()
    ),
    source_note=_("INEGI, Índice Nacional de Precios al Consumidor."),
    order=40,
)

population = PublishedDataset(
    key="poblacion",
    title=_("Población de los estados (CONAPO)"),
    description=_(
        "La población de cada estado y del país (estado vacío) al inicio y a mitad de cada "
        "año, según las proyecciones de CONAPO que usa el portal para las cifras por persona."
    ),
    build_table=lambda filters: PopulationTable(
        _years(Population.objects.select_related("state").order_by("state__name", "year"), filters)
    ),
    filter_form=StateReferenceForm,
    example_filters=_first_state,
    page_url=_catalogue_page("poblacion"),
    filename_parts=_reference_filename,
    models=(Population,),
    fields={
        "state": FieldInfo(description=_("Vacío para el total nacional.")),
        "year": FieldInfo(INTEGER),
        "start_of_year": FieldInfo(INTEGER, _("personas")),
        "mid_year": FieldInfo(INTEGER, _("personas")),
    },
    coverage=_year_coverage(Population),
    source_note=national.POPULATION_SOURCE,
    order=41,
)

state_gdp = PublishedDataset(
    key="pib-estatal",
    title=_("PIB de los estados (INEGI)"),
    description=_(
        "El producto interno bruto de cada estado por año, a precios corrientes y a precios de "
        "2018, que usa el portal para la deuda como porcentaje del PIB."
    ),
    build_table=lambda filters: StateGDPTable(
        _years(StateGDP.objects.select_related("state").order_by("state__name", "year"), filters)
    ),
    filter_form=StateReferenceForm,
    example_filters=_first_state,
    page_url=_catalogue_page("pib-estatal"),
    filename_parts=_reference_filename,
    models=(StateGDP,),
    fields={
        "year": FieldInfo(INTEGER),
        "revised": FieldInfo("boolean"),
    },
    coverage=_year_coverage(StateGDP),
    source_note=national.GDP_SOURCE,
    order=42,
)

# Every amount of the table (its millions columns): pesos in the dictionary.
EFIPEM_AMOUNTS = [
    name
    for name, column in StateFinancesTable.base_columns.items()
    if isinstance(column, MillionsColumn)
]

state_finances = PublishedDataset(
    key="finanzas-estatales",
    title=_("Finanzas públicas de los estados (INEGI, EFIPEM)"),
    description=_(
        "Ingresos, egresos y capítulo de deuda pública de cada estado por año, en pesos "
        "corrientes, con el servicio de la deuda que usa el Informe Ciudadano. INEGI publica a "
        "la Ciudad de México en otro archivo: no está aquí. Vacío = INEGI no da ese monto."
    ),
    build_table=lambda filters: StateFinancesTable(
        _years(
            StateFinances.objects.with_debt_service()
            .select_related("state", "source")
            .order_by("state__name", "year"),
            filters,
        )
    ),
    filter_form=StateReferenceForm,
    example_filters=_first_state,
    page_url=_catalogue_page("finanzas-estatales"),
    filename_parts=_reference_filename,
    models=(StateFinances,),
    fields={
        "year": FieldInfo(INTEGER),
        **{name: FieldInfo(NUMBER, PESOS) for name in EFIPEM_AMOUNTS},
        "debt_service_total": FieldInfo(
            NUMBER,
            PESOS,
            _(
                "Amortización + intereses + comisiones + gastos + coberturas; sin ADEFAS ni "
                "apoyos financieros, que están en el capítulo de deuda pero no son servicio."
            ),
        ),
        "inegi_status": FieldInfo(description=_("Cifras definitivas o preliminares, según INEGI.")),
    },
    coverage=_year_coverage(StateFinances, states_with_rows=True),
    sources=_sources_of(StateFinances),
    order=43,
)

registry_2015_loans = PublishedDataset(
    key="creditos-registro-2015",
    title=_("Créditos de un estado en el Registro de Obligaciones y Empréstitos, 2015 (SHCP)"),
    description=_(
        "Cada crédito y obligación inscrito a nombre del gobierno del estado, sus organismos y "
        "sus municipios en el registro que la SHCP llevaba antes del Registro Público Único, "
        "con su saldo al 30 de junio de 2015. La página de deuda actual compara su suma con la "
        "del Registro Público Único de 2023."
    ),
    build_table=registry_2015_table,
    filter_form=StateForm,
    example_filters=_first_state,
    page_url=_catalogue_page("creditos-registro-2015"),
    filename_parts=_state_slug,
    models=(RegistryLoan,),
    fields={
        "balance": FieldInfo(NUMBER, PESOS, _("Saldo a la fecha del listado (as_of).")),
        "amount_contracted": FieldInfo(NUMBER, PESOS),
        "inscribed_on": FieldInfo(DATE),
        "term_months": FieldInfo(NUMBER, _("meses")),
        "as_of": FieldInfo(DATE, description=_("Fecha del listado de la SHCP.")),
        "debtor_type": FieldInfo(
            description=_(
                "Vacío donde el registro de 2015 no lo dice: sólo nombra al gobierno del estado; "
                "no distingue a los municipios de los organismos."
            )
        ),
    },
    coverage=_dates(RegistryLoan, "as_of", registry=LoanRegistry.ROE),
    sources=_sources_of(RegistryLoan, registry=LoanRegistry.ROE),
    order=23,  # beside creditos-rpu (ties keep the order of registration)
)

debt_by_debtor = PublishedDataset(
    key="deuda-por-acreditado",
    title=_("Deuda por acreditado y fuente de pago, 2015 (SHCP)"),
    description=_(
        "El saldo de cada estado y del país (estado vacío) al 31 de diciembre de 2015, por "
        "quién debe (gobierno del estado, sus organismos, municipios, organismos municipales) y "
        "con qué se paga (participaciones, aportaciones, ingresos propios), como lo publicó la "
        "SHCP. Los subtotales son sumas de estas filas."
    ),
    build_table=lambda filters: DebtByDebtorTable(
        _years(
            DebtByDebtorAndPayment.objects.select_related("state", "source").order_by(
                "state__name", "as_of", "debtor_type", "payment_source"
            ),
            filters,
            field="as_of__year",
        )
    ),
    filter_form=StateReferenceForm,
    example_filters=_first_state,
    page_url=_catalogue_page("deuda-por-acreditado"),
    filename_parts=_reference_filename,
    models=(DebtByDebtorAndPayment,),
    fields={
        "state": FieldInfo(description=_("Vacío para el total nacional.")),
        "as_of": FieldInfo(DATE, description=_("Fecha del saldo.")),
        "amount": FieldInfo(NUMBER, PESOS),
    },
    coverage=_dates(DebtByDebtorAndPayment, "as_of"),
    sources=_sources_of(DebtByDebtorAndPayment),
    order=44,
)

DATASETS = (
    *DATASETS,
    registry_2015_loans,
    consumer_prices,
    population,
    state_gdp,
    state_finances,
    debt_by_debtor,
)
