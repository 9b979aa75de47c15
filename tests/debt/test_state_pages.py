"""Every state's debt pages from the official data: welcome, historical and current debt.

Zacatecas (32) has staff text and documented loans, Nuevo León (19) is large (102 loans in
the RPU), Tlaxcala (29) is small and not measured by the Sistema de Alertas.
"""

import datetime
import io
import re
from decimal import Decimal

import pandas as pd
import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from debt.models import LoanBalance, RegistryLoan
from tests.factories import RegistryLoanFactory, SourceFactory, StateFactory

pytestmark = pytest.mark.django_db

ZAC, NL, TLAX = "/deuda/zacatecas", "/deuda/nuevo-leon", "/deuda/tlaxcala"
STATES = {"zacatecas": "32", "nuevo-leon": "19", "tlaxcala": "29"}
PAGES = ["/", "/historica/", "/historica/?medida=pib", "/actual/", "/actual/?pagina=2"]
MAX_QUERIES = 12


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return pd.read_csv(io.BytesIO(response.content), dtype=str, encoding="utf-8-sig").fillna("")


def registered_sum(cve_ent, registry):
    """The sum of a state's balances in a registry, straight from the database."""
    return LoanBalance.objects.filter(
        registry_loan__state__cve_ent=cve_ent, registry_loan__registry=registry
    ).aggregate(total=Sum("amount"))["total"]


