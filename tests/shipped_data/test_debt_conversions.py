"""Conversions, and the pages that show them, against values computed by hand from the
shipped source files."""

import datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from core.models import DatePrecision
from debt.conversions import Converter, Measure
from states.models import State

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
ZAC = "/deuda/zacatecas"


@pytest.fixture
def converter(shipped_data):
    return Converter(State.objects.get(cve_ent="32"), base_year=2024)


@pytest.fixture(scope="module")
def inpc():
    return pd.read_csv(FIXTURES / "inpc_monthly.csv")


def test_real_pesos_of_a_monthly_figure(converter, inpc):
    # El Financiero, October 2016: 7,698.65 mdp. In 2024 pesos:
    # amount × mean(INPC 2024) / INPC(2016-10).
    expected = 7698.65e6 * inpc[inpc.year == 2024].inpc.mean()
    expected /= inpc[inpc.date == "2016-10-01"].inpc.iloc[0]

    value = converter.convert(
        Decimal("7698650000"), datetime.date(2016, 10, 1), MONTH, Measure.REAL
    )

    assert float(value) == pytest.approx(expected, rel=1e-9)
    assert round(value / 1_000_000, 1) == Decimal("11465.4")  # worked out by hand


def test_real_pesos_of_a_figure_that_gives_only_the_year_use_the_year_average(converter, inpc):
    expected = 626.3e6 * inpc[inpc.year == 2024].inpc.mean() / inpc[inpc.year == 2015].inpc.mean()

    value = converter.convert(Decimal("626300000"), datetime.date(2015, 1, 1), YEAR, Measure.REAL)

    assert float(value) == pytest.approx(expected, rel=1e-9)
    assert round(value / 1_000_000, 1) == Decimal("967.3")


def test_per_person_uses_conapo_mid_year_population(converter):
    # 6,573 mdp (September 2025) ÷ 1,712,936 people (CONAPO, Zacatecas, mid-2025).
    value = converter.convert(
        Decimal("6573000000"), datetime.date(2025, 9, 1), MONTH, Measure.PER_PERSON
    )

    assert round(value, 2) == Decimal("3837.27")


def test_percent_of_gdp_uses_current_prices_of_the_same_year(converter):
    # 7,698.65 mdp ÷ 198,636.3 mdp (INEGI, Zacatecas GDP 2016, current prices) × 100.
    value = converter.convert(
        Decimal("7698650000"), datetime.date(2016, 10, 1), MONTH, Measure.PERCENT_GDP
    )

    assert round(value, 3) == Decimal("3.876")


@pytest.mark.parametrize(
    ("as_of", "measure"),
    [
        (datetime.date(2025, 9, 1), Measure.PERCENT_GDP),  # GDP published up to 2024
        (datetime.date(2026, 6, 1), Measure.REAL),  # INPC shipped up to February 2026
        (datetime.date(2041, 1, 1), Measure.PER_PERSON),  # projections end in 2040
    ],
)
def test_a_missing_reference_value_gives_no_number(converter, as_of, measure):
    assert converter.convert(Decimal("1000000"), as_of, MONTH, measure) is None


def test_nominal_is_the_amount_itself(converter):
    assert converter.convert(Decimal("1"), datetime.date(2010, 1, 1), DAY, Measure.NOMINAL) == 1


def test_default_base_year_is_the_latest_complete_year(shipped_data):
    # The shipped INPC runs to February 2026: 2025 is the latest year with 12 months.
    assert Converter(State.objects.get(cve_ent="32")).base_year == 2025


@pytest.mark.parametrize(
    ("query", "header", "first_value"),
    [
        # 650 mdp in September 2004 (Vanguardia); values from the shipped INPC, CONAPO and
        # INEGI files: 650 × mean(INPC 2024) / INPC(2004-09) = 1,535.83;
        # 650e6 / 1,412,044 people (mid-2004) = 460.33; 650 / 71,373.8 × 100 = 0.911.
        ("medida=real&base=2024", "Valor en pesos de 2024", "$1,535.8 mdp"),
        ("medida=por-persona", "Valor: Por persona", "$460"),
        ("medida=pib", "Valor: % del PIB estatal", "0.91 %"),
    ],
)
def test_historical_page_measures_of_the_first_figure(
    client, shipped_data, query, header, first_value
):
    response = client.get(f"{ZAC}/historica/?{query}")
    table = response.context["table"]

    assert header in [column.header for column in table.columns]
    # Vanguardia, September 2004, 650 mdp (the first sourced figure; SHCP's series comes before)
    first = next(row for row in table.rows if row.record.as_of == datetime.date(2004, 9, 1))
    assert first.get_cell("measure_value") == first_value
