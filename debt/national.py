"""Reads of the national debt pages: the 32 states side by side, from the official data.

Every figure here is SHCP's or INEGI's as published (fixtures/official/README.md): the
balance is SHCP's year-end series (it stops at 31 Dec 2015), the Sistema de Alertas gives a
different measure («deuda y obligaciones») for Cuenta Pública 2025. A fixed number of queries,
whatever the number of states or years.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import formatting
from core.models import DatePrecision, Source
from core.registries import Download, HeadlineFigure
from debt.conversions import Converter, Measure
from debt.models import (
    AlertLevel,
    AlertSystemResult,
    ConsumerPriceIndex,
    DebtFigure,
    DebtShareOfGDP,
    NationalDebtFigure,
    Population,
    Scope,
    StateGDP,
)
from states.models import State

# SHCP's «Saldo histórico de obligaciones financieras…»: year-end balances 1993-2014 and one at
# 31 Mar 2015 (which the year-end views leave out), with the balance at 31 Dec 2015 from SHCP's
# 2015 table by type of debtor (its Source names both publications).
OFFICIAL_SERIES_KEY = "shcp-saldo-historico-obligaciones-entidades-1993-2015"
POPULATION_SOURCE = gettext_lazy("CONAPO, proyecciones de la población (población a mitad de año)")
GDP_SOURCE = gettext_lazy("INEGI, PIB por entidad federativa a precios corrientes")


def _year_end_figures():
    return DebtFigure.objects.filter(
        source__key=OFFICIAL_SERIES_KEY,
        scope=Scope.TOTAL,
        as_of__month=12,
        as_of__day=31,
    )


@dataclass
class StateDebtRow:
    """One state (or the national total) on the national debt page: the official balance and
    what it is per person and as a share of GDP, beside the Sistema de Alertas figure."""

    name: str
    cve_ent: str
    slug: str = ""  # empty for the national total
    as_of: datetime.date | None = None
    amount: Decimal | None = None
    population: int | None = None
    gdp: Decimal | None = None
    shcp_percent_gdp: Decimal | None = None
    alerts_amount: Decimal | None = None
    alerts_evaluation: str = ""
    alerts_result: str = ""
    debt_to_free_revenue: Decimal | None = None
    debt_service_to_free_revenue: Decimal | None = None
    free_revenue: Decimal | None = None
    source: Source | None = None  # of the balance (SHCP's series)
    alerts_source: Source | None = None

    @property
    def is_national(self) -> bool:
        return not self.slug

    @property
    def sort_name(self) -> str:
        """The name as a reader sorts it: «México» before «Morelos», accents aside."""
        return formatting.fold(self.name)

    @property
    def per_person(self) -> Decimal | None:
        if self.amount is None or not self.population:
            return None
        return self.amount / self.population

    @property
    def percent_gdp(self) -> Decimal | None:
        if self.amount is None or not self.gdp:
            return None
        return self.amount / self.gdp * 100

    def get_absolute_url(self) -> str | None:
        """The state's debt microsite; None for the national total, which has none."""
        return reverse("debt:microsite", args=[self.slug]) if self.slug else None


@dataclass
class DebtOverview:
    """Every state's row, the national total and what the columns refer to."""

    rows: list[StateDebtRow]
    national: StateDebtRow
    as_of: datetime.date | None
    source: Source | None
    shcp_percent_as_of: datetime.date | None
    alerts_evaluation: str
    alerts_source: Source | None
    measured_states: int
    # The 32 states, by name (the rows' order), for pages that need more of them.
    states: Sequence[State] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return self.as_of.year if self.as_of else None

    @property
    def all_rows(self) -> list[StateDebtRow]:
        """The states, then the national total (the table keeps it last, whatever the order)."""
        return [*self.rows, self.national]

    @property
    def unmeasured(self) -> list[str]:
        """States the latest Sistema de Alertas evaluation did not measure."""
        if not self.alerts_evaluation:
            return []
        return [row.name for row in self.rows if not row.alerts_result]

    def highest_per_person(self) -> StateDebtRow | None:
        known = [row for row in self.rows if row.per_person is not None]
        return max(known, key=lambda row: row.per_person or 0) if known else None


def latest_year_end() -> NationalDebtFigure | None:
    """Return SHCP's latest year-end national figure (31 Dec 2015 in the shipped data)."""
    return (
        NationalDebtFigure.objects.filter(
            source__key=OFFICIAL_SERIES_KEY, scope=Scope.TOTAL, as_of__month=12, as_of__day=31
        )
        .select_related("source")
        .order_by("-as_of")
        .first()
    )