def text_of(response):
    """The page's words, without tags or repeated spaces."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("slug", STATES)
def test_every_page_of_a_small_and_a_large_state_renders_with_few_queries(
    client, shipped_data, django_assert_max_num_queries, slug, page
):
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(f"/deuda/{slug}{page}").status_code == 200


@pytest.mark.parametrize("page", ["/", "/historica/?medida=real", "/actual/"])
def test_query_count_does_not_grow_with_registry_loans(client, shipped_data, page):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{TLAX}{page}").status_code == 200
        return len(queries)

    before = count()
    tlaxcala = StateFactory(cve_ent="29")
    for n in range(30):
        RegistryLoanFactory(
            state=tlaxcala, debtor=f"Municipio {n}", debtor_type="municipality", balance=n + 1
        )

    assert count() == before


# -- Current debt: the RPU loan by loan ------------------------------------------------------


def test_current_debt_lists_the_17_rpu_loans_of_zacatecas(client, shipped_data):
    response = client.get(f"{ZAC}/actual/")

    assert len(response.context["table"].rows) == 17
    assert response.context["debt"].exposure.loans == 17
    html = response.content.decode()
    loans_table = html[html.index('id="tabla-creditos"') :].split("</table>")[0]
    assert loans_table.count('<td data-label="Deudor">') == 17  # all on the first page
    assert "Banobras" in html and "TIIE a 28 días + 0.95 puntos" in html
    assert "Fondo de Aportaciones para el Fortalecimiento" in html
    total = registered_sum("32", "rpu")
    assert response.context["debt"].exposure.balance == total


def test_a_large_state_paginates_on_the_page_and_downloads_every_row(client, shipped_data):
    page = client.get(f"{NL}/actual/?orden=-balance&pagina=2")
    frame = read_csv(client.get(f"{NL}/actual/?orden=-balance&formato=csv"))

    table = page.context["table"]
    assert table.paginator.count == 102 and len(table.page.object_list) == 25
    assert "Página 2 de 5" in page.content.decode()
    assert len(frame) == 102
    # The download is the page's table: the same rows, in the same order, all of them.
    assert list(frame["debtor"]) == [row.record.debtor for row in table.rows]
    balances = [Decimal(value) for value in frame["balance"]]
    assert balances == sorted(balances, reverse=True)
    assert sum(balances) == registered_sum("19", "rpu")
    for column in (
        "creditor",
        "creditor_group",
        "reference_rate",
        "spread",
        "effective_rate",
        "maturity_on",
        "pledged_fraction",
        "purpose",
        "guarantee_type",
        "hedge_instrument",
        "signed_after_snapshot",
        "source_published_in",
    ):
        assert column in frame.columns, column
    assert set(frame["registry"]) == {"rpu"} and set(frame["as_of"]) == {"2023-06-30"}


def test_debtor_filter_keeps_one_kind_or_one_debtor_and_its_csv(client, shipped_data):
    municipalities = client.get(f"{NL}/actual/?tipo=municipios")
    monterrey = client.get(f"{NL}/actual/?deudor=Municipio+de+Monterrey")
    frame = read_csv(client.get(f"{NL}/actual/?deudor=Municipio+de+Monterrey&formato=csv"))

    kinds = {row.record.debtor_type for row in municipalities.context["table"].rows}
    assert kinds == {"municipality"}
    assert {row.record.debtor for row in monterrey.context["table"].rows} == {
        "Municipio de Monterrey"
    }
    assert set(frame["debtor"]) == {"Municipio de Monterrey"}
    assert len(frame) == len(monterrey.context["table"].rows) == 2
    # The filter is a plain GET form: it works without JavaScript.
    html = monterrey.content.decode()
    assert '<form class="filters" method="get"' in html
    assert '<optgroup label="Municipios">' in html


@pytest.mark.parametrize(
    "query",
    [
        "deudor=%3Cscript%3E",
        "tipo=nada",
        "pagina=abc",
        "pagina=999",
        "orden=nada",
        "deudor=Municipio+de+Monterrey&tipo=estado",
    ],
)
def test_bad_filter_values_never_fail(client, shipped_data, query):
    response = client.get(f"{NL}/actual/?{query}")

    assert response.status_code == 200
    assert client.get(f"{NL}/actual/?{query}&formato=csv").status_code == 200


def test_weighted_rate_and_one_more_point_of_tiie_from_known_loans(client, db):
    state = StateFactory(cve_ent="90", name="Estado de prueba", short_name="EDP", slug="prueba")
    source = SourceFactory()
    loan = {"state": state, "source": source}
    RegistryLoanFactory(
        **loan,
        balance=Decimal("600000000"),
        reference_rate="TIIE a 28 días",
        spread=Decimal("0.01"),
        effective_rate=Decimal("0.10"),
        hedge_instrument="Swap",
        maturity_on=datetime.date(2030, 5, 1),
    )
    RegistryLoanFactory(
        **loan,
        balance=Decimal("400000000"),
        reference_rate="0.08",
        effective_rate=Decimal("0.08"),
        maturity_on=datetime.date(2030, 11, 1),
    )
    RegistryLoanFactory(
        **loan,
        debtor="Municipio de Prueba",
        debtor_type="municipality",
        balance=Decimal("1000000000"),
        reference_rate="TIIE",
    )
    RegistryLoanFactory(  # signed after 30 Jun 2023: its 0 says nothing, and weighs nothing
        **loan,
        balance=Decimal("0"),
        signed_on=datetime.date(2023, 9, 1),
        reference_rate="TIIE a 28 días",
        effective_rate=Decimal("0.12"),
        maturity_on=datetime.date(2024, 9, 1),
    )

    response = client.get("/deuda/prueba/actual/")

    exposure = response.context["debt"].exposure
    # (600 × 10 % + 400 × 8 %) ÷ 1,000: the 1,000 without an effective rate stays out.
    assert exposure.weighted_rate == Decimal("0.092")
    assert exposure.rated_balance == Decimal("1000000000")
    assert exposure.tiie_balance == Decimal("1600000000")  # 600 + 1,000; not the fixed 400
    assert exposure.tiie_share == Decimal("0.8")
    assert exposure.one_point_cost == Decimal("16000000")  # 1,600 mdp × 1 %
    assert exposure.tiie_hedged_balance == Decimal("600000000")
    assert exposure.signed_after == 1
    page = text_of(response)
    assert "9.20 %" in page
    assert "unos $16.0 mdp más de intereses al año" in page
    assert "Cómo lo calculamos" in page and "saldo a tasa variable × 1 %" in page
    assert "firmado después del corte, no quiere decir pagado" in page
    profile = {group.label: group.balance for group in response.context["debt"].maturity}
    assert profile == {"2030": Decimal("1000000000"), "sin fecha": Decimal("1000000000")}


def test_a_hedge_rate_published_as_a_bare_fraction_reads_as_a_percent(client, db):
    """SHCP writes most guaranteed rates as text («5.93%»), a few as a fraction (0.057)."""
    state = StateFactory(cve_ent="90", name="Estado de prueba", short_name="EDP", slug="prueba")
    for rate in ("0.057", "TIIE a 28 días, 7.70%"):
        RegistryLoanFactory(
            state=state, balance=Decimal("1"), hedge_instrument="Swap", hedge_rate=rate
        )

    page = client.get("/deuda/prueba/actual/").content.decode()
    csv = read_csv(client.get("/deuda/prueba/actual/?formato=csv"))

    assert "tasa garantizada 5.7 %" in page
    assert "0.057" not in page
    assert "tasa garantizada TIIE a 28 días, 7.70%" in page
    assert sorted(csv["hedge_rate"]) == ["0.057", "TIIE a 28 días, 7.70%"]  # as published


@pytest.mark.parametrize("cve_ent, slug", [("19", "nuevo-leon"), ("32", "zacatecas")])
def test_maturity_profile_adds_up_to_the_balance(client, shipped_data, cve_ent, slug):
    debt = client.get(f"/deuda/{slug}/actual/").context["debt"]

    years = [group.key for group in debt.maturity]
    assert sum(group.balance for group in debt.maturity) == debt.exposure.balance
    assert years == sorted(years, key=lambda year: (year is None, year or 0))
    assert sum(group.loans for group in debt.maturity) == sum(
        1
        for loan in RegistryLoan.objects.filter(state__cve_ent=cve_ent, registry="rpu")
        if loan.balances.get().amount > 0
    )


def test_totals_by_creditor_source_and_debtor_have_charts_and_tables(client, shipped_data):
    response = client.get(f"{NL}/actual/")
    html = response.content.decode()
    total = registered_sum("19", "rpu")

    for key, title, figure, table, _grouped in response.context["charts"]["groups"]:
        assert f"<caption>{title}</caption>" in html
        assert f'data-figure="chart-registry-{key}"' in html
        groups = response.context["debt"].compositions[key]
        assert sum(group.balance for group in groups) == total
        assert [row.get_cell("group") for row in table.rows] == [g.label for g in groups]
        assert figure["data"][0]["type"] == "bar"
    creditors = [g.label for g in response.context["debt"].compositions["creditor"]]
    assert "Banobras" in creditors and "BBVA" in creditors  # «BBVA Bancomer» and «BBVA México»


def test_registries_of_2015_and_2023_compared_as_sums_of_registered_balances(client, shipped_data):
    response = client.get(f"{NL}/actual/")
    comparison = response.context["debt"].comparison

    assert (comparison.earlier_as_of, comparison.later_as_of) == (
        datetime.date(2015, 6, 30),
        datetime.date(2023, 6, 30),
    )
    for rows in (comparison.by_debtor, comparison.by_creditor):
        assert sum(row.earlier for row in rows) == registered_sum("19", "roe")
        assert sum(row.later for row in rows) == registered_sum("19", "rpu")
    assert [row.label for row in comparison.by_debtor] == [
        "Gobierno del estado",
        "Municipios, organismos y otros",
    ]
    page = text_of(response)
    assert "Saldos registrados al 30 de junio de 2015" in page
    assert "no es la deuda total que publica SHCP" in page
    assert "Fuente: SHCP, Registro de Obligaciones y Empréstitos" in page
    assert "Fuente: SHCP, Registro Público Único" in page


def test_documented_loans_of_zacatecas_stay_reachable(client, shipped_data):
    html = client.get(f"{ZAC}/actual/").content.decode()

    assert 'href="/deuda/zacatecas/actual/documentados/"' in html
    assert "Créditos documentados" in html
    assert "Créditos documentados" not in client.get(f"{NL}/actual/").content.decode()


# -- Historical ------------------------------------------------------------------------------


def test_historical_chart_shows_the_years_without_figures_as_a_gap(client, shipped_data):
    figure = client.get(f"{NL}/historica/").context["figure"]

    bands = {(shape["x0"], shape["x1"]) for shape in figure["layout"]["shapes"]}
    # Nuevo León: SHCP's series to 2015, the RPU in 2023, the Sistema de Alertas in 2025.
    assert ("2016-01-01", "2023-01-01") in bands
    assert ("2024-01-01", "2025-01-01") in bands
    labels = [annotation["text"] for annotation in figure["layout"]["annotations"]]
    assert "sin dato" in labels and "sin serie oficial" in labels
    [line] = [trace for trace in figure["data"] if trace["mode"] == "lines+markers"]
    assert line["x"][-1] == "2015-12-31"  # no line drawn through the missing years
    names = [trace["name"] for trace in figure["data"]]
    assert "Suma de saldos registrados (no es la deuda total)" in names
    assert "Sistema de Alertas: deuda y obligaciones" in names


def test_historical_percent_of_gdp_shows_shcp_and_ours_side_by_side(client, shipped_data):
    response = client.get(f"{NL}/historica/?medida=pib")
    frame = read_csv(client.get(f"{NL}/historica/?medida=pib&formato=csv"))

    table = response.context["table"]
    headers = [column.header for column in table.columns]
    assert "Valor: % del PIB estatal" in headers and "% del PIB según SHCP" in headers
    [row] = [r for r in table.rows if r.record.as_of == datetime.date(2014, 12, 31)]
    assert row.get_cell_value("series") == "official"
    assert row.get_cell_value("shcp_percent_gdp") is not None
    assert row.get_cell_value("measure_value") is not None
    assert "por eso las dos cifras no coinciden" in text_of(response)
    assert list(frame["as_of"]) == [r.record.as_of.isoformat() for r in table.rows]
    december_2014 = frame[frame["as_of"] == "2014-12-31"].iloc[0]
    assert december_2014["shcp_percent_gdp"] and december_2014["measure_value"]
    # Only SHCP's own series has SHCP's percentage.
    assert set(frame[frame["series"] != "official"]["shcp_percent_gdp"]) == {""}


def test_historical_csv_lists_the_other_measures_with_their_source(client, shipped_data):
    frame = read_csv(client.get(f"{TLAX}/historica/?formato=csv"))

    rpu = frame[(frame["series"] == "registry_sum") & (frame["as_of"] == "2023-06-30")].iloc[0]
    assert Decimal(rpu["amount"]) == registered_sum("29", "rpu")
    assert (
        rpu["source_reported_by"] == "SHCP"
        and "Registro Público Único" in (rpu["source_published_in"])
    )
    assert "alert_system" not in set(frame["series"])  # Tlaxcala is not measured


# -- Welcome and Sistema de Alertas ----------------------------------------------------------


def test_welcome_shows_the_latest_official_figures_with_date_and_source(client, shipped_data):
    page = text_of(client.get(f"{NL}/"))

    assert "Cuánto debe Nuevo León, a quién y con qué lo paga" in page  # no staff text
    assert "al 31 de diciembre de 2015" in page
    assert "suma de saldos registrados en el Registro Público Único al 30 de junio de 2023" in page
    assert "Fuente: SHCP, Saldo histórico de obligaciones financieras" in page
    assert "$81,006.1 mdp de deuda y obligaciones del estado" in page


def test_staff_welcome_takes_precedence(client, shipped_data):
    page = text_of(client.get(f"{ZAC}/"))

    assert "En donde podrás dar seguimiento a la deuda pública del Estado de Zacatecas" in page
    assert "Cuánto debe Zacatecas, a quién" not in page


def test_alert_system_result_in_words_with_the_official_indicators(client, shipped_data):
    page = text_of(client.get(f"{ZAC}/"))

    assert "Endeudamiento sostenible ← resultado de Zacatecas" in page
    assert "Es el mejor de los tres resultados que da SHCP." in page
    for indicator in ("40.3 %", "5.2 %", "−5.4 %"):
        assert indicator in page
    assert "no están todavía en los datos que publicamos" in page  # thresholds: not invented
    assert "Fuente: SHCP, Sistema de Alertas de entidades federativas" in page


def test_tlaxcala_is_not_measured_by_the_alert_system(client, shipped_data):
    page = text_of(client.get(f"{TLAX}/"))

    assert "No se mide: no tiene deuda registrada." in page
    assert "resultado de Tlaxcala" not in page


def test_comparison_names_the_state_government_even_without_loans(client, shipped_data):
    comparison = client.get(f"{TLAX}/actual/").context["debt"].comparison

    government = next(row for row in comparison.by_debtor if row.label == "Gobierno del estado")
    assert (government.earlier, government.earlier_loans, government.later) == (0, 0, 0)


def test_a_registry_sum_of_one_loan_says_one_loan(client, shipped_data):
    """Tlaxcala's 2023 registry has one loan with a balance: «1 crédito», not «1 créditos»."""
    page = client.get("/deuda/tlaxcala/historica/").content.decode()

    assert "saldo de 1 crédito con saldo" in page
    assert "1 créditos" not in page
    assert "Serie oficial de SHCP (saldo a esa fecha)" in page  # 31 Mar 2015 is no year-end


def test_shcp_total_says_it_includes_the_public_bodies(client, shipped_data):
    """SHCP's series is the debt of «entidades federativas, municipios y sus organismos»."""
    page = client.get("/deuda/zacatecas/historica/").content.decode()

    assert "Total (estado, municipios y organismos)" in page
    assert "Total (estado y municipios)" not in page
