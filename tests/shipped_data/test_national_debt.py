"""The national debt pages (/deuda/, /deuda/comparar/, the home page's figures) against values
computed by hand from the shipped official files."""

import io
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from debt.models import NationalDebtFigure

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
OFFICIAL = FIXTURES / "official"


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return pd.read_csv(io.BytesIO(response.content), dtype=str, encoding="utf-8-sig").fillna("")


@pytest.fixture(scope="module")
def shcp_series():
    return pd.read_csv(OFFICIAL / "shcp_saldo_obligaciones_financieras_por_entidad_1993_2015.csv")


@pytest.fixture(scope="module")
def zacatecas_2015():
    """Zacatecas at 31 Dec 2015 from the shipped files: balance, population, GDP."""
    series = pd.read_csv(
        OFFICIAL / "shcp_saldo_obligaciones_financieras_por_entidad_1993_2015.csv",
        dtype={"cve_ent": str},
    )
    population = pd.read_csv(FIXTURES / "population_conapo.csv", dtype={"cve_ent": str})
    gdp = pd.read_csv(FIXTURES / "gdp_states_inegi.csv", dtype={"cve_ent": str})
    amount = series[(series.cve_ent == "32") & (series.fecha_corte == "2015-12-31")]
    people = population[(population.cve_ent == "32") & (population.year == 2015)]
    product = gdp[(gdp.cve_ent == "32") & (gdp.year == 2015)]
    return {
        "amount_mdp": Decimal(str(amount.saldo_mdp.iloc[0])),
        "people": int(people.population_mid_year.iloc[0]),
        "gdp_mdp": Decimal(str(product.gdp_current_mxn_millions.iloc[0])),
    }


def zacatecas_row(table):
    return next(row for row in table.rows if row.record.cve_ent == "32")


def test_index_lists_the_32_states_and_the_national_total(client, shipped_data):
    response = client.get("/deuda/")
    table = response.context["table"]
    html = response.content.decode()

    records = [row.record for row in table.rows]
    assert len([record for record in records if not record.is_national]) == 32
    assert records[-1].is_national
    assert "Saldo al 31 de diciembre de 2015 (SHCP)" in html
    assert 'href="/deuda/zacatecas/"' in html
    assert 'href="/deuda/comparar/"' in html


def test_national_total_is_shcps_national_figure(client, shipped_data):
    latest = NationalDebtFigure.objects.filter(as_of="2015-12-31").get()
    national = client.get("/deuda/").context["overview"].national

    assert national.amount == latest.amount == Decimal("536269100000.00")
    assert "$536,269.1 mdp" in client.get("/deuda/").content.decode()


def test_states_add_up_to_the_national_total(client, shipped_data, shcp_series):
    overview = client.get("/deuda/").context["overview"]
    states_total = sum(row.amount for row in overview.rows)

    # SHCP rounds each state to 0.1 million: the sum may differ from its total by a little.
    assert abs(states_total - overview.national.amount) <= Decimal("200000")


def test_zacatecas_per_person_and_share_of_gdp(client, shipped_data, zacatecas_2015):
    response = client.get("/deuda/")
    row = zacatecas_row(response.context["table"]).record
    expected_amount = zacatecas_2015["amount_mdp"] * 1_000_000

    assert row.amount == expected_amount == Decimal("7609400000")
    assert row.per_person == expected_amount / zacatecas_2015["people"]
    assert row.percent_gdp == expected_amount / (zacatecas_2015["gdp_mdp"] * 1_000_000) * 100
    html = response.content.decode()
    assert ">$7,609.4 mdp<" in html
    assert ">$4,717<" in html  # 7,609.4 mdp ÷ 1,613,116 people
    assert ">4.39 %<" in html  # ÷ 173,323.7 mdp of GDP
    assert ">3.81 %<" in html  # SHCP's own, 31 Mar 2015
    assert ">$6,394.6 mdp<" in html  # Sistema de Alertas, Cuenta Pública 2025


def test_tlaxcala_is_not_measured_by_the_alert_system(client, shipped_data):
    overview = client.get("/deuda/").context["overview"]
    tlaxcala = next(row for row in overview.rows if row.cve_ent == "29")

    assert tlaxcala.alerts_amount is None
    assert overview.unmeasured == ["Tlaxcala"]
    # The national column is the sum of the 31 states measured, said so on the page.
    measured = [row.alerts_amount for row in overview.rows if row.alerts_amount is not None]
    assert overview.national.alerts_amount == sum(measured)