def _latest_alert_results() -> tuple[str, Source | None, dict[int, AlertSystemResult]]:
    """Return the latest evaluation of the Sistema de Alertas, its source and rows by state."""
    results = list(AlertSystemResult.objects.select_related("source"))
    if not results:
        return "", None, {}
    # The evaluation published last; its name («Cuenta Pública 2025») breaks a tie.
    latest = max(
        results,
        key=lambda row: (row.source.published_on or datetime.date.min, row.evaluation),
    )
    by_state = {row.state_id: row for row in results if row.evaluation == latest.evaluation}
    return latest.evaluation, latest.source, by_state


def _shcp_percent_of_gdp(as_of) -> tuple[datetime.date | None, dict[int | None, Decimal]]:
    """SHCP's own % of GDP on the latest date it gives up to `as_of` (national: key None),
    in one query."""
    shares = DebtShareOfGDP.objects.all()
    if as_of is not None:
        shares = shares.filter(as_of__lte=as_of)
    latest_date = shares.order_by("-as_of").values("as_of")[:1]
    rows = list(
        shares.filter(as_of=Subquery(latest_date)).values_list("state_id", "percent", "as_of")
    )
    if not rows:
        return None, {}
    return rows[0][2], {state_id: percent for state_id, percent, _as_of in rows}


def debt_overview() -> DebtOverview:
    """Return the 32 states and the national total at SHCP's latest year-end (eight queries)."""
    national_figure = latest_year_end()
    as_of = national_figure.as_of if national_figure else None
    year = as_of.year if as_of else 0  # no series has a year 0: nothing found, same queries
    # Each state with its population and GDP of that year, in one query.
    of_state_and_year = {"state": OuterRef("pk"), "year": year}
    states = sorted(
        State.objects.annotate(
            population_that_year=Subquery(
                Population.objects.filter(**of_state_and_year).values("mid_year")[:1]
            ),
            gdp_that_year=Subquery(
                StateGDP.objects.filter(**of_state_and_year).values("current_prices")[:1]
            ),
        ),
        key=lambda state: formatting.fold(state.name),
    )
    amounts = {}
    source = national_figure.source if national_figure else None
    if as_of is not None:
        for figure in _year_end_figures().filter(as_of=as_of).select_related("source"):
            amounts[figure.state_id] = figure.amount
            source = source or figure.source
    population: dict[int, int] = {
        state.pk: state.population_that_year
        for state in states
        if state.population_that_year is not None
    }
    gdp: dict[int, Decimal] = {
        state.pk: state.gdp_that_year for state in states if state.gdp_that_year is not None
    }
    shcp_as_of, shcp_percent = _shcp_percent_of_gdp(as_of)
    evaluation, alerts_source, alerts = _latest_alert_results()

    rows = []
    for state in states:
        alert = alerts.get(state.pk)
        rows.append(
            StateDebtRow(
                name=state.name,
                cve_ent=state.cve_ent,
                slug=state.slug,
                as_of=as_of if state.pk in amounts else None,
                amount=amounts.get(state.pk),
                population=population.get(state.pk),
                gdp=gdp.get(state.pk),
                shcp_percent_gdp=shcp_percent.get(state.pk),
                alerts_amount=alert.debt_and_obligations if alert else None,
                alerts_evaluation=evaluation,
                alerts_result=alert.result if alert else "",
                debt_to_free_revenue=alert.debt_to_free_revenue if alert else None,
                debt_service_to_free_revenue=alert.debt_service_to_free_revenue if alert else None,
                free_revenue=alert.free_revenue if alert else None,
                source=source if state.pk in amounts else None,
                alerts_source=alerts_source if alert else None,
            )
        )
    national = StateDebtRow(
        name=_("Total nacional"),
        cve_ent="00",
        as_of=as_of,
        amount=national_figure.amount if national_figure else None,
        # CONAPO's and INEGI's national figures are the sums of the 32 states; a missing
        # state leaves the total unknown rather than short.
        population=(
            sum(population[state.pk] for state in states) if _all_in(population, states) else None
        ),
        gdp=sum((gdp[state.pk] for state in states), Decimal(0)) if _all_in(gdp, states) else None,
        shcp_percent_gdp=shcp_percent.get(None),
        # SHCP publishes no national «deuda y obligaciones»: the sum of the states it measured.
        alerts_amount=_sum_of_known([row.alerts_amount for row in rows]),
        alerts_evaluation=evaluation,
        source=source if national_figure else None,
        alerts_source=alerts_source if alerts else None,
    )
    return DebtOverview(
        rows=rows,
        national=national,
        as_of=as_of,
        source=source,
        shcp_percent_as_of=shcp_as_of,
        alerts_evaluation=evaluation,
        alerts_source=alerts_source,
        measured_states=len(alerts),
        states=states,
    )


