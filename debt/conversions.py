"""Convert a peso amount of a date into real pesos, pesos per person or % of GDP.

Rules (also explained on the page):
- Real pesos of year B: amount × INPC(B) / INPC(date). INPC(B) is the average of B's
  months; INPC(date) is that month's index, or the year's average when the figure gives
  only a year. Source: INEGI INPC, base 2nd half of July 2018 = 100.
- Per person: amount ÷ the state's mid-year population of the figure's year (CONAPO).
- % of GDP: amount ÷ the state's GDP at current prices of the figure's year (INEGI) × 100.
A conversion whose series has no value for that date gives None ("sin dato"), never a guess.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db import models
from django.db.models.functions import Cast, ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from core.models import DatePrecision
from debt.models import ConsumerPriceIndex, Population, StateGDP


class Measure(models.TextChoices):
    NOMINAL = "nominal", _("Pesos corrientes")
    REAL = "real", _("Pesos constantes")
    PER_PERSON = "por-persona", _("Por persona")
    PERCENT_GDP = "pib", _("% del PIB estatal")


# Wide enough for pesos of GDP and the INPC's nine decimals alike.
_SERIES_VALUE = models.DecimalField(max_digits=30, decimal_places=9)


def _reference_series(state) -> tuple[dict, dict[int, int], dict[int, Decimal]]:
    """INPC by month, and the state's population and GDP by year, in one query (UNION ALL
    of the three tables; a month is keyed as year × 100 + month)."""

    def rows(queryset, name, key, value):
        return (
            queryset.annotate(
                series=models.Value(name, output_field=models.CharField()),
                key=key,
                value_read=Cast(value, _SERIES_VALUE),
            )
            .values_list("series", "key", "value_read")
            .order_by()
        )

    month_key = ExtractYear("month") * 100 + ExtractMonth("month")
    year = models.F("year")
    union = rows(ConsumerPriceIndex.objects.all(), "inpc", month_key, "value").union(
        rows(StateGDP.objects.filter(state=state), "gdp", year, "current_prices"),
        rows(Population.objects.filter(state=state), "population", year, "mid_year"),
        all=True,
    )
    inpc_by_month, population, gdp = {}, {}, {}
    for series, read_key, value in union:
        key = int(read_key)  # PostgreSQL's EXTRACT gives a numeric
        if series == "inpc":
            inpc_by_month[datetime.date(key // 100, key % 100, 1)] = value
        elif series == "gdp":
            gdp[key] = value
        else:
            population[key] = int(value)
    return dict(sorted(inpc_by_month.items())), population, gdp


class Converter:
    """Holds the reference series of one state (one query) and converts amounts."""

    def __init__(self, state, base_year: int | None = None):
        self.inpc_by_month, self.population, self.gdp = _reference_series(state)
        by_year = defaultdict(list)
        for month, value in self.inpc_by_month.items():
            by_year[month.year].append(value)
        self.inpc_by_year = {year: sum(values) / len(values) for year, values in by_year.items()}
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