def test_index_csv_has_the_tables_rows_and_plain_values(client, shipped_data):
    response = client.get("/deuda/?orden=-per_person")
    table = response.context["table"]
    frame = read_csv(client.get("/deuda/?orden=-per_person&formato=csv"))

    assert list(frame["cve_ent"]) == [row.record.cve_ent for row in table.rows]
    assert len(frame) == 33 and frame.iloc[-1]["cve_ent"] == "00"
    zacatecas = frame[frame.cve_ent == "32"].iloc[0]
    assert Decimal(zacatecas["amount"]) == Decimal("7609400000.00")
    assert zacatecas["as_of"] == "2015-12-31"
    assert zacatecas["population"] == "1613116"
    assert Decimal(zacatecas["per_person"]) == Decimal("4717.21")
    assert Decimal(zacatecas["percent_gdp"]) == Decimal("4.3903")
    assert zacatecas["shcp_percent_as_of"] == "2015-03-31"
    assert zacatecas["alerts_evaluation"] == "Cuenta Pública 2025"
    assert zacatecas["source_reported_by"] == "SHCP"
    assert frame.iloc[-1]["name"] == "Total nacional"
    assert Decimal(frame.iloc[-1]["amount"]) == Decimal("536269100000.00")


def test_comparison_ranks_per_person_with_the_shipped_figures(client, shipped_data):
    response = client.get("/deuda/comparar/?medida=por-persona")
    ranked = response.context["comparison"].ranked

    assert len(ranked) == 32
    assert ranked[0].name == "Quintana Roo" and ranked[0].rank == 1
    zacatecas = next(entry for entry in ranked if entry.cve_ent == "32")
    assert zacatecas.value_display == "$4,717"


def test_comparison_of_debt_to_free_revenue_leaves_tlaxcala_unranked(client, shipped_data):
    response = client.get("/deuda/comparar/?medida=deuda-ild")
    ranked = response.context["comparison"].ranked
    frame = read_csv(client.get("/deuda/comparar/?medida=deuda-ild&formato=csv"))

    assert ranked[-1].name == "Tlaxcala" and ranked[-1].rank is None
    assert ranked[-1].value_display == "sin dato"
    zacatecas = frame[frame.cve_ent == "32"].iloc[0]
    assert Decimal(zacatecas["value"]) == Decimal("0.4030")
    assert zacatecas["evaluation"] == "Cuenta Pública 2025"
    assert zacatecas["result"] == "sustainable"
    assert frame[frame.cve_ent == "29"].iloc[0]["value"] == ""


def test_comparison_series_covers_1993_to_2015_for_every_state(client, shipped_data):
    comparison = client.get("/deuda/comparar/").context["comparison"]

    assert comparison.history_years == list(range(1993, 2016))
    zacatecas = next(row for row in comparison.history if row["cve_ent"] == "32")
    assert zacatecas["values"]["2010"] == Decimal("682000000.00")
    assert zacatecas["values"]["2015"] == Decimal("7609400000.00")


def test_home_page_leads_with_the_national_debt_and_its_source(client, shipped_data):
    html = client.get("/").content.decode()

    assert "$536,269.1 mdp" in html
    assert "Fecha de la cifra: 31 de diciembre de 2015" in html
    assert "Fuente: SHCP: Saldo histórico de obligaciones financieras" in html
    assert "Quintana Roo" in html  # the highest debt per person
    assert "9 de 32" in html  # states that had launched their Local Action Plan, May 2017


TABLE_2015 = "por tipo de acreditado y fuente de pago"


def test_the_december_2015_balance_cites_the_table_it_comes_from(client, shipped_data):
    """SHCP's «Saldo histórico» ends at 31 Mar 2015 (raw/serie-historica-entidades.xls); the
    balances at 31 Dec 2015 are the «Total» column of its 2015 table by type of debtor and
    source of payment (raw/saldos-final-2015.xls), and their source says so."""
    national = NationalDebtFigure.objects.select_related("source").get(as_of="2015-12-31")

    assert national.amount == Decimal("536269.1") * 1_000_000  # that table's total, D7
    assert national.source.published_in.startswith("Saldo histórico de obligaciones")
    assert TABLE_2015 in national.source.published_in
    assert TABLE_2015 in client.get("/deuda/").content.decode()
    assert TABLE_2015 in client.get("/deuda/comparar/").content.decode()


def test_debt_by_debtor_and_source_of_payment_downloads_and_adds_up(client, shipped_data):
    """The 2015 table the Informe Ciudadano quotes can be downloaded: its national rows add
    up to SHCP's total of that table (D7 of saldos-final-2015.xls), within its rounding."""
    response = client.get("/datos/deuda-por-acreditado.csv")
    content = b"".join(response.streaming_content)
    frame = pd.read_csv(io.BytesIO(content), dtype=str, encoding="utf-8-sig")
    national = frame[frame["cve_ent"].isna()]
    zacatecas = frame[frame["cve_ent"] == "32"]

    assert set(frame["as_of"]) == {"2015-12-31"}
    assert len(national) == len(zacatecas) == 10  # 4 debtors × their sources of payment
    assert abs(national["amount"].astype(float).sum() / 1e6 - 536269.1) < 0.1
    by_source = zacatecas.groupby("payment_source")["amount"].apply(lambda s: s.astype(float).sum())
    assert round(by_source["participaciones"] / 1e6, 1) == 6016.0  # as the report says
