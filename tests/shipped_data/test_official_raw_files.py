"""The spreadsheets exactly as SHCP and INEGI publish them load through the same paths staff
use (the admin upload and `manage.py import_debt`), and hold the same figures as the tidy CSVs
the portal ships: a database loaded from the tidy files does not change when the raw file is
imported on top of it."""

import io
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import F, Q, Sum

from core.imports import ImportRejected
from debt.models import DebtFigure, LoanRegistry, NationalDebtFigure, RegistryLoan
from tests.factories import DebtFigureFactory, StaffUserFactory, delete_without_history
from tests.importing import import_path
from tests.sweeps import once_then_sweep

pytestmark = pytest.mark.django_db

RAW = Path(__file__).resolve().parents[2] / "fixtures" / "official" / "raw"
IMPORT_URL = "/admin/debt/debtfigure/importar/"
MILLION = Decimal(1_000_000)
OFFICIAL_SERIES = "shcp-saldo-historico-obligaciones-entidades-1993-2015"

# Raw file -> (what the preview says it recognised, rows read).
RAW_FILES = {
    "serie-historica-entidades.xls": ("Serie histórica de saldos (SHCP)", 759),
    "serie-historica-deuda-pib-entidades.xls": ("porcentaje del PIB estatal (SHCP)", 528),
    "saldos-final-2015.xls": ("tipo de acreditado y fuente de pago (SHCP)", 33),
    "registro-deuda.xls": ("Registro de Obligaciones y Empréstitos, junio de 2015", 2409),
    "rpu_registro_deuda_2023.xlsx": ("Registro Público Único, junio de 2023", 2389),
    "efipem_estatal_anual_tr_cifra_2022.csv": ("EFIPEM (INEGI)", 31),
}


# Each file's reading is tested in tests/debt/test_official_formats.py; here, that the shipped
# raw files and tidy files agree, the smallest in `make test`.
@pytest.mark.parametrize("name", once_then_sweep(RAW_FILES, once=["saldos-final-2015.xls"]))
def test_raw_file_holds_the_same_figures_as_the_shipped_tidy_file(name):
    summary = import_path(RAW / name, app_label="debt")

    recognised, rows = RAW_FILES[name]
    assert recognised in summary.description
    assert summary.total_rows == rows
    # Loaded from the tidy CSVs at the start of the session: nothing new, nothing different.
    assert (summary.created, summary.updated) == (0, 0)
    assert summary.unchanged > 0
    if name == "registro-deuda.xls":
        # The file's guarantee rows carry text where an amount goes: skipped, with the reason.
        guarantees = [why for _line, why in summary.skipped if "garant" in why.lower()]
        assert len(guarantees) == 15
    if name == "rpu_registro_deuda_2023.xlsx":
        assert RegistryLoan.objects.filter(registry="rpu", state__cve_ent="32").count() == 17


def test_raw_historical_series_gives_the_known_figures():
    delete_without_history(DebtFigure.objects.filter(source__key=OFFICIAL_SERIES))
    delete_without_history(NationalDebtFigure.objects.all())

    import_path(RAW / "serie-historica-entidades.xls", app_label="debt")

    zacatecas = DebtFigure.objects.filter(state__cve_ent="32", source__key=OFFICIAL_SERIES)
    assert zacatecas.get(as_of="2010-12-31").amount == Decimal("682.0") * MILLION
    assert zacatecas.get(as_of="2014-12-31").amount == Decimal("7243.3") * MILLION
    national = NationalDebtFigure.objects.get(as_of="2007-12-31").amount
    assert national == Decimal("186470.0") * MILLION  # as quoted by the CEFP
    for as_of in ("1993-12-31", "2006-12-31", "2014-12-31", "2015-03-31"):
        states = DebtFigure.objects.filter(as_of=as_of, source__key=OFFICIAL_SERIES)
        assert states.count() == 32
        total = states.aggregate(total=Sum("amount"))["total"]
        national = NationalDebtFigure.objects.get(as_of=as_of).amount
        assert abs(total - national) <= Decimal("0.2") * MILLION, as_of


@pytest.fixture
def garante(client):
    client.force_login(
        StaffUserFactory(username="izai", groups=["Órgano garante: deuda"], every_state=True)
    )


def test_garante_staff_upload_a_raw_spreadsheet_and_see_what_was_recognised(client, garante):
    upload = SimpleUploadedFile("saldos.xls", (RAW / "saldos-final-2015.xls").read_bytes())

    html = client.post(IMPORT_URL, {"file": upload}).content.decode()

    assert "Saldos 2015 por tipo de acreditado y fuente de pago (SHCP)" in html
    assert "33 filas, 33 entidades" in html
    assert "De 33 filas" in html
    assert "omiten 14 filas" in html  # titles, the unit row and the notes, listed


