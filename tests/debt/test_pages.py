"""The microsite's pages, their CSVs and feed, as a citizen and a journalist use them."""

import datetime
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Source
from debt.models import DebtFigure, Loan, LoanBalance, LoanStatus
from states.models import State
from tests.factories import (
    ConsumerPriceIndexFactory,
    DebtFigureFactory,
    DebtMicrositeFactory,
    LoanFactory,
    PopulationFactory,
    StateFactory,
    StateGDPFactory,
)

pytestmark = pytest.mark.django_db

ZAC = "/deuda/zacatecas"


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return pd.read_csv(io.BytesIO(response.content), dtype=str, encoding="utf-8-sig").fillna("")


def test_every_state_has_a_microsite_and_only_published_staff_text_shows(client):
    site = DebtMicrositeFactory(
        state=StateFactory(cve_ent="26"), welcome="Texto del órgano garante"
    )
    assert 'href="/deuda/sonora/"' in client.get("/deuda/").content.decode()
    assert "Texto del órgano garante" in client.get("/deuda/sonora/").content.decode()

    site.is_published = False
    site.save()
    response = client.get("/deuda/sonora/")
    assert response.status_code == 200  # the official data is still there
    assert "Texto del órgano garante" not in response.content.decode()
    assert client.get("/deuda/no-existe/").status_code == 404


def test_microsite_welcome_explains_and_offers_ways_to_follow(client, shipped_data):
    html = client.get(f"{ZAC}/").content.decode()

    assert "¿Qué es Follow the Money?" in html
    assert "Quiero darle seguimiento" in html
    assert 'href="/deuda/zacatecas/novedades.atom"' in html
    assert "$6,573.0 mdp" in html  # the latest figure of the state government (2025-09)


def test_historical_table_lists_every_figure_with_its_source(client, shipped_data):
    response = client.get(f"{ZAC}/historica/")
    html = response.content.decode()

    # 16 sourced figures and SHCP's official series (24 dates, 1993 to December 2015), then
    # three official measures that are not debt balances: the sums of the 2015 registry and of
    # the RPU 2023, and the Sistema de Alertas 2025.
    figures = DebtFigure.objects.filter(state__cve_ent="32")
    rows = response.context["table"].rows
    assert figures.count() == 40
    assert [row.get_cell_value("series") for row in rows].count("sourced") == 16
    assert [row.get_cell_value("series") for row in rows].count("official") == 24
    assert [row.get_cell_value("series") for row in rows if not row.record.pk] == [
        "registry_sum",
        "registry_sum",
        "alert_system",
    ]
    assert "$718.0 mdp" in html and "$682.0 mdp" in html  # 2010: both sources, side by side
    assert "Hay años con cifras de fuentes distintas que no coinciden" in html
    assert "Excélsior 2012-01-09" in html


def test_years_without_figures_say_sin_dato(client, shipped_data):
    missing = client.get(f"{ZAC}/historica/").context["missing_years"]

    # SHCP's official series covers 1993-2015; after it, only the sourced point figures.
    assert missing[:3] == [2017, 2019, 2022]
    assert 2010 not in missing and 2016 not in missing


def test_chart_draws_shcp_series_as_a_line_and_every_other_figure_as_a_point(client, shipped_data):
    figure = client.get(f"{ZAC}/historica/").context["figure"]

    [line] = [trace for trace in figure["data"] if "lines" in trace["mode"]]
    assert line["name"].startswith("SHCP, serie oficial")
    assert (line["x"][0], line["x"][-1]) == ("1993-12-31", "2015-12-31")  # ends with the series
    others = [trace for trace in figure["data"] if trace is not line]
    assert {trace["mode"] for trace in others} == {"markers"}
    state = next(t for t in others if t["name"] == "Otras fuentes: gobierno del estado")
    assert len(state["x"]) == DebtFigure.objects.filter(scope="state_government").count() == 11
    registry = next(t for t in others if t["name"].startswith("Suma de saldos registrados"))
    assert registry["x"] == ["2015-06-30", "2023-06-30"]


