"""How an amount becomes real pesos, pesos per person or % of GDP, on reference rows built
here (years after the shipped series end). The shipped figures: tests/shipped_data/."""

import datetime
from decimal import Decimal

import pytest

from core.models import DatePrecision
from debt.conversions import Converter, Measure
from tests.factories import (
    ConsumerPriceIndexFactory,
    PopulationFactory,
    StateFactory,
    StateGDPFactory,
)

pytestmark = pytest.mark.django_db

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
MILLION = Decimal("1000000")


@pytest.fixture
def zacatecas():
    state = StateFactory()
    # INPC: 100 in every month of 2090 but October (120); 150 in every month of 2091.
    for month in range(1, 13):
        ConsumerPriceIndexFactory(
            month=datetime.date(2090, month, 1), value=120 if month == 10 else 100
        )
        ConsumerPriceIndexFactory(month=datetime.date(2091, month, 1), value=150)
    ConsumerPriceIndexFactory(month=datetime.date(2092, 1, 1), value=160)  # 2092 incomplete
    PopulationFactory(state=state, year=2090, mid_year=2_000)
    StateGDPFactory(state=state, year=2090, current_prices=Decimal("400000000"))
    return state


def test_real_pesos_of_a_monthly_figure_use_that_months_index(zacatecas):
    converter = Converter(zacatecas, base_year=2091)

    value = converter.convert(MILLION, datetime.date(2090, 10, 1), MONTH, Measure.REAL)

    assert value == MILLION * 150 / 120


def test_real_pesos_of_a_figure_that_gives_only_the_year_use_the_year_average(zacatecas):
    converter = Converter(zacatecas, base_year=2091)

    value = converter.convert(MILLION, datetime.date(2090, 1, 1), YEAR, Measure.REAL)

    # 2090's average: (11 × 100 + 120) / 12 = 101.666...
    assert value == pytest.approx(MILLION * 150 / (Decimal(1220) / 12))


def test_per_person_divides_by_the_mid_year_population_of_that_year(zacatecas):
    converter = Converter(zacatecas, base_year=2091)

    value = converter.convert(MILLION, datetime.date(2090, 5, 1), MONTH, Measure.PER_PERSON)

    assert value == 500


def test_percent_of_gdp_uses_current_prices_of_the_same_year(zacatecas):
    converter = Converter(zacatecas, base_year=2091)

    value = converter.convert(MILLION, datetime.date(2090, 5, 1), MONTH, Measure.PERCENT_GDP)

    assert value == Decimal("0.25")


@pytest.mark.parametrize(
    ("as_of", "measure"),
    [
        (datetime.date(2091, 5, 1), Measure.PERCENT_GDP),  # no GDP for 2091
        (datetime.date(2093, 6, 1), Measure.REAL),  # no INPC for June 2093
        (datetime.date(2091, 5, 1), Measure.PER_PERSON),  # no population for 2091
    ],
)
def test_a_missing_reference_value_gives_no_number(zacatecas, as_of, measure):
    converter = Converter(zacatecas, base_year=2091)

    assert converter.convert(MILLION, as_of, MONTH, measure) is None


def test_nominal_is_the_amount_itself(zacatecas):
    converter = Converter(zacatecas, base_year=2091)

    assert converter.convert(MILLION, datetime.date(2010, 1, 1), DAY, Measure.NOMINAL) == MILLION


def test_default_base_year_is_the_latest_year_with_twelve_months(zacatecas):
    assert Converter(zacatecas).base_year == 2091  # 2092 has only January