def _all_in(values: dict, states) -> bool:
    return bool(states) and all(state.pk in values for state in states)


def _sum_of_known(values) -> Decimal | None:
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if known else None


# The comparison page (/deuda/comparar/)


class CompareMeasure:
    """What the 32 states are compared on (?medida=): the first four are the SHCP balance of
    the latest year-end, converted; the last two are Sistema de Alertas indicators 1 and 2."""

    NOMINAL = Measure.NOMINAL.value
    REAL = Measure.REAL.value
    PER_PERSON = Measure.PER_PERSON.value
    PERCENT_GDP = Measure.PERCENT_GDP.value
    DEBT_TO_FREE_REVENUE = "deuda-ild"
    DEBT_SERVICE_TO_FREE_REVENUE = "servicio-ild"
    DEFAULT = NOMINAL
    ALERT_INDICATORS = (DEBT_TO_FREE_REVENUE, DEBT_SERVICE_TO_FREE_REVENUE)

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [
            (cls.NOMINAL, _("Saldo (pesos corrientes)")),
            (cls.REAL, _("Saldo en pesos constantes")),
            (cls.PER_PERSON, _("Saldo por persona")),
            (cls.PERCENT_GDP, _("Saldo como % del PIB estatal")),
            (cls.DEBT_TO_FREE_REVENUE, _("Deuda ÷ ingresos de libre disposición")),
            (
                cls.DEBT_SERVICE_TO_FREE_REVENUE,
                _("Servicio de la deuda ÷ ingresos de libre disposición"),
            ),
        ]

    @classmethod
    def label(cls, value) -> str:
        return dict(cls.choices())[value]


@dataclass
class RankedState:
    """A state's value in the chosen measure and its place (None when unknown)."""

    rank: int | None
    name: str
    cve_ent: str
    slug: str
    value: Decimal | None
    value_display: str
    as_of: datetime.date | None
    result: str = ""
    source: Source | None = None

    def get_absolute_url(self) -> str:
        return reverse("debt:microsite", args=[self.slug])


@dataclass
class Comparison:
    """The states ranked on one measure, what it refers to, and every state's SHCP series."""

    measure: str
    base_year: int | None
    ranked: list[RankedState]
    as_of: datetime.date | None
    evaluation: str
    source: Source | None
    national_display: str
    history: list[dict] = field(default_factory=list)
    history_years: list[int] = field(default_factory=list)
    history_measure: str = Measure.NOMINAL.value
    history_source: Source | None = None  # SHCP's year-end series, whatever the measure ranked
    # The Sistema de Alertas results of the evaluation: (label, how many states), and who
    # was not measured.
    alert_results: list[tuple[str, int]] = field(default_factory=list)
    unmeasured: list[str] = field(default_factory=list)

    @property
    def is_alert_indicator(self) -> bool:
        return self.measure in CompareMeasure.ALERT_INDICATORS

    @property
    def highest(self) -> RankedState | None:
        known = [entry for entry in self.ranked if entry.value is not None]
        return known[0] if known else None

    @property
    def lowest(self) -> RankedState | None:
        known = [entry for entry in self.ranked if entry.value is not None]
        return known[-1] if known else None

    @property
    def without_value(self) -> list[RankedState]:
        return [entry for entry in self.ranked if entry.value is None]


def base_years() -> list[int]:
    """Return the years the INPC covers, the latest first (what «pesos of year B» can be)."""
    return sorted(
        {month.year for month in ConsumerPriceIndex.objects.dates("month", "year")}, reverse=True
    )