@pytest.mark.parametrize(
    ("query", "header", "value"),
    [
        # 1,000 mdp of October 2090 × INPC 2091 (150) / INPC October 2090 (100).
        ("medida=real&base=2091", "Valor en pesos de 2091", "$1,500.0 mdp"),
        ("medida=por-persona", "Valor: Por persona", "$500"),  # ÷ 2,000,000 people
        ("medida=pib", "Valor: % del PIB estatal", "1.00 %"),  # ÷ 100,000 mdp × 100
    ],
)
def test_measures_are_chosen_by_query_parameter(client, query, header, value):
    sonora = StateFactory(cve_ent="26")
    DebtFigure.objects.filter(state=sonora).delete()  # only the figure built here
    DebtMicrositeFactory(state=sonora)
    DebtFigureFactory(state=sonora, as_of=datetime.date(2090, 10, 1), amount=Decimal("1e9"))
    ConsumerPriceIndexFactory(month=datetime.date(2090, 10, 1), value=100)
    for month in range(1, 13):
        ConsumerPriceIndexFactory(month=datetime.date(2091, month, 1), value=150)
    PopulationFactory(state=sonora, year=2090, mid_year=2_000_000)
    StateGDPFactory(state=sonora, year=2090, current_prices=Decimal("1e11"))

    table = client.get(f"/deuda/sonora/historica/?{query}").context["table"]

    assert header in [column.header for column in table.columns]
    # Sonora's registry sums and Sistema de Alertas are rows too: only one is a sourced figure.
    [row] = [row for row in table.rows if row.get_cell_value("series") == "sourced"]
    assert row.get_cell("measure_value") == value


def test_historical_csv_round_trip(client, shipped_data):
    frame = read_csv(client.get(f"{ZAC}/historica/?medida=pib&formato=csv"))

    assert list(frame.columns) == [
        "as_of",
        "date_precision",
        "series",
        "scope",
        "measure_value",
        "shcp_percent_gdp",
        "measure",
        "base_year",
        "amount",
        "source_reported_by",
        "source_published_in",
        "source_url",
        "source_confidence",
        "notes",
    ]
    assert len(frame) == 43  # 16 sourced figures, SHCP's 24 and 3 other official measures
    figures = frame[frame["series"].isin(["official", "sourced"])]
    amounts = sorted(Decimal(value) for value in figures["amount"])
    zacatecas = DebtFigure.objects.filter(state__cve_ent="32")
    assert amounts == sorted(zacatecas.values_list("amount", flat=True))
    [first] = frame[frame["as_of"] == "2004-09-01"].itertuples()  # Vanguardia: 650 / 71,373.8 × 100
    first = first._asdict()
    assert (first["as_of"], first["date_precision"], first["scope"]) == (
        "2004-09-01",
        "month",
        "state_government",
    )
    assert (first["measure_value"], first["measure"], first["source_confidence"]) == (
        "0.9107",
        "pib",
        "low",
    )


def test_historical_csv_in_real_pesos_says_of_which_year(client, shipped_data):
    frame = read_csv(client.get(f"{ZAC}/historica/?medida=real&base=2024&formato=csv"))

    assert set(frame["measure"]) == {"real"} and set(frame["base_year"]) == {"2024"}
    vanguardia_2004 = frame[frame["as_of"] == "2004-09-01"].iloc[0]
    assert Decimal(vanguardia_2004["measure_value"]) == Decimal(
        "1535832080.77"
    )  # "$1,535.8 mdp" on the page


def test_historical_table_and_its_csv_have_the_same_rows(client, shipped_data):
    table = client.get(f"{ZAC}/historica/?medida=por-persona").context["table"]
    frame = read_csv(client.get(f"{ZAC}/historica/?medida=por-persona&formato=csv"))

    assert list(frame["as_of"]) == [row.record.as_of.isoformat() for row in table.rows]
    # The download's value of each cell («No indicado» on the page is empty in the file).
    assert list(frame["source_reported_by"].fillna("")) == [
        row.get_cell_value("source_reported_by") or "" for row in table.rows
    ]


