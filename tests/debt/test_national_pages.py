"""The national debt pages as a citizen and a journalist use them: sorting, measures,
downloads, the home page's state picker and figures, and queries that do not grow."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from debt.models import (
    AlertSystemResult,
    DebtFigure,
    NationalDebtFigure,
    Population,
    Scope,
    StateGDP,
)
from debt.national import OFFICIAL_SERIES_KEY, CompareMeasure
from states.models import State
from tests.factories import SourceFactory, delete_without_history

pytestmark = pytest.mark.django_db

MEASURES = [value for value, _label in CompareMeasure.choices()]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_states(count):
    """Add states with a full row each (balance, population, GDP, alert result)."""
    series = SourceFactory(key=OFFICIAL_SERIES_KEY)
    alerts = AlertSystemResult.objects.select_related("source").first()
    for index in range(count):
        state = State.objects.create(
            cve_ent=f"{40 + index}",
            name=f"Estado de prueba {index}",
            short_name=f"EP{index}",
            slug=f"estado-de-prueba-{index}",
        )
        for year in (2014, 2015):
            DebtFigure.objects.create(
                state=state,
                as_of=datetime.date(year, 12, 31),
                scope=Scope.TOTAL,
                amount=Decimal("1000000000"),
                source=series,
            )
        Population.objects.create(state=state, year=2015, start_of_year=1000, mid_year=1000)
        StateGDP.objects.create(
            state=state, year=2015, current_prices=Decimal("1e11"), prices_2018=Decimal("1e11")
        )
        AlertSystemResult.objects.create(
            state=state,
            evaluation=alerts.evaluation,
            result="sustainable",
            debt_to_free_revenue=Decimal("0.5"),
            debt_service_to_free_revenue=Decimal("0.05"),
            debt_and_obligations=Decimal("1000000000"),
            source=alerts.source,
        )


@pytest.mark.parametrize(
    "url", ["/deuda/", "/deuda/?orden=-per_person", "/deuda/?formato=csv", "/"]
)
def test_index_queries_do_not_grow_with_states(client, shipped_data, url):
    before = count_queries(client, url)
    add_states(5)

    assert count_queries(client, url) == before


def test_index_stays_within_a_fixed_number_of_queries(
    client, shipped_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get("/deuda/")


@pytest.mark.parametrize("measure", MEASURES)
def test_comparison_queries_do_not_grow_with_states(client, shipped_data, measure):
    url = f"/deuda/comparar/?medida={measure}"
    before = count_queries(client, url)
    add_states(5)

    assert count_queries(client, url) == before
    assert count_queries(client, f"{url}&formato=csv") <= before


@pytest.mark.parametrize("measure", MEASURES)
def test_comparison_page_shows_each_measure_with_map_table_and_series(
    client, shipped_data, measure, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = client.get(f"/deuda/comparar/?medida={measure}")

    assert response.status_code == 200
    assert response.context["comparison"].measure == measure
    html = response.content.decode()
    assert 'data-figure="compare-map"' in html
    assert 'data-figure="serie-32"' in html
    assert "Fuente: SHCP" in html
    assert len(response.context["table"].rows) == 32


@pytest.mark.parametrize(
    "query", ["?medida=nada", "?medida=", "?medida=%00", "?medida=real&base=abc", "?base=1800"]
)
def test_bad_choices_fall_back_to_the_default(client, shipped_data, query):
    response = client.get(f"/deuda/comparar/{query}")

    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert comparison.measure in (CompareMeasure.DEFAULT, CompareMeasure.REAL)
    assert comparison.base_year == response.context["form"]["base"].value()
    assert comparison.base_year is not None


def test_real_pesos_use_the_base_year_asked_for(client, shipped_data):
    frame_2010 = client.get("/deuda/comparar/?medida=real&base=2010").context["comparison"]
    frame_2024 = client.get("/deuda/comparar/?medida=real&base=2024").context["comparison"]

    assert frame_2010.base_year == 2010 and frame_2024.base_year == 2024
    # Prices rose between 2010 and 2024: the same 2015 debt is more pesos of 2024.
    assert frame_2024.highest.value > frame_2010.highest.value
    assert (
        "Saldo en pesos de 2010"
        in client.get("/deuda/comparar/?medida=real&base=2010").content.decode()
    )


def test_index_sorts_by_any_column_with_unknown_values_and_the_total_last(client, shipped_data):
    tlaxcala = State.objects.get(cve_ent="29")
    for order in ("alerts_amount", "-alerts_amount"):
        records = [row.record for row in client.get(f"/deuda/?orden={order}").context["table"].rows]
        assert records[-1].is_national
        assert records[-2].cve_ent == tlaxcala.cve_ent  # not measured: «sin dato», last
        values = [record.alerts_amount for record in records[:-2]]
        assert values == sorted(values, reverse=order.startswith("-"))


def test_index_sorts_names_as_a_reader_does(client, shipped_data):
    names = [row.record.name for row in client.get("/deuda/").context["table"].rows]

    assert names.index("Durango") < names.index("Estado de México") < names.index("Guanajuato")
    descending = client.get("/deuda/?orden=-name").context["table"].rows
    assert descending[0].record.name == "Zacatecas"


def test_index_offers_a_sort_form_that_works_without_javascript(client, shipped_data):
    html = client.get("/deuda/?orden=-per_person").content.decode()

    assert '<select name="orden"' in html
    assert '<option value="-per_person" selected>' in html


def test_unknown_sort_column_is_ignored(client, shipped_data):
    assert client.get("/deuda/?orden=nada").status_code == 200


def test_national_pages_are_in_the_open_data_catalogue(client, shipped_data):
    html = client.get("/datos/").content.decode()

    assert 'href="/datos/deuda-estados/"' in html
    assert 'href="/datos/comparacion-estados/"' in html
    assert "/datos/comparacion-estados.csv?medida=" in html


def test_pages_without_shcps_series_say_so_and_cite_nothing_empty(client, shipped_data):
    """Before SHCP's series is loaded, the source sentences say «sin dato», not «SHCP ()»."""
    delete_without_history(DebtFigure.objects.filter(source__key=OFFICIAL_SERIES_KEY))
    delete_without_history(NationalDebtFigure.objects.all())

    index = client.get("/deuda/").content.decode()
    comparison = client.get("/deuda/comparar/").content.decode()

    assert "según SHCP: sin dato" in index
    assert "SHCP ()" not in index and "Fuente: ." not in index
    assert "Fuente: SHCP, ;" not in comparison
