import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core import formatting


@pytest.fixture(autouse=True)
def spanish():
    with translation.override("es-mx"):
        yield


@pytest.mark.parametrize(
    ("pesos", "expected"),
    [
        (Decimal("7698600000"), "$7,698.6 mdp"),
        (Decimal("7698649999.99"), "$7,698.6 mdp"),
        (Decimal("7698650000"), "$7,698.7 mdp"),  # half-up, as people round by hand
        (Decimal("718000000"), "$718.0 mdp"),
        (Decimal("63300000"), "$63.3 mdp"),
        (Decimal("-1500000"), "-$1.5 mdp"),
        (0, "$0.0 mdp"),
        (None, "sin dato"),
    ],
)
def test_millions_of_pesos(pesos, expected):
    assert formatting.millions_of_pesos(pesos) == expected


def test_pesos_and_numbers_use_comma_thousands_and_point_decimals():
    assert formatting.pesos(Decimal("1234.5")) == "$1,234.50"
    assert formatting.pesos(Decimal("1234.5"), decimals=0) == "$1,235"
    assert formatting.number(1620000) == "1,620,000"
    assert formatting.number(Decimal("2984.01"), decimals=2) == "2,984.01"
    assert formatting.percent(Decimal("12.345")) == "12.3 %"
    assert formatting.number(None) == "sin dato"


def test_long_date_in_spanish():
    assert formatting.long_date(datetime.date(2016, 12, 3)) == "3 de diciembre de 2016"
    assert formatting.month_year(datetime.date(2017, 5, 1)) == "mayo de 2017"
    assert formatting.long_date(None) == "sin dato"


def test_long_date_follows_the_chosen_language():
    with translation.override("en"):
        assert formatting.long_date(datetime.date(2016, 12, 3)) == "Dec. 3, 2016"


def test_filters_are_available_in_templates():
    template = Template(
        "{% load mx_format %}{{ amount|millions_of_pesos }} | {{ day|long_date }} | {{ missing|or_unknown }}"
    )
    rendered = template.render(
        Context(
            {"amount": Decimal("7698600000"), "day": datetime.date(2016, 12, 3), "missing": None}
        )
    )
    assert rendered == "$7,698.6 mdp | 3 de diciembre de 2016 | sin dato"


def test_long_date_of_a_moment_is_the_day_in_mexico_city():
    # 00:30 UTC on 22 November is still 21 November (18:30) in Mexico City.
    moment = datetime.datetime(2026, 11, 22, 0, 30, tzinfo=datetime.UTC)

    assert formatting.long_date(moment) == "21 de noviembre de 2026"