class ReferenceSeries:
    """INPC, population and GDP of every state, read once (three queries), so that the
    conversions of `debt.conversions.Converter` run for 32 states without a query each."""

    def __init__(self, base_year: int | None = None):
        self.inpc_by_month = dict(ConsumerPriceIndex.objects.values_list("month", "value"))
        self.population: dict[int, dict[int, int]] = defaultdict(dict)
        for state_id, year, people in Population.objects.filter(state__isnull=False).values_list(
            "state_id", "year", "mid_year"
        ):
            self.population[state_id][year] = people
        self.gdp: dict[int, dict[int, Decimal]] = defaultdict(dict)
        for state_id, year, amount in StateGDP.objects.values_list(
            "state_id", "year", "current_prices"
        ):
            self.gdp[state_id][year] = amount
        self._template = _PreloadedConverter(self.inpc_by_month, {}, {}, None)
        self._converters: dict[int | None, Converter] = {}
        self.base_year = (
            base_year if base_year in self._template.inpc_by_year else self._template.base_year
        )

    @property
    def inpc_by_year(self):
        return self._template.inpc_by_year

    def base_years(self) -> list[int]:
        return self._template.base_years()

    def inpc_years(self) -> list[int]:
        """The years the INPC covers, the latest first (as `base_years()` of the module)."""
        return sorted({month.year for month in self.inpc_by_month}, reverse=True)

    def use_base_year(self, base_year: int | None) -> None:
        self.base_year = (
            base_year if base_year in self._template.inpc_by_year else self._template.base_year
        )
        self._converters.clear()

    def converter(self, state_id) -> Converter:
        """The state's converter, made once (a page converts thousands of figures)."""
        if state_id not in self._converters:
            self._converters[state_id] = _PreloadedConverter(
                self.inpc_by_month,
                self.population.get(state_id, {}),
                self.gdp.get(state_id, {}),
                self.base_year,
                inpc_by_year=self._template.inpc_by_year,
            )
        return self._converters[state_id]


class _PreloadedConverter(Converter):
    """A Converter given its series instead of reading them (Converter's own rules apply)."""

    def __init__(self, inpc_by_month, population, gdp, base_year, inpc_by_year=None):
        # Not super().__init__(): that reads the three series of one state from the database.
        self.inpc_by_month = inpc_by_month
        if inpc_by_year is None:
            by_year = defaultdict(list)
            for month, value in inpc_by_month.items():
                by_year[month.year].append(value)
            inpc_by_year = {year: sum(values) / len(values) for year, values in by_year.items()}
        self.inpc_by_year = inpc_by_year
        self.population = population
        self.gdp = gdp
        self.base_year = base_year or self.default_base_year()


def format_compare_value(value, measure) -> str:
    """Write a value of the comparison as the public reads it («sin dato» when unknown)."""
    if value is None:
        return formatting.unknown()
    if measure in CompareMeasure.ALERT_INDICATORS:
        return formatting.percent(value * 100, decimals=1)
    if measure == CompareMeasure.PER_PERSON:
        return formatting.pesos(value, decimals=0)
    if measure == CompareMeasure.PERCENT_GDP:
        return formatting.percent(value, decimals=2)
    return formatting.millions_of_pesos(value)


def _rank(entries: list[RankedState]) -> list[RankedState]:
    """Highest first; ties share a place; unknown values last, without a place."""
    known = sorted(
        (entry for entry in entries if entry.value is not None),
        key=lambda entry: (-(entry.value or 0), formatting.fold(entry.name)),
    )
    previous, place = None, 0
    for position, entry in enumerate(known, start=1):
        if entry.value != previous:
            place, previous = position, entry.value
        entry.rank = place
    unknown = sorted(
        (entry for entry in entries if entry.value is None),
        key=lambda entry: formatting.fold(entry.name),
    )
    return [*known, *unknown]


def comparison(
    measure: str, base_year: int | None = None, series: ReferenceSeries | None = None
) -> Comparison:
    """Return the 32 states ranked on `measure`, and each one's SHCP year-end series
    1993-2015 in that measure (indicators of the Sistema de Alertas: in pesos). Nine
    queries (six with `series` already read), whatever the number of states and years."""
    overview = debt_overview()
    if series is None:
        series = ReferenceSeries(base_year)
    else:
        series.use_base_year(base_year)
    states = {state.cve_ent: state for state in overview.states}
    entries = []
    if measure in CompareMeasure.ALERT_INDICATORS:
        attribute = (
            "debt_to_free_revenue"
            if measure == CompareMeasure.DEBT_TO_FREE_REVENUE
            else "debt_service_to_free_revenue"
        )
        for row in overview.rows:
            value = getattr(row, attribute)
            entries.append(_ranked(row, value, measure, None, row.alerts_result, row.alerts_source))
        as_of, source, national_display = None, overview.alerts_source, ""
    else:
        for row in overview.rows:
            state = states[row.cve_ent]
            value = series.converter(state.pk).convert(
                row.amount, row.as_of, DatePrecision.DAY, Measure(measure)
            )
            entries.append(_ranked(row, value, measure, row.as_of, source=row.source))
        as_of, source = overview.as_of, overview.source
        national_display = format_compare_value(
            _national_value(overview.national, measure, series), measure
        )
    history_measure = Measure.NOMINAL if measure in CompareMeasure.ALERT_INDICATORS else measure
    history, years = _history(states, series, Measure(history_measure))
    return Comparison(
        measure=measure,
        base_year=series.base_year,
        ranked=_rank(entries),
        as_of=as_of,
        evaluation=overview.alerts_evaluation,
        source=source,
        national_display=national_display,
        history=history,
        history_years=years,
        history_measure=Measure(history_measure).value,
        history_source=overview.source,
        alert_results=[
            (str(AlertLevel(code).label), count)
            for code, count in Counter(row.alerts_result for row in overview.rows).items()
            if code
        ],
        unmeasured=overview.unmeasured,
    )


