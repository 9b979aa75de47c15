"""The official SHCP and INEGI datasets, loaded from our tidy CSVs (fixtures/official/): the
figures a reader would check against SHCP's and INEGI's own files, and how the importers
behave (all or nothing, row errors, a second import changes nothing)."""

import csv
import datetime
import io
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from core.imports import ImportRejected
from debt.models import (
    AlertLevel,
    AlertSystemResult,
    DebtByDebtorAndPayment,
    DebtFigure,
    DebtorType,
    DebtShareOfGDP,
    LoanBalance,
    LoanRegistry,
    NationalDebtFigure,
    PaymentSource,
    RegistryLoan,
    Scope,
    StateFinances,
    StateGDP,
)
from debt.services import (
    DEBT_BY_DEBTOR_SOURCE,
    RPU_SOURCE,
    SHCP_SERIES_SOURCE,
)
from tests import importing
from tests.factories import StaffUserFactory, delete_without_history

pytestmark = pytest.mark.django_db

OFFICIAL = Path(__file__).resolve().parents[2] / "fixtures" / "official"
SERIES = OFFICIAL / "shcp_saldo_obligaciones_financieras_por_entidad_1993_2015.csv"
SHARE_OF_GDP = OFFICIAL / "shcp_obligaciones_pct_pib_estatal_1994_2015.csv"
BY_DEBTOR = OFFICIAL / "shcp_obligaciones_por_acreditado_y_fuente_pago_2015.csv"
REGISTRY_2015 = OFFICIAL / "shcp_registro_obligaciones_emprestitos_saldo_2015-06-30.csv"
RPU = OFFICIAL / "shcp_rpu_financiamientos_obligaciones_saldo_2023-06-30.csv"
EFIPEM = OFFICIAL / "inegi_efipem_estatal_deuda_participaciones_2015_2022.csv"
ALERTS = OFFICIAL / "shcp_sistema_alertas_entidades_cp2025.csv"
MDP = Decimal(1_000_000)
RPU_AS_OF = datetime.date(2023, 6, 30)


def import_path(path):
    return importing.import_path(path, app_label="debt")


def import_text(text, name="archivo.csv"):
    return importing.import_text(text, name, app_label="debt")


