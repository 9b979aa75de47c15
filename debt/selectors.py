"""Reads of the debt app: microsites, historical figures, loans and the citizen report."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import formatting
from core.registries import Download
from core.tables import source_columns_note
from debt import registry_selectors
from debt.conversions import Measure
from debt.models import (
    CitizenReport,
    CitizenReportSection,
    DebtFigure,
    DebtMicrosite,
    DebtShareOfGDP,
    GlossaryTerm,
    Loan,
    LoanBalance,
    Scope,
)
from debt.registry_selectors import HistorySeries, OtherMeasure
from debt.services import SHCP_SERIES_SOURCE
from states.models import State

FIRST_YEAR = 2002  # where the years without figures start when a state has none


def published_microsites():
    return DebtMicrosite.objects.published().select_related("state").order_by("state__name")


def microsite_for(state_slug: str) -> DebtMicrosite:
    """Return the state's debt microsite (404 only for an unknown state).

    Every state has one, filled from the official data; a published DebtMicrosite row adds
    staff-written text (welcome, notes), which takes precedence. An unpublished row's text
    stays private: the page then shows what any state without staff text shows.
    """
    # One query when staff text is published (the site and its state together), else two.
    site = DebtMicrosite.objects.published().filter(state__slug=state_slug)
    site = site.select_related("state").first()
    return site or DebtMicrosite(state=get_object_or_404(State, slug=state_slug))


def microsite_states():
    """Return every state, each of which has a debt microsite (see microsite_for)."""
    return State.objects.order_by("name")


def format_measure(value, measure) -> str:
    if value is None:
        return formatting.unknown()
    if measure == Measure.PER_PERSON:
        return formatting.pesos(value, decimals=0)
    if measure == Measure.PERCENT_GDP:
        return formatting.percent(value, decimals=2)
    return formatting.millions_of_pesos(value)


def historical_figures(state, measure, converter, shcp_percents=None) -> list[DebtFigure]:
    """Return the state's figures in date order, with their source and computed values."""
    # `measure_value`: the amount in the chosen measure. `series`: SHCP's official series or
    # another sourced figure. `disagrees`: another source gives a figure for the same year and
    # scope (SHCP's March and December 2015 are one source, and do not disagree).
    figures = list(DebtFigure.objects.for_state(state).with_source().chronological())
    sources = defaultdict(set)
    for figure in figures:
        sources[(figure.as_of.year, figure.scope)].add(figure.source_id)
    for figure in figures:
        figure.series = (
            HistorySeries.OFFICIAL
            if figure.source.key == SHCP_SERIES_SOURCE.key
            else HistorySeries.SOURCED
        )
        figure.measure_value = converter.convert(
            figure.amount, figure.as_of, figure.date_precision, measure
        )
        figure.disagrees = len(sources[(figure.as_of.year, figure.scope)]) > 1
        # SHCP's own % of GDP, beside its own series only (`shcp_percents`: date -> %).
        official = figure.series == HistorySeries.OFFICIAL
        figure.shcp_percent = (shcp_percents or {}).get(figure.as_of) if official else None
    return figures


SERIES_ORDER = {series: order for order, series in enumerate(HistorySeries.values)}


def history_rows(state, measure, converter) -> list[DebtFigure | OtherMeasure]:
    """Return what the historical page shows, in date order: the state's debt figures (SHCP's
    official series and other sourced figures) and the official measures that are not debt
    balances (registry sums, Sistema de Alertas), each with its value in the measure.

    In % of GDP, SHCP's own percentage sits beside each figure of its series that has one.
    """
    shcp_percents = (
        dict(DebtShareOfGDP.objects.for_state(state).values_list("as_of", "percent"))
        if measure == Measure.PERCENT_GDP
        else {}
    )
    figures = historical_figures(state, measure, converter, shcp_percents)
    others = registry_selectors.registry_sums(state)
    alert = registry_selectors.alert_debt_measure(registry_selectors.alert_result(state))
    if alert is not None:
        others.append(alert)
    for other in others:
        other.measure_value = converter.convert(
            other.amount, other.as_of, other.date_precision, measure
        )
    # DebtFigures carry `series` as an attribute set above, not as a field: typed as Any.
    rows: list[Any] = [*figures, *others]
    return sorted(rows, key=lambda row: (row.as_of, SERIES_ORDER[row.series]))


def years_without_figures(figures, until_year=None) -> list[int]:
    """Return the years, from the first figure on, for which no figure is known ("sin dato")."""
    until_year = until_year or timezone.localdate().year
    known = {figure.as_of.year for figure in figures}
    first = min(known, default=FIRST_YEAR)
    return [year for year in range(first, until_year + 1) if year not in known]


def loans_for(state):
    """Loans of a state with their latest balance and lineage (a fixed number of queries)."""
    return (
        Loan.objects.for_state(state)
        .with_latest_balance()
        .select_related("source", "state")
        .prefetch_related(
            # Their pages are linked, and a loan's URL needs its state.
            Prefetch(
                "refinanced_by", queryset=Loan.objects.select_related("state").order_by("label")
            ),
            Prefetch(
                "refinanced_loans",
                queryset=Loan.objects.select_related("state").order_by("signed_on"),
            ),
        )
        .order_by("signed_on", "creditor")
    )


@dataclass(frozen=True)
class Share:
    label: str
    amount: Decimal | None
    loans: int