def test_latin1_csv_is_read_with_its_accents(client, garante):
    tidy = RAW.parent / "shcp_sistema_alertas_entidades_cp2025.csv"
    latin1 = tidy.read_text(encoding="utf-8").encode("cp1252")

    html = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("alertas.csv", latin1)}
    ).content.decode()

    assert "Sistema de Alertas" in html
    assert "sin cambios" in html  # the same rows as shipped, accents included


def test_malformed_xls_gets_a_clear_message_and_writes_nothing(client, garante, tmp_path):
    before = RegistryLoan.objects.count()
    broken = (RAW / "registro-deuda.xls").read_bytes()[:4096]  # cut short, as a failed download

    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("registro-deuda.xls", broken)})

    assert response.status_code == 200
    html = response.content.decode()
    assert "no se importó nada" in html
    assert "registro-deuda.xls" in html
    assert RegistryLoan.objects.count() == before

    path = tmp_path / "registro-deuda.xls"
    path.write_bytes(broken)
    with pytest.raises(Exception, match="no se importó nada"):
        call_command("import_debt", str(path))
    assert RegistryLoan.objects.count() == before


def test_a_figure_typed_by_hand_before_the_official_file_is_named_not_duplicated():
    official = DebtFigure.objects.get(
        state__cve_ent="01", as_of="2010-12-31", source__key=OFFICIAL_SERIES
    )
    typed = DebtFigureFactory(
        state=official.state, as_of=official.as_of, scope=official.scope, amount=official.amount
    )

    with pytest.raises(ImportRejected) as rejected:
        import_path(RAW / "serie-historica-entidades.xls", app_label="debt")

    [error] = rejected.value.errors
    assert error.column == "saldo_mdp"
    assert "ya se capturó con otra fuente" in error.message
    assert str(typed.source) in error.message


FAFEF_AND_GENERAL_FUND = (
    "Fondo de Aportaciones para el Fortalecimiento de las Entidades Federativas; "
    "Fondo General de Participaciones"
)


def test_a_loan_paid_from_several_sources_names_each_one(client, shipped_data):
    """SHCP prints a loan's sources of payment one per line in the RPU; joined by a space they
    read as one source («…Entidades Federativas Fondo General de Participaciones»). The raw
    file gives the same «; » (the sweep above imports it on top and finds nothing different)."""
    several = RegistryLoan.objects.filter(registry=LoanRegistry.RPU, payment_source__contains="; ")

    assert several.count() == 114  # the RPU cells with a line break in «Fuente»
    zacatecas = several.filter(state__cve_ent="32").values_list("payment_source", flat=True)
    assert set(zacatecas) == {FAFEF_AND_GENERAL_FUND}
    assert FAFEF_AND_GENERAL_FUND in client.get("/deuda/zacatecas/actual/").content.decode()


def test_loans_signed_after_the_cut_off_are_said_to_be_of_any_term(client, shipped_data):
    """The RPU of 30 Jun 2023 lists loans signed later with a balance of 0; most of them are
    long-term, so the page must not say «de corto plazo»."""
    after = RegistryLoan.objects.filter(registry=LoanRegistry.RPU, signed_on__gt=F("as_of"))
    long_term = after.filter(Q(term_months__gt=12) | Q(term_days__gt=366))

    assert (after.count(), long_term.count()) == (75, 62)
    page = client.get("/deuda/nuevo-leon/actual/").content.decode()
    assert "firmados después de la fecha de corte (de corto o de largo plazo)" in page


def test_the_2015_registry_compared_on_the_page_can_be_downloaded(client, shipped_data):
    """/deuda/zacatecas/actual/ compares the 2015 registry's sum with the RPU's; the 2015
    loans behind that sum are a dataset of their own, with only the columns 2015 has."""
    page = client.get("/deuda/zacatecas/actual/").content.decode()
    assert 'href="/datos/creditos-registro-2015.csv?estado=zacatecas"' in page
    response = client.get("/datos/creditos-registro-2015.csv?estado=zacatecas")
    frame = pd.read_csv(io.BytesIO(b"".join(response.streaming_content)), dtype=str)

    assert set(frame["as_of"]) == {"2015-06-30"} and set(frame["registry"]) == {"roe"}
    assert round(frame["balance"].astype(float).sum() / 1_000_000, 1) == 5851.0
    assert "hedge_rate" not in frame.columns  # the RPU's columns that 2015 does not have