def test_documented_loans_show_those_in_force_by_default(client, shipped_data):
    response = client.get(f"{ZAC}/actual/documentados/")
    html = response.content.decode()

    assert (
        len(response.context["table"].rows)
        == Loan.objects.filter(status=LoanStatus.IN_FORCE).count()
        == 3
    )
    assert "$7,529.8 mdp" in html  # 2,800 + 4,261.75 + 468


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("situacion=todos", 7),
        ("situacion=refinanced", 4),
        ("situacion=todos&acreedor=Banobras", 4),
        ("tasa=variable", 3),
        ("situacion=todos&tasa=unknown", 3),
    ],
)
def test_documented_loan_filters(client, shipped_data, query, expected):
    assert len(client.get(f"{ZAC}/actual/documentados/?{query}").context["table"].rows) == expected


def test_documented_loans_sort_by_column(client, shipped_data):
    table = client.get(f"{ZAC}/actual/documentados/?orden=-amount_contracted").context["table"]

    labels = [row.record.label for row in table.rows]
    assert labels[0] == "Crédito 2017 (refinanciamiento)"  # 4,261.75 mdp, the largest


def test_documented_loans_csv_matches_the_table_and_keeps_the_filters(client, shipped_data):
    page = client.get(f"{ZAC}/actual/documentados/?situacion=todos&orden=-amount_contracted")
    frame = read_csv(
        client.get(
            f"{ZAC}/actual/documentados/?situacion=todos&orden=-amount_contracted&formato=csv"
        )
    )

    assert list(frame["label"]) == [row.record.label for row in page.context["table"].rows]
    assert len(frame) == 7
    for column in ("creditor", "amount_contracted", "payment_source", "source_url", "notes"):
        assert column in frame.columns
    banorte = frame[frame["label"] == "Crédito 2011 (decreto 206)"].iloc[0]
    assert Decimal(banorte["amount_contracted"]) == Decimal("3000000000.00")
    assert Decimal(banorte["latest_balance"]) == Decimal("2984010000.00")
    assert (banorte["signed_on"], banorte["latest_balance_as_of"]) == ("2011-08-19", "2013-12-31")
    assert (banorte["rate_type"], banorte["status"]) == ("variable", "refinanced")
    assert banorte["refinanced_by"].startswith("Crédito 17-1 (refinanciamiento); ")


def test_documented_loans_compositions_and_lineage(client, shipped_data):
    context = client.get(f"{ZAC}/actual/documentados/").context
    by_creditor = {share.label: share.amount for share in context["compositions"][0][2]}
    lineage = {str(new): [str(old) for old in olds] for new, olds in context["lineage"]}

    assert by_creditor == {"Banorte": Decimal("4261750000"), "Banobras": Decimal("3268000000")}
    assert len(lineage) == 3
    assert (
        "Banorte: Crédito 2011 (decreto 206)"
        in lineage["Banobras: Crédito 17-1 (refinanciamiento)"]
    )


def test_each_documented_loans_composition_chart_has_its_data_table(client, shipped_data):
    response = client.get(f"{ZAC}/actual/documentados/")
    html = response.content.decode()

    for _key, title, shares, _figure, table in response.context["compositions"]:
        assert f"<caption>{title}</caption>" in html
        # The table's rows are the chart's bars, and what it would export.
        assert [row.get_cell("group") for row in table.rows] == [s.label for s in shares]
        assert [values[0] for values in list(table.as_values())[1:]] == [s.label for s in shares]
    assert '<td data-label="Monto contratado" class="num">$4,261.8 mdp</td>' in html


def test_loan_page_shows_its_balance_history(client, shipped_data):
    loan = Loan.objects.get(label="Crédito 2011 (decreto 206)")
    html = client.get(loan.get_absolute_url()).content.decode()

    assert "$2,984.0 mdp" in html
    assert "31 de diciembre de 2013" in html
    assert "Refinanciado con" in html


def test_loan_of_another_state_is_404(client):
    sonora, durango = StateFactory(cve_ent="26"), StateFactory(cve_ent="10")
    DebtMicrositeFactory(state=sonora)
    DebtMicrositeFactory(state=durango)
    sonora_loan = LoanFactory(state=sonora)
    assert client.get(f"/deuda/sonora/actual/{sonora_loan.pk}/").status_code == 200

    assert client.get(f"/deuda/durango/actual/{sonora_loan.pk}/").status_code == 404