def composition(loans, key) -> list[Share]:
    """Group loans by a field: total amount contracted (None if any is unknown) and count."""
    groups = defaultdict(list)
    for loan in loans:
        groups[key(loan) or _("sin dato")].append(loan)
    shares = []
    for label, members in groups.items():
        amounts = [loan.amount_contracted for loan in members]
        total = None if any(a is None for a in amounts) else sum(amounts, Decimal(0))
        shares.append(Share(label=label, amount=total, loans=len(members)))
    return sorted(shares, key=lambda share: (share.amount is None, -(share.amount or 0)))


def loan_compositions(loans) -> dict[str, list[Share]]:
    return {
        "creditor": composition(loans, lambda loan: loan.creditor),
        "payment_source": composition(loans, lambda loan: loan.payment_source),
        "rate_type": composition(loans, lambda loan: str(loan.get_rate_type_display())),
    }


def contracted_total(loans) -> tuple[Decimal, int]:
    """Return the sum of known amounts contracted and how many loans have none."""
    known = [loan.amount_contracted for loan in loans if loan.amount_contracted is not None]
    return sum(known, Decimal(0)), len(loans) - len(known)


def lineage(loans) -> list[tuple[Loan, list[Loan]]]:
    """Return each loan that refinanced others, with the loans it replaced."""
    return [
        (loan, list(loan.refinanced_loans.all())) for loan in loans if loan.refinanced_loans.all()
    ]


def loan_detail(state, pk) -> Loan:
    return get_object_or_404(
        Loan.objects.for_state(state)
        .select_related("source", "state")
        .prefetch_related(
            Prefetch(
                "balances", queryset=LoanBalance.objects.select_related("source").order_by("as_of")
            ),
            Prefetch("refinanced_by", queryset=Loan.objects.select_related("state")),
            Prefetch("refinanced_loans", queryset=Loan.objects.select_related("state")),
        ),
        pk=pk,
    )


def latest_state_figure(state) -> DebtFigure | None:
    return (
        DebtFigure.objects.for_state(state)
        .filter(scope=Scope.STATE_GOVERNMENT)
        .with_source()
        .order_by("-as_of")
        .first()
    )


def latest_official_figure(state) -> DebtFigure | None:
    """Return the last figure of SHCP's official series for the state (December 2015)."""
    return (
        DebtFigure.objects.for_state(state)
        .filter(source__key=SHCP_SERIES_SOURCE.key)
        .with_source()
        .order_by("-as_of")
        .first()
    )


def documented_loans_count(state) -> int:
    """How many loans staff documented by hand for the state (Zacatecas's curated loans)."""
    return Loan.objects.for_state(state).count()


def published_citizen_report(state) -> CitizenReport | None:
    return CitizenReport.objects.published().filter(state=state).order_by("-year").first()


def published_citizen_report_and_sections(state) -> tuple[CitizenReport | None, list]:
    """The state's latest published citizen report and its staff sections: one query when
    it has sections (each read with the report), two when it has none."""
    latest = (
        CitizenReport.objects.published().filter(state=state).order_by("-year").values("pk")[:1]
    )
    sections = list(
        CitizenReportSection.objects.filter(report=Subquery(latest)).select_related("report")
    )
    if sections:
        return sections[0].report, sections
    return published_citizen_report(state), []


def glossary():
    return list(GlossaryTerm.objects.order_by("term"))


def new_figures(state, limit=20):
    """The newest figures of a state by the date they refer to, for its Atom feed."""
    return (
        DebtFigure.objects.for_state(state)
        .with_source()
        .order_by("-as_of", "scope", "source__reported_by", "-pk")[:limit]
    )


def figures_last_changed(state):
    """When a state's figures last changed in the portal (added, edited or removed), or None."""
    return (
        DebtFigure.history.filter(state=state)
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )


def state_page_section(state) -> dict | None:
    """What a state's page shows of its debt microsite (every state has one)."""
    site = DebtMicrosite.objects.published().filter(state=state).first()
    return {"site": site or DebtMicrosite(state=state), "latest": latest_state_figure(state)}


def open_data_downloads():
    """List each state's debt figures, registry loans, documented loans and feed, for the
    open-data catalogue."""
    documented = set(Loan.objects.values_list("state_id", flat=True).distinct())
    for state in microsite_states():
        historical = reverse("debt:historical", args=[state.slug])
        current = reverse("debt:current", args=[state.slug])
        feed = reverse("debt:feed", args=[state.slug])
        yield Download(
            title=_("Deuda histórica de %(name)s") % {"name": state.name},
            page_url=historical,
            url=f"{historical}?formato=csv",
            media_type="CSV",
            source_note=source_columns_note(),
        )
        yield Download(
            title=_("Créditos de %(name)s en el Registro Público Único (SHCP)")
            % {"name": state.name},
            page_url=current,
            url=f"{current}?formato=csv",
            media_type="CSV",
            source_note=source_columns_note(),
        )
        if state.pk in documented:
            loans = reverse("debt:documented", args=[state.slug]) + "?situacion=todos"
            yield Download(
                title=_("Créditos documentados de %(name)s") % {"name": state.name},
                page_url=loans,
                url=f"{loans}&formato=csv",
                media_type="CSV",
                source_note=source_columns_note(),
            )
        yield Download(
            title=_("Cifras nuevas de deuda de %(name)s (Atom)") % {"name": state.name},
            page_url=feed,
            url=feed,
            media_type="Atom",
            source_note=_("Cada cifra con su fuente"),
        )