def _ranked(row: StateDebtRow, value, measure, as_of, result="", source=None) -> RankedState:
    return RankedState(
        rank=None,
        name=row.name,
        cve_ent=row.cve_ent,
        slug=row.slug,
        value=value,
        value_display=format_compare_value(value, measure),
        as_of=as_of,
        result=result,
        source=source,
    )


def _national_value(national: StateDebtRow, measure, series: ReferenceSeries):
    if measure == CompareMeasure.PER_PERSON:
        return national.per_person
    if measure == CompareMeasure.PERCENT_GDP:
        return national.percent_gdp
    converter = series.converter(None)
    return converter.convert(national.amount, national.as_of, DatePrecision.DAY, Measure(measure))


def _history(states, series: ReferenceSeries, measure: Measure) -> tuple[list[dict], list[int]]:
    """Every state's year-end balances in `measure`: rows {state, cve_ent, slug, values}."""
    # Values keyed by the year as text: the data table's columns look them up by name.
    by_state: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    years = set()
    for state_id, as_of, amount in _year_end_figures().values_list("state_id", "as_of", "amount"):
        converter = series.converter(state_id)
        by_state[state_id][str(as_of.year)] = converter.convert(
            amount, as_of, DatePrecision.DAY, measure
        )
        years.add(as_of.year)
    rows = [
        {
            "state": state.name,
            "short_name": state.short_name,
            "cve_ent": state.cve_ent,
            "slug": state.slug,
            "values": by_state.get(state.pk, {}),
        }
        for state in states.values()
    ]
    return rows, sorted(years)


# What other pages show of the national figures


def home_headline_figures():
    """The home page's debt figures: what the states owed at SHCP's last year-end, and the
    highest debt per person, each with its source and the date it refers to."""
    overview = debt_overview()
    if overview.as_of is None:
        return []
    date = formatting.long_date(overview.as_of)
    source = str(overview.source) if overview.source else ""
    figures = [
        HeadlineFigure(
            value=formatting.millions_of_pesos(overview.national.amount),
            label=_(
                "debían los 32 estados, sus municipios y sus organismos, en la última cifra "
                "anual de SHCP"
            ),
            as_of=date,
            source=source,
            url=reverse("debt:index"),
            link_text=_("La deuda de cada estado"),
            order=10,
        )
    ]
    highest = overview.highest_per_person()
    if highest is not None:
        figures.append(
            HeadlineFigure(
                value=formatting.pesos(highest.per_person, decimals=0),
                label=_("por persona en %(state)s: la deuda por habitante más alta de los 32")
                % {"state": highest.name},
                as_of=date,
                source=f"{source}; {POPULATION_SOURCE}",
                url=f"{reverse('debt:compare')}?medida={CompareMeasure.PER_PERSON}",
                link_text=_("Comparar a los estados por persona"),
                order=20,
            )
        )
    return figures


def open_data_downloads():
    """List the CSVs of the national pages, for the open-data catalogue."""
    index = reverse("debt:index")
    compare = reverse("debt:compare")
    source = Source.objects.filter(key=OFFICIAL_SERIES_KEY).first()
    yield Download(
        title=_("Deuda de los 32 estados y total nacional (SHCP, último cierre anual)"),
        page_url=index,
        url=f"{index}?formato=csv",
        media_type="CSV",
        source=source,
    )
    for value, label in CompareMeasure.choices():
        yield Download(
            title=_("Comparación de los estados: %(measure)s") % {"measure": label},
            page_url=f"{compare}?medida={value}",
            url=f"{compare}?medida={value}&formato=csv",
            media_type="CSV",
            source_note=_("Columnas source_reported_by y source_published_in"),
        )