def rewritten(path, changes: dict[int, dict[str, str]]) -> str:
    """Return the CSV's text with some cells changed: {spreadsheet line: {column: value}}."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    for line, cells in changes.items():
        rows[line - 2].update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def rpu_balances():
    return sorted(
        LoanBalance.objects.filter(registry_loan__in=rpu_loans()).values_list("amount", flat=True)
    )


def series_figures():
    return DebtFigure.objects.filter(source__key=SHCP_SERIES_SOURCE.key, scope=Scope.TOTAL)


def rpu_loans():
    return RegistryLoan.objects.in_snapshot(LoanRegistry.RPU, RPU_AS_OF)


def test_shcp_series_gives_zacatecas_682_in_2010_and_7609_4_in_december_2015():
    import_path(SERIES)
    zacatecas = series_figures().filter(state__cve_ent="32")

    assert zacatecas.get(as_of="2010-12-31").amount == Decimal("682.0") * MDP
    assert zacatecas.get(as_of="2014-12-31").amount == Decimal("7243.3") * MDP
    assert zacatecas.get(as_of="2015-12-31").amount == Decimal("7609.4") * MDP
    # March 2015 is a quarter, kept with its own date; the years are 1993-2015.
    assert zacatecas.count() == 24
    assert isinstance(zacatecas.first().amount, Decimal)


def test_every_shcp_figure_names_shcp_and_where_the_copy_was_found():
    import_path(SERIES)
    source = series_figures().first().source

    assert source.reported_by == "SHCP"
    assert source.published_in.startswith("Saldo histórico de obligaciones financieras")
    assert source.confidence == "high"
    assert source.consulted_on is not None
    assert "spaceship-labs/deudamx-api" in source.notes and "cf61ea31" in source.notes


def test_the_32_states_add_up_to_the_national_total_on_every_date():
    import_path(SERIES)
    sums = defaultdict(Decimal)
    for as_of, amount in series_figures().values_list("as_of", "amount"):
        sums[as_of] += amount
    national = dict(
        NationalDebtFigure.objects.filter(source__key=SHCP_SERIES_SOURCE.key).values_list(
            "as_of", "amount"
        )
    )

    assert len(national) == len(sums) == 24
    assert series_figures().filter(as_of="2006-12-31").count() == 32
    # The CEFP quotes the same national totals for 2006 and 2007.
    assert national[datetime.date(2006, 12, 31)] == Decimal("160093.5") * MDP
    assert national[datetime.date(2007, 12, 31)] == Decimal("186470.0") * MDP
    off = {as_of: abs(sums[as_of] - total) / MDP for as_of, total in national.items()}
    assert max(off.values()) <= Decimal("0.2"), off


def test_shcp_share_of_gdp_is_kept_as_shcp_computed_it():
    import_path(SHARE_OF_GDP)

    zacatecas = DebtShareOfGDP.objects.filter(state__cve_ent="32")
    assert zacatecas.get(as_of="2014-12-31").percent == Decimal("3.9975")
    assert zacatecas.get(as_of="2015-03-31").percent == Decimal("3.8108")
    assert DebtShareOfGDP.objects.national().get(as_of="1994-12-31").percent == Decimal("2.0")
    assert DebtShareOfGDP.objects.count() == 528


def test_debt_by_debtor_and_source_stores_the_parts_and_the_totals_add_up():
    import_path(BY_DEBTOR)
    rows = DebtByDebtorAndPayment.objects.filter(source__key=DEBT_BY_DEBTOR_SOURCE.key)
    zacatecas = rows.filter(state__cve_ent="32")

    # 3 + 2 + 3 + 2 sources of payment: no subtotal is stored.
    assert zacatecas.count() == 10
    assert rows.national().count() == 10
    state_government = zacatecas.filter(debtor_type=DebtorType.STATE_GOVERNMENT)
    assert state_government.get(payment_source=PaymentSource.OWN_REVENUE).amount == (
        Decimal("1340.3") * MDP
    )
    total = sum(zacatecas.values_list("amount", flat=True))
    assert total == Decimal("7609.4") * MDP  # the same as SHCP's series, December 2015
    national = sum(rows.national().values_list("amount", flat=True))
    assert abs(national - Decimal("536269.1") * MDP) <= Decimal("0.5") * MDP  # SHCP's rounding


def test_a_subtotal_that_is_not_the_sum_of_its_parts_is_a_row_error():
    lines = BY_DEBTOR.read_text(encoding="utf-8").splitlines()
    header, zacatecas = lines[0], next(line for line in lines if line.startswith("32,"))
    wrong = zacatecas.replace(",626.3,", ",726.3,")  # municipios_subtotal, off by 100 mdp

    with pytest.raises(ImportRejected) as rejected:
        import_text(f"{header}\n{wrong}\n")

    [error] = rejected.value.errors
    assert (error.line, error.column, error.value) == (2, "municipios_subtotal", "726.3")


# The RPU is 2,389 rows: importing it again on top of the session's shipped data (loaded through
# this same importer, tests/conftest.py) changes nothing and costs a second a test, so the RPU
# tests read what the session loaded; test_a_registry_loaded_from_scratch_is_created_once
# imports it into an empty registry, twice.
def test_rpu_lists_17_loans_of_zacatecas_each_with_its_balance_at_30_june_2023():
    zacatecas = rpu_loans().filter(state__cve_ent="32")

    assert zacatecas.count() == 17
    balances = LoanBalance.objects.filter(registry_loan__in=zacatecas, as_of=RPU_AS_OF)
    assert balances.count() == 17
    assert {balance.source.key for balance in balances} == {RPU_SOURCE.key}
    assert all(balance.loan_id is None for balance in balances)


def test_rpu_balances_add_up_to_the_registered_sum_not_to_shcp_total_debt():
    balances = LoanBalance.objects.filter(registry_loan__in=rpu_loans())

    # «Suma de saldos registrados»: 654,760 mdp, against SHCP's headline of 680,933 mdp.
    total = sum(balances.values_list("amount", flat=True))
    assert round(total / MDP) == 654_760
    assert rpu_loans().count() == balances.count() == 2389


def test_rpu_keeps_identical_rows_as_separate_numbered_entries():
    santander = rpu_loans().filter(
        state__cve_ent="15",
        creditor__startswith="Banco Santander",
        signed_on="2004-11-29",
        amount_contracted=Decimal("109994825.44"),
    )

    # SHCP lists nine identical rows; its sum of balances counts each one.
    assert santander.count() == 9
    assert sorted(
        int(key.rsplit("-", 1)[1]) for key in santander.values_list("row_key", flat=True)
    ) == list(range(1, 10))


def test_rpu_keeps_rates_as_fractions_and_text_as_shcp_wrote_it():
    loan = rpu_loans().get(
        state__cve_ent="10",
        signed_on="2023-10-12",
        creditor__startswith="HSBC",
    )

    assert loan.debtor_type == DebtorType.STATE_GOVERNMENT
    assert (loan.reference_rate, loan.spread, loan.effective_rate) == (
        "TIIE a 28 días",
        Decimal("0.0095"),
        Decimal("0.1234"),
    )
    assert (loan.term_days, loan.maturity_on) == (365, datetime.date(2024, 10, 10))
    # Signed after the listing's date: its balance of 0 does not mean «paid».
    assert loan.signed_after_snapshot()
    pledged = rpu_loans().filter(pledged_text="80% Fideicomiso Maestro")
    assert pledged.exists() and not pledged.filter(pledged_fraction__isnull=False).exists()


def test_2015_registry_skips_guarantee_rows_with_their_reason_and_never_stores_udis():
    summary = import_path(REGISTRY_2015)

    assert len(summary.skipped) == 15
    lines = dict(summary.skipped)
    assert "garantía de pago oportuno" in lines[1344] and "475,675,200 UDIS" in lines[1344]
    snapshot = RegistryLoan.objects.filter(registry=LoanRegistry.ROE)
    assert snapshot.count() == 2424 - 15
    assert not snapshot.filter(obligation_type="GARANTÍA DE PAGO OPORTUNO").exists()


def test_state_names_are_matched_without_accents_or_case_and_unknown_names_are_errors():
    header = REGISTRY_2015.read_text(encoding="utf-8").splitlines()[0]
    row = "{},GOBIERNO DEL ESTADO,BANOBRAS,CRÉDITO SIMPLE,2014-01-02,2014-01-03,1000,500,12,PARTICIPACIONES FEDERALES,INVERSIÓN PÚBLICA PRODUCTIVA"
    names = ["OAXACA", "Distrito Federal", "Coahuila de Zaragoza", "Estado de México", "méxico"]
    import_text("\n".join([header, *(row.format(name) for name in names)]) + "\n")

    loans = RegistryLoan.objects.filter(registry=LoanRegistry.ROE, signed_on="2014-01-02")
    assert sorted(loans.values_list("state__cve_ent", flat=True)) == ["05", "09", "15", "15", "20"]

    with pytest.raises(ImportRejected) as rejected:
        import_text(f"{header}\n{row.format('Zacatecaz')}\n")
    [error] = rejected.value.errors
    assert (error.line, error.column, error.value) == (2, "entidad", "Zacatecaz")
    assert "no es el nombre de un estado" in error.message


def test_a_file_with_one_bad_row_writes_nothing_and_names_its_line_column_and_value():
    before = rpu_balances()
    # Line 2 is valid and would change a balance; line 5 has an impossible date.
    text = rewritten(
        RPU,
        {
            2: {"saldo_al_2023_06_30_pesos": "5"},
            5: {"fecha_contratacion": "2023-13-26"},
        },
    )

    with pytest.raises(ImportRejected) as rejected:
        import_text(text)

    [error] = rejected.value.errors
    assert (error.line, error.column, error.value) == (5, "fecha_contratacion", "2023-13-26")
    assert rpu_balances() == before


@pytest.mark.parametrize(
    "path",
    # The RPU's second import: in test_a_registry_loaded_from_scratch_is_created_once.
    [SERIES, SHARE_OF_GDP, BY_DEBTOR, REGISTRY_2015, EFIPEM, ALERTS],
    ids=lambda p: p.name,
)
def test_importing_the_same_file_again_changes_nothing(path):
    first = import_path(path)

    again = import_path(path)

    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == first.created + first.updated + first.unchanged > 0


def test_a_registry_loaded_from_scratch_is_created_once():
    delete_without_history(rpu_loans())

    first = import_path(RPU)
    again = import_path(RPU)

    assert (first.created, first.updated, first.unchanged) == (2389, 0, 0)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2389)


def test_a_corrected_balance_updates_the_registry_row_it_belongs_to():

    summary = import_text(rewritten(RPU, {2: {"saldo_al_2023_06_30_pesos": "5"}}))

    assert (summary.created, summary.updated) == (0, 1)
    loan = (
        rpu_loans()
        .with_balance()
        .get(state__cve_ent="10", signed_on="2023-10-12", creditor__startswith="HSBC")
    )
    assert loan.balance == 5


def test_efipem_debt_service_is_its_five_parts_and_excludes_adefas():
    import_path(EFIPEM)
    finances = StateFinances.objects.with_debt_service().get(state__cve_ent="32", year=2020)

    parts = [finances.amortization, finances.interest, finances.expenses, finances.hedging]
    assert finances.fees is None  # INEGI gives no fees that year: counted as 0
    assert finances.debt_service() == sum(parts) == Decimal("788226230")
    assert finances.debt_service_total == finances.debt_service()  # the selector's expression
    assert finances.adefas == Decimal("445020378")
    assert finances.debt_service() == finances.debt_chapter - finances.adefas
    assert finances.inegi_status == "Cifras Definitivas."


def test_efipem_has_31_states_and_no_mexico_city():
    import_path(EFIPEM)

    assert StateFinances.objects.count() == 31 * 8
    assert not StateFinances.objects.filter(state__cve_ent="09").exists()


def test_tlaxcala_has_no_sistema_de_alertas_row_and_zacatecas_keeps_fractions():
    import_path(ALERTS)

    assert AlertSystemResult.objects.count() == 31
    assert not AlertSystemResult.objects.filter(state__cve_ent="29").exists()
    zacatecas = AlertSystemResult.objects.get(state__cve_ent="32", evaluation="Cuenta Pública 2025")
    assert zacatecas.result == AlertLevel.SUSTAINABLE
    assert zacatecas.debt_to_free_revenue == Decimal("0.403")
    assert zacatecas.short_term_to_total_revenue == Decimal("-0.054")
    assert zacatecas.debt_and_obligations == Decimal("6394647961.13")
    assert zacatecas.source.published_on == datetime.date(2026, 6, 29)


def test_gdp_of_all_32_states_is_shipped():
    assert StateGDP.objects.count() == 32 * 22
    assert StateGDP.objects.get(state__cve_ent="32", year=2004).current_prices == (
        Decimal("71373.8") * MDP
    )


@pytest.mark.parametrize(
    "model",
    [
        "nationaldebtfigure",
        "debtshareofgdp",
        "debtbydebtorandpayment",
        "registryloan",
        "statefinances",
        "alertsystemresult",
    ],
)
def test_garante_staff_can_list_the_official_datasets(client, shipped_data, model):
    client.force_login(
        StaffUserFactory(username="izai", groups=["Órgano garante: deuda"], every_state=True)
    )

    assert client.get(f"/admin/debt/{model}/").status_code == 200
