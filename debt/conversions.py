"""Convert a peso amount of a date into real pesos, pesos per person or % of GDP.

Rules (also explained on the page):
- Real pesos of year B: amount × INPC(B) / INPC(date). INPC(B) is the average of B's
  months; INPC(date) is that month's index, or the year's average when the figure gives
  only a year. Source: INEGI INPC, base 2nd half of July 2018 = 100.
- Per person: amount ÷ the state's mid-year population of the figure's year (CONAPO).
- % of GDP: amount ÷ the state's GDP at current prices of the figure's year (INEGI) × 100.
A conversion whose series has no value for that date gives None ("sin dato"), never a guess.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import DatePrecision
from debt.models import ConsumerPriceIndex, Population, StateGDP


class Measure(models.TextChoices):
    NOMINAL = "nominal", _("Pesos corrientes")
    REAL = "real", _("Pesos constantes")
    PER_PERSON = "por-persona", _("Por persona")
    PERCENT_GDP = "pib", _("% del PIB estatal")


class Converter:
    """Holds the reference series of one state (three queries) and converts amounts."""

    def __init__(self, state, base_year: int | None = None):
        self.inpc_by_month = dict(ConsumerPriceIndex.objects.values_list("month", "value"))
        by_year = defaultdict(list)
        for month, value in self.inpc_by_month.items():
            by_year[month.year].append(value)
        self.inpc_by_year = {year: sum(values) / len(values) for year, values in by_year.items()}
        self.population = dict(
            Population.objects.filter(state=state).values_list("year", "mid_year")
        )
        self.gdp = dict(StateGDP.objects.filter(state=state).values_list("year", "current_prices"))
        self.base_year = base_year or self.default_base_year()

    def default_base_year(self) -> int | None:
        """The latest year with all twelve months of INPC."""
        complete = [
            year
            for year in self.inpc_by_year
            if sum(1 for month in self.inpc_by_month if month.year == year) == 12
        ]
        return max(complete) if complete else None

    def base_years(self) -> list[int]:
        return sorted(self.inpc_by_year, reverse=True)

    def inpc_at(self, as_of, precision) -> Decimal | None:
        if precision == DatePrecision.YEAR:
            return self.inpc_by_year.get(as_of.year)
        return self.inpc_by_month.get(as_of.replace(day=1))

    def convert(self, amount, as_of, precision, measure) -> Decimal | None:
        if amount is None:
            return None
        if measure == Measure.NOMINAL:
            return amount
        if measure == Measure.REAL:
            then = self.inpc_at(as_of, precision)
            base = self.inpc_by_year.get(self.base_year)
            return amount * base / then if then and base else None
        if measure == Measure.PER_PERSON:
            people = self.population.get(as_of.year)
            return amount / people if people else None
        if measure == Measure.PERCENT_GDP:
            gdp = self.gdp.get(as_of.year)
            return amount / gdp * 100 if gdp else None
        raise ValueError(measure)