def test_citizen_report_links_glossary_words(client, shipped_data):
    html = client.get(f"{ZAC}/informe-ciudadano/").content.decode()

    assert '<a class="glossary-link" href="#termino-emprestito">empréstito</a>' in html
    assert '<a class="glossary-link" href="#termino-tiie">TIIE</a>' in html
    assert '<dt id="termino-sobretasa">Sobretasa</dt>' in html
    for heading in ("¿Qué es la deuda pública?", "¿Cuánto nos toca a cada persona?"):
        assert heading in html
    assert "$3,837" in html  # 6,573 mdp ÷ CONAPO mid-2025 population


def test_feed_lists_new_figures_with_links_to_them(client, shipped_data):
    response = client.get(f"{ZAC}/novedades.atom")

    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    entries = root.findall("atom:entry", ns)
    assert len(entries) == 20  # the latest 20 of Zacatecas's 40 figures
    link = entries[0].find("atom:link", ns).get("href")
    assert "/deuda/zacatecas/historica/#cifra-" in link
    assert "mdp" in entries[0].find("atom:title", ns).text


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        f"{ZAC}/",
        f"{ZAC}/historica/?medida=real",
        f"{ZAC}/actual/",
        f"{ZAC}/actual/documentados/?situacion=todos",
        ZAC + "/actual/{loan}/",
        f"{ZAC}/informe-ciudadano/",
    ],
)
def test_query_count_does_not_grow_with_rows(client, shipped_data, url):
    first_loan = Loan.objects.filter(state__cve_ent="32").order_by("signed_on").first()
    url = url.replace("{loan}", str(first_loan.pk))
    before = count_queries(client, url)
    state, source = State.objects.get(cve_ent="32"), Source.objects.first()
    for year in range(2030, 2040):
        DebtFigure.objects.create(
            state=state, as_of=f"{year}-01-01", scope="total", amount=1, source=source
        )
        loan = Loan.objects.create(
            state=state, creditor=f"Banco {year}", label="L", source=source, status="in_force"
        )
        loan.balances.create(as_of=f"{year}-01-01", amount=1, source=source)
        loan.refinanced_by.add(first_loan)
        first_loan.balances.create(as_of=f"{year}-06-30", amount=1, source=source)

    assert count_queries(client, url) == before


def test_loan_balances_csv_matches_the_table(client, shipped_data):
    loan = Loan.objects.get(label="Crédito 2011 (decreto 206)")
    table = client.get(loan.get_absolute_url()).context["table"]
    frame = read_csv(client.get(f"{loan.get_absolute_url()}?formato=csv"))

    assert list(frame.columns) == [
        "as_of",
        "amount",
        "source_reported_by",
        "source_published_in",
        "source_url",
        "source_confidence",
    ]
    assert list(frame["as_of"]) == [row.record.as_of.isoformat() for row in table.rows]
    assert frame.iloc[0]["as_of"] == "2013-12-31"
    assert Decimal(frame.iloc[0]["amount"]) == Decimal("2984010000.00")
    assert frame.iloc[0]["source_confidence"] == "medium"


def test_a_long_loan_history_is_paginated_and_the_csv_has_every_balance(client, states):
    loan = LoanFactory(state=states.get(cve_ent="32"))
    LoanBalance.objects.bulk_create(
        LoanBalance(
            loan=loan,
            as_of=datetime.date(2000 + n // 12, n % 12 + 1, 1),
            amount=n,
            source=loan.source,
        )
        for n in range(30)
    )
    url = f"/deuda/zacatecas/actual/{loan.pk}/"

    first = client.get(url).content.decode()
    second = client.get(url + "?pagina=2").content.decode()
    csv = client.get(url + "?formato=csv").content.decode()

    assert first.count("<tr ") == 24  # body rows (the header's <tr> has no attributes)
    assert 'href="?pagina=2#tabla-saldos"' in first
    assert second.count("<tr ") == 6
    assert len(csv.strip().splitlines()) == 1 + 30
