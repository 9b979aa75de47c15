import re

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from core import formatting
from core.catalogue import page_downloads
from core.exports import csv_url_for, table_csv_response, wants_csv
from core.feeds import FactDatedFeed, source_author
from core.registries import origins_of
from debt import charts, national, registry_selectors, selectors
from debt.citizen_report import citizen_report_for
from debt.conversions import Converter, Measure
from debt.filters import LoanFilter, RegistryLoanFilter
from debt.forms import CompareForm, StateDebtOrderForm
from debt.models import AlertLevel, Scope
from debt.registry_selectors import HistorySeries
from debt.tables import (
    BalanceGroupTable,
    BalanceTable,
    CompositionTable,
    HistoricalTable,
    LoanTable,
    RankedStateTable,
    RegistryLoanTable,
    SnapshotComparisonTable,
    StateDebtTable,
    StateHistoryTable,
    comparison_header,
)


def debt_index(request):
    """The 32 states and the national total: SHCP's latest year-end balance, sortable, CSV."""
    overview = national.debt_overview()
    table = StateDebtTable(overview.all_rows, overview=overview)
    RequestConfig(request, paginate=False).configure(table)
    if wants_csv(request):
        return table_csv_response(table, "deuda-estados", request=request)
    context = {
        "overview": overview,
        "table": table,
        "order_form": StateDebtOrderForm({"orden": request.GET.get("orden", "name")}),
        "csv_url": csv_url_for(request),
        "downloads": page_downloads("deuda-estados", request.GET),
    }
    return render(request, "debt/index.html", context)


def microsite(request, state):
    site = selectors.microsite_for(state)
    context = {
        "site": site,
        "state": site.state,
        "latest": selectors.latest_state_figure(site.state),
        "report": selectors.published_citizen_report(site.state),
        "origins": origins_of(site.get_absolute_url()),
        **_official_figures(site.state),
    }
    return render(request, "debt/microsite.html", context)


def _official_figures(state) -> dict:
    """The latest official figures of a state, and its Sistema de Alertas result."""
    alert = registry_selectors.alert_result(state)
    registry = registry_selectors.registry_sums(state)
    return {
        "official_latest": selectors.latest_official_figure(state),
        "alert": alert,
        "alert_debt": registry_selectors.alert_debt_measure(alert),
        "alert_evaluation": alert or registry_selectors.latest_alert_evaluation(),
        "registry_latest": registry[-1] if registry else None,
        "alert_levels": AlertLevel.choices,
    }


BASE_YEAR = re.compile(r"[0-9]{4}")


def _measure_and_base(request, converter):
    measure = request.GET.get("medida", Measure.NOMINAL)
    if measure not in Measure.values:
        measure = Measure.NOMINAL
    # Not str.isdigit(): it accepts "²", which int() refuses.
    base = request.GET.get("base", "")
    if BASE_YEAR.fullmatch(base) and int(base) in converter.inpc_by_year:
        converter.base_year = int(base)
    return Measure(measure)


def historical(request, state):
    site = selectors.microsite_for(state)
    converter = Converter(site.state)
    measure = _measure_and_base(request, converter)
    rows = selectors.history_rows(site.state, measure, converter)
    table = HistoricalTable(rows, measure=measure, base_year=converter.base_year)
    if wants_csv(request):
        return table_csv_response(
            table, f"deuda-historica-{site.state.slug}-{measure}", request=request
        )
    missing_years = selectors.years_without_figures(rows)
    context = {
        "site": site,
        "state": site.state,
        "table": table,
        "figure": charts.history_figure(
            _history_points(rows, measure), measure, converter.base_year, missing_years
        ),
        "measure": measure,
        "measures": Measure.choices,
        "base_year": converter.base_year,
        "base_years": converter.base_years(),
        "missing_years": missing_years,
        "disagreements": [row for row in rows if row.disagrees],
        "has_shcp_percent": any(row.shcp_percent is not None for row in rows),
        "csv_url": csv_url_for(request),
        "downloads": page_downloads(
            "deuda-historica",
            {"estado": site.state.slug, "medida": measure, "base": request.GET.get("base")},
        ),
    }
    return render(request, "debt/historical.html", context)


def _history_points(rows, measure) -> list[dict]:
    """The chart's input: one plain row per point (charts take plain rows, not models)."""
    return [
        {
            "as_of": row.as_of,
            "series": str(row.series),
            "series_label": str(HistorySeries(row.series).label),
            "scope_code": row.scope,
            "scope": str(Scope(row.scope).label),
            "value": row.measure_value,
            "value_display": selectors.format_measure(row.measure_value, measure),
            "reported_by": row.source.reported_by,
        }
        for row in rows
    ]


