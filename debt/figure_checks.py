"""Checks on a debt amount before it is saved: an order-of-magnitude slip (pesos typed as
millions, a misplaced decimal point), or a figure that repeats an official one.

Used by the admin's forms (debt/forms.py) and the debt-figures importer (debt/services.py).
"""

import calendar
import datetime
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from core import formatting
from core.models import Confidence, DatePrecision
from debt.models import DebtFigure, Loan, LoanBalance, Scope

# A value more than MAGNITUDE times larger or smaller than the reference is probably a slip:
# a balance does not move ×20 between neighbouring dates, while pesos typed as millions are
# ×1,000,000 and a misplaced point ×10 or ×100 (the ×10 stays below it: it needs a reader).
MAGNITUDE = 20
NEIGHBOURS = 5  # the reference is the median of the state's figures nearest in date

# The state government is most of a state's total debt, so the two compare; the
# municipalities owe an order of magnitude less and compare only among themselves.
COMPARABLE_SCOPES = {
    Scope.STATE_GOVERNMENT: [Scope.STATE_GOVERNMENT, Scope.TOTAL],
    Scope.TOTAL: [Scope.STATE_GOVERNMENT, Scope.TOTAL],
    Scope.MUNICIPALITIES: [Scope.MUNICIPALITIES],
}


@dataclass(frozen=True)
class Reference:
    """What an amount is compared with: the median of `count` other amounts."""

    median: Decimal
    count: int
    what: str  # «las 5 cifras de Zacatecas más cercanas en fecha»

    def too_far(self, amount: Decimal, *, only_larger: bool = False) -> bool:
        if self.median <= 0:
            return False
        if amount > self.median * MAGNITUDE:
            return True
        return not only_larger and amount * MAGNITUDE < self.median

    def warning(self, amount: Decimal) -> str:
        return _(
            "%(amount)s está a más de %(times)s veces de %(what)s (mediana: %(median)s). "
            "¿Escribiste pesos en lugar de millones de pesos, o se movió el punto decimal? "
            "Si la cifra es correcta, marca «Confirmo que la cifra es correcta» y guarda otra vez."
        ) % {
            "amount": formatting.millions_of_pesos(amount),
            "times": MAGNITUDE,
            "what": self.what,
            "median": formatting.millions_of_pesos(self.median),
        }


def _median(amounts, what) -> Reference | None:
    amounts = [amount for amount in amounts if amount]
    if not amounts:
        return None
    return Reference(Decimal(statistics.median(amounts)), len(amounts), what)


def figure_reference(state, scope, as_of, *, exclude_pk=None) -> Reference | None:
    """Return the median of the state's non-zero figures nearest in date (comparable scope)."""
    rows = (
        DebtFigure.objects.filter(
            state=state, scope__in=COMPARABLE_SCOPES.get(scope, [scope]), amount__gt=0
        )
        .exclude(pk=exclude_pk)
        .values_list("as_of", "amount")
    )
    nearest = sorted(rows, key=lambda row: (abs((row[0] - as_of).days), row[0]))[:NEIGHBOURS]
    what = _("las %(count)s cifras de %(state)s más cercanas en fecha") % {
        "count": len(nearest),
        "state": state,
    }
    return _median([amount for _day, amount in nearest], what)


def loan_reference(state, *, exclude_pk=None) -> Reference | None:
    """Return the median amount contracted of the state's other loans."""
    amounts = (
        Loan.objects.filter(state=state, amount_contracted__gt=0)
        .exclude(pk=exclude_pk)
        .values_list("amount_contracted", flat=True)
    )
    what = _("los montos contratados de los otros créditos de %(state)s") % {"state": state}
    return _median(list(amounts), what)


def balance_reference(loan, *, exclude_pk=None) -> Reference | None:
    """Return the median of the loan's other balances and its amount contracted."""
    amounts = [loan.amount_contracted]
    if loan.pk:
        amounts += list(
            LoanBalance.objects.filter(loan=loan)
            .exclude(pk=exclude_pk)
            .values_list("amount", flat=True)
        )
    return _median(amounts, _("el monto contratado y los otros saldos de este crédito"))


# --- The same figure twice --------------------------------------------------------------------


def _period(day: datetime.date, precision) -> tuple[datetime.date, datetime.date]:
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day


def figures_of(states_and_years):
    """Return the debt figures of those states in those years."""
    condition = Q(pk__in=[])
    for state, year in set(states_and_years):
        condition |= Q(state=state, as_of__year=year)
    return DebtFigure.objects.filter(condition).select_related("source", "state")


def official_candidates(states_and_years) -> list[DebtFigure]:
    """Return the official figures (confidence high) of those states in those years."""
    return list(figures_of(states_and_years).filter(source__confidence=Confidence.HIGH))


def official_twins(
    candidates, *, state, as_of, precision, scope, amount, source_key=None, exclude_pk=None
) -> list[DebtFigure]:
    """Return the official figures that say the same: same state, scope and amount (to the
    0.1 million the pages show) on a date within the same day, month or year.

    Kept once: shown twice, the same figure from two sources would read as two sources that
    disagree (the historical page marks every year with more than one figure).
    """
    start, end = _period(as_of, precision)
    shown = formatting.millions_of_pesos(amount)
    twins = []
    for figure in candidates:
        other_start, other_end = _period(figure.as_of, figure.date_precision)
        if (
            figure.state_id == getattr(state, "pk", state)
            and figure.scope == scope
            and figure.pk != exclude_pk
            and figure.source.key != source_key
            and start <= other_end
            and other_start <= end
            and formatting.millions_of_pesos(figure.amount) == shown
        ):
            twins.append(figure)
    return twins


def describe(figure: DebtFigure) -> str:
    """Name a figure as staff find it in the admin."""
    return _("%(state)s, %(date)s, %(scope)s: %(amount)s (fuente: %(source)s)") % {
        "state": figure.state,
        "date": formatting.date_with_precision(figure.as_of, figure.date_precision),
        "scope": figure.get_scope_display(),
        "amount": formatting.millions_of_pesos(figure.amount),
        "source": figure.source,
    }


def twin_message(twin: DebtFigure) -> str:
    return _(
        "Esta cifra ya está publicada como cifra oficial: %(figure)s. No la captures otra vez: "
        "la misma cifra con dos fuentes se vería en el portal como dos fuentes que no "
        "coinciden. Si hay que corregirla, edita esa cifra."
    ) % {"figure": describe(twin)}


def typed_twin_message(twin: DebtFigure) -> str:
    return _(
        "Esta cifra oficial ya se capturó con otra fuente: %(figure)s. Borre esa captura (o "
        "corrija su fuente) y vuelva a importar: la misma cifra con dos fuentes se vería en el "
        "portal como dos fuentes que no coinciden."
    ) % {"figure": describe(twin)}
