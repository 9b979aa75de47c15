"""Reads of the debt app: microsites, historical figures, loans and the citizen report."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import formatting
from core.registries import Download
from debt.conversions import Measure
from debt.models import (
    CitizenReport,
    DebtFigure,
    DebtMicrosite,
    GlossaryTerm,
    Loan,
    LoanBalance,
    Scope,
)

FIRST_YEAR = 2002  # the microsite follows the debt "every year since 2002"


def published_microsites():
    return DebtMicrosite.objects.published().select_related("state").order_by("state__name")


def microsite_for(state_slug: str) -> DebtMicrosite:
    """Return the published microsite of the state, or 404."""
    return get_object_or_404(published_microsites(), state__slug=state_slug)


def format_measure(value, measure) -> str:
    if value is None:
        return formatting.unknown()
    if measure == Measure.PER_PERSON:
        return formatting.pesos(value, decimals=0)
    if measure == Measure.PERCENT_GDP:
        return formatting.percent(value, decimals=2)
    return formatting.millions_of_pesos(value)


def historical_rows(state, measure, converter) -> list[dict]:
    """Return one row per figure, in date order, with the chosen measure and its source."""
    figures = DebtFigure.objects.for_state(state).with_source().chronological()
    same_date_scope = defaultdict(int)
    for figure in figures:
        same_date_scope[(figure.as_of.year, figure.scope)] += 1
    rows = []
    for figure in figures:
        value = converter.convert(figure.amount, figure.as_of, figure.date_precision, measure)
        source = figure.source
        rows.append(
            {
                "id": figure.pk,
                "year": figure.as_of.year,
                "as_of": figure.as_of,
                "date": formatting.date_with_precision(figure.as_of, figure.date_precision),
                "scope": figure.get_scope_display(),
                "scope_code": figure.scope,
                "amount": figure.amount,
                "amount_display": formatting.millions_of_pesos(figure.amount),
                "value": value,
                "value_display": format_measure(value, measure),
                "reported_by": source.reported_by,
                "published_in": source.published_in,
                "url": source.url,
                "confidence": str(source.get_confidence_display()),
                "notes": figure.notes,
                # Another source gives a figure for the same year and scope.
                "disagrees": same_date_scope[(figure.as_of.year, figure.scope)] > 1,
            }
        )
    return rows


def years_without_figures(rows, until_year=None) -> list[int]:
    """Return the years since 2002 for which no figure is known ("sin dato")."""
    until_year = until_year or timezone.localdate().year
    known = {row["year"] for row in rows}
    return [year for year in range(FIRST_YEAR, until_year + 1) if year not in known]


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


def loan_table_rows(loans) -> list[dict]:
    rows = []
    for loan in loans:
        rows.append(
            {
                "pk": loan.pk,
                "url": loan.get_absolute_url(),
                "creditor": loan.creditor,
                "label": loan.label,
                "signed": formatting.date_with_precision(loan.signed_on, loan.signed_precision),
                "signed_on": loan.signed_on,
                "amount_contracted": loan.amount_contracted,
                "term": loan.term,
                "rate_type": str(loan.get_rate_type_display()),
                "rate": loan.rate,
                "payment_source": loan.payment_source,
                "purpose": loan.purpose,
                "status": str(loan.get_status_display()),
                "latest_balance": loan.latest_balance,
                "latest_balance_as_of": loan.latest_balance_as_of,
                "refinanced_by": "; ".join(other.label for other in loan.refinanced_by.all()),
                "reported_by": loan.source.reported_by,
                "published_in": loan.source.published_in,
                "source_url": loan.source.url,
                "confidence": str(loan.source.get_confidence_display()),
                "notes": loan.notes,
            }
        )
    return rows


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


def published_citizen_report(state) -> CitizenReport | None:
    return (
        CitizenReport.objects.published()
        .filter(state=state)
        .prefetch_related("sections")
        .order_by("-year")
        .first()
    )


def glossary():
    return list(GlossaryTerm.objects.order_by("term"))


def new_figures(state, limit=20):
    """The most recently published figures of a state, for its Atom feed."""
    return DebtFigure.objects.for_state(state).with_source().order_by("-created_at", "-pk")[:limit]


def state_page_section(state) -> dict | None:
    """What a state's page shows of its debt microsite, if it has a published one."""
    site = DebtMicrosite.objects.published().filter(state=state).first()
    if site is None:
        return None
    return {"site": site, "latest": latest_state_figure(state)}


def balance_rows(balances) -> list[dict]:
    return [
        {
            "as_of": balance.as_of,
            "amount": balance.amount,
            "reported_by": balance.source.reported_by,
            "published_in": balance.source.published_in,
            "source_url": balance.source.url,
            "confidence": str(balance.source.get_confidence_display()),
        }
        for balance in balances
    ]


def open_data_downloads():
    """List each published microsite's figures, loans and feed, for the open-data catalogue."""
    for site in published_microsites():
        state = site.state
        historical = reverse("debt:historical", args=[state.slug])
        current = reverse("debt:current", args=[state.slug]) + "?situacion=todos"
        feed = reverse("debt:feed", args=[state.slug])
        yield Download(
            title=_("Deuda histórica de %(name)s") % {"name": state.name},
            page_url=historical,
            url=f"{historical}?formato=csv",
            media_type="CSV",
            source_note=_(
                "Una fuente por cifra (columnas «Quién lo reporta», «Dónde se publicó», "
                "«Confianza»)"
            ),
        )
        yield Download(
            title=_("Créditos de %(name)s") % {"name": state.name},
            page_url=current,
            url=f"{current}&formato=csv",
            media_type="CSV",
            source_note=_("Una fuente por crédito (columnas «Fuente: …»)"),
        )
        yield Download(
            title=_("Cifras nuevas de deuda de %(name)s (Atom)") % {"name": state.name},
            page_url=feed,
            url=feed,
            media_type="Atom",
            source_note=_("Cada cifra con su fuente"),
        )