REGISTRY_PAGE_SIZE = 25
BALANCES_PAGE_SIZE = 24
CHART_BARS = 12  # past these, a registry chart's bars end with «otros»; its table lists all


def current(request, state):
    site = selectors.microsite_for(state)
    filterset = RegistryLoanFilter(
        request.GET,
        queryset=registry_selectors.registry_loans(site.state),
        debtors=registry_selectors.registry_debtors(site.state),
    )
    loans = list(filterset.qs)
    table = RegistryLoanTable(loans)
    csv = wants_csv(request)
    RequestConfig(request, paginate=False if csv else {"per_page": REGISTRY_PAGE_SIZE}).configure(
        table
    )
    if csv:
        return table_csv_response(table, f"deuda-actual-{site.state.slug}", request=request)
    debt = registry_selectors.current_debt(site.state, loans)
    context = {
        "site": site,
        "state": site.state,
        "filterset": filterset,
        "table": table,
        "loans": loans,
        "source": loans[0].source if loans else None,
        "debt": debt,
        "charts": _current_debt_charts(debt),
        "documented_loans": selectors.documented_loans_count(site.state),
        "csv_url": csv_url_for(request),
        "downloads": page_downloads("creditos-rpu", {**request.GET.dict(), "estado": state}),
        "registry_2015_downloads": page_downloads("creditos-registro-2015", {"estado": state}),
    }
    return render(request, "debt/current.html", context)


def _current_debt_charts(debt) -> dict:
    """Each chart of the current-debt page with its data table."""
    groups = [
        ("creditor", _("Por acreedor"), _("Acreedor")),
        ("payment_source", _("Por fuente de pago"), _("Fuente de pago")),
        ("debtor", _("Por deudor"), _("Deudor")),
    ]
    result = {
        "maturity": (
            charts.maturity_figure(debt.maturity),
            BalanceGroupTable(
                debt.maturity,
                caption=_("Saldo que vence cada año"),
                group_header=_("Año"),
            ),
        ),
        "groups": [
            (
                key,
                title,
                charts.registry_balance_figure(debt.compositions[key], limit=CHART_BARS),
                BalanceGroupTable(debt.compositions[key], caption=title, group_header=header),
                sum(1 for group in debt.compositions[key] if group.balance) > CHART_BARS,
            )
            for key, title, header in groups
        ],
    }
    comparison = debt.comparison
    if comparison is not None:
        dates = {"earlier_as_of": comparison.earlier_as_of, "later_as_of": comparison.later_as_of}
        labels = [formatting.long_date(day) for day in dates.values()]
        result["comparison"] = [
            (
                key,
                title,
                charts.snapshot_comparison_figure(rows, *labels),
                SnapshotComparisonTable(rows, caption=title, group_header=header, **dates),
            )
            for key, title, header, rows in (
                ("debtor", _("Por tipo de deudor"), _("Deudor"), comparison.by_debtor),
                ("creditor", _("Por acreedor"), _("Acreedor"), comparison.by_creditor),
            )
        ]
    return result


def documented_loans(request, state):
    site = selectors.microsite_for(state)
    all_loans = selectors.loans_for(site.state)
    creditors = sorted({loan.creditor for loan in all_loans})
    filterset = LoanFilter(request.GET, queryset=all_loans, creditors=creditors)
    loans = list(filterset.qs)
    table = LoanTable(loans)
    RequestConfig(request, paginate=False).configure(table)
    if wants_csv(request):
        return table_csv_response(
            table, f"creditos-documentados-{site.state.slug}", request=request
        )
    compositions = selectors.loan_compositions(loans)
    total, unknown_amounts = selectors.contracted_total(loans)
    context = {
        "site": site,
        "state": site.state,
        "filterset": filterset,
        "table": table,
        "total": total,
        "unknown_amounts": unknown_amounts,
        "compositions": [
            (
                key,
                title,
                compositions[key],
                charts.composition_figure(compositions[key]),
                CompositionTable(compositions[key], caption=title),
            )
            for key, title in (
                ("creditor", _("Por acreedor")),
                ("payment_source", _("Por fuente de pago")),
                ("rate_type", _("Tasa fija o variable")),
            )
        ],
        "lineage": selectors.lineage(all_loans),
        "csv_url": csv_url_for(request),
        "downloads": page_downloads(
            "creditos-documentados", {**request.GET.dict(), "estado": state}
        ),
    }
    return render(request, "debt/documented.html", context)


def loan(request, state, pk):
    site = selectors.microsite_for(state)
    loan = selectors.loan_detail(site.state, pk)
    balances = list(loan.balances.all())
    table = BalanceTable(balances)
    csv = wants_csv(request)
    # Monthly balances run to hundreds of rows: the page shows them a page at a time, the
    # chart and the CSV all of them.
    RequestConfig(request, paginate=False if csv else {"per_page": BALANCES_PAGE_SIZE}).configure(
        table
    )
    if csv:
        return table_csv_response(table, f"saldos-{site.state.slug}-{loan.pk}", request=request)
    context = {
        "site": site,
        "state": site.state,
        "loan": loan,
        "balances": balances,
        "table": table,
        "figure": charts.balance_figure(balances),
        "csv_url": csv_url_for(request),
        "downloads": page_downloads("saldos-creditos", {"estado": state, "credito": loan.pk}),
    }
    return render(request, "debt/loan.html", context)


def citizen_report(request, state):
    site = selectors.microsite_for(state)
    page = citizen_report_for(site.state)
    context = {
        "site": site,
        "state": site.state,
        "page": page,
        "report": page.report,
        "finance_downloads": page_downloads("finanzas-estatales", {"estado": site.state.slug}),
    }
    return render(request, "debt/citizen_report.html", context)


class NewFiguresFeed(FactDatedFeed):
    """Atom feed of a state's debt figures, newest first by the date each one refers to."""

    def get_object(self, request, state):
        return selectors.microsite_for(state)

    def title(self, site):
        return _("Deuda pública de %(state)s: cifras nuevas") % {"state": site.state.name}

    def link(self, site):
        return reverse("debt:historical", kwargs={"state": site.state.slug})

    def subtitle(self, site):
        return _("Cada cifra de deuda que se publica en Sigue el Dinero, con su fuente.")

    def items(self, site):
        return selectors.new_figures(site.state)

    def updated_when_empty(self, site):
        return selectors.figures_last_changed(site.state)

    def item_title(self, figure):
        return _("%(amount)s (%(scope)s), %(date)s") % {
            "amount": formatting.millions_of_pesos(figure.amount),
            "scope": figure.get_scope_display().lower(),
            "date": formatting.date_with_precision(figure.as_of, figure.date_precision),
        }

    def item_description(self, figure):
        return _("Fuente: %(source)s. Confianza: %(confidence)s. %(notes)s") % {
            "source": figure.source,
            "confidence": figure.source.get_confidence_display(),
            "notes": figure.notes,
        }

    def item_link(self, figure):
        url = reverse("debt:historical", kwargs={"state": figure.state.slug})
        return f"{url}#cifra-{figure.pk}"

    def item_author_name(self, figure):
        return source_author(figure.source)

    def item_date(self, figure):
        return figure.as_of


def compare(request):
    """The 32 states side by side on one measure: ranked table, map and each one's series."""
    series = national.ReferenceSeries()
    years = series.inpc_years()
    measure, base_year = CompareForm(request.GET, base_years=years).chosen()
    result = national.comparison(measure, base_year, series=series)
    table = RankedStateTable(result.ranked, comparison=result)
    if wants_csv(request):
        return table_csv_response(table, f"deuda-estados-{measure}", request=request)
    context = {
        "comparison": result,
        "form": CompareForm({"medida": measure, "base": result.base_year}, base_years=years),
        "table": table,
        "header": comparison_header(result),
        "map_figure": charts.states_map_figure(
            _map_rows(result),
            geojson_url=reverse("states:geojson"),
            scale_title=charts.compare_scale_title(result.measure, result.base_year),
        ),
        "history_figures": charts.history_sparkline_figures(
            result.history, result.history_years, measure=result.history_measure
        ),
        "history_table": StateHistoryTable(
            result.history,
            years=result.history_years,
            measure=result.history_measure,
            caption=charts.compare_scale_title(result.history_measure, result.base_year),
        ),
        "csv_url": csv_url_for(request),
        "downloads": page_downloads(
            "comparacion-estados", {"medida": measure, "base": request.GET.get("base")}
        ),
    }
    return render(request, "debt/compare.html", context)


def _map_rows(result) -> list[dict]:
    """The map's input: each state's value as a plain number (charts take plain rows)."""
    return [
        {
            "cve_ent": entry.cve_ent,
            "state": entry.name,
            "value": charts.compare_plot_value(entry.value, result.measure),
            "value_display": entry.value_display,
        }
        for entry in result.ranked
    ]
