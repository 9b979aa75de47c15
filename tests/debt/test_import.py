"""Loading debt files: documented templates, all or nothing, row-level errors, idempotent."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from core.imports import ImportRejected
from debt.models import ConsumerPriceIndex, DebtFigure, Loan, LoanBalance, Population, StateGDP
from tests import importing
from tests.factories import delete_without_history

pytestmark = pytest.mark.django_db

OFFICIAL_SERIES = "shcp-saldo-historico-obligaciones-entidades-1993-2015"

FIGURES_HEADER = (
    "cve_ent,as_of,scope,amount_mxn_millions,reported_by,published_in,url,confidence,note\n"
)
GOOD_FIGURES = FIGURES_HEADER + (
    "32,2023-12-31,state_government,6942.5,SHCP,Obligaciones financieras 4T 2023,"
    "https://example.org/ef.xlsx,high,\n"
    "32,2023,municipalities,301.2,SHCP,Obligaciones financieras 4T 2023,,high,anual\n"
)


@pytest.fixture
def no_debt_data(states):
    """The states, without the shipped debt data: deleted inside this test's transaction.

    SHCP's official series and registries stay: they are other models or other sources, and
    deleting thousands of rows with their history would make every test here slow.
    """
    delete_without_history(LoanBalance.objects.filter(loan__isnull=False))
    for model in (Loan, ConsumerPriceIndex, Population, StateGDP):
        delete_without_history(model.objects.all())
    delete_without_history(DebtFigure.objects.exclude(source__key=OFFICIAL_SERIES))


def figures():
    """The debt figures these tests write (SHCP's official series stays loaded)."""
    return DebtFigure.objects.exclude(source__key=OFFICIAL_SERIES)


def balances():
    """The balances of curated loans (the registries' balances stay loaded)."""
    return LoanBalance.objects.filter(loan__isnull=False)


def import_text(text, **kwargs):
    return importing.import_text(text, app_label="debt", **kwargs)


def test_valid_figures_are_imported_with_their_source(no_debt_data):
    summary = import_text(GOOD_FIGURES)

    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    figure = figures().get(scope="state_government")
    assert str(figure.amount) == "6942500000.00"
    assert figure.source.reported_by == "SHCP"
    assert figure.source.url == "https://example.org/ef.xlsx"
    assert figures().get(scope="municipalities").date_precision == "year"


def test_importing_the_same_file_twice_changes_nothing(no_debt_data):
    import_text(GOOD_FIGURES)

    summary = import_text(GOOD_FIGURES)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    assert figures().count() == 2


def test_invalid_file_names_row_column_and_value_and_writes_nothing(no_debt_data):
    text = GOOD_FIGURES + (
        "33,2023-12-31,total,1,SHCP,X,,high,\n"
        "32,31/12/2023,total,1,SHCP,X,,high,\n"
        "32,2023-12-31,estatal,1,SHCP,X,,high,\n"
        "32,2023-12-31,total,mil,SHCP,X,,high,\n"
        "32,2023-12-31,total,-5,SHCP,X,,segura,\n"
    )

    with pytest.raises(ImportRejected) as rejected:
        import_text(text)

    assert [str(error) for error in rejected.value.errors] == [
        "Fila 4, columna «cve_ent», valor «33»: no es una clave INEGI de estado",
        "Fila 5, columna «as_of», valor «31/12/2023»: no es una fecha (use 2016, 2016-10 o 2016-10-05)",
        "Fila 6, columna «scope», valor «estatal»: use uno de: state_government, municipalities, total",
        "Fila 7, columna «amount_mxn_millions», valor «mil»: no es un número (use punto decimal: 7698.65)",
        "Fila 8, columna «amount_mxn_millions», valor «-5»: no puede ser negativo",
        "Fila 8, columna «confidence», valor «segura»: use uno de: high, medium-high, medium, low",
    ]
    assert figures().count() == 0  # the two good rows were not written either


def test_unknown_columns_are_refused(states):
    with pytest.raises(ImportRejected, match="no reconozco este archivo"):
        import_text("a,b\n1,2\n")


def test_dry_run_previews_and_writes_nothing(no_debt_data):
    summary = import_text(GOOD_FIGURES, dry_run=True)

    assert summary.created == 2
    assert figures().count() == 0


def test_xlsx_files_are_read_like_csv(no_debt_data):
    workbook = Workbook()
    sheet = workbook.active
    for line in GOOD_FIGURES.strip().splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)

    summary = importing.import_bytes(buffer.getvalue(), "obligaciones.xlsx", app_label="debt")

    assert summary.created == 2


def test_loans_with_balances_and_lineage(no_debt_data):
    header = (
        "cve_ent,creditor,loan_label,signed,amount_contracted_mxn_millions,balance_mxn_millions,"
        "balance_as_of,term,rate,payment_source,purpose,status,refinanced_by,reported_by,"
        "published_in,url,confidence,note\n"
    )
    text = header + (
        "32,Banco A,Viejo,2011-08,1000,900,2013-12-31,10 años,Fija 9%,FGP,Obra,refinanced,"
        "Nuevo,SHCP,RPU,,high,\n"
        "32,Banco B,Nuevo,2017-03,1200,,,20 años,TIIE + 1.5,FGP,Refinanciamiento,in_force,,"
        "SHCP,RPU,,high,\n"
    )

    import_text(text)
    again = import_text(text)

    old = Loan.objects.get(label="Viejo")
    assert [loan.label for loan in old.refinanced_by.all()] == ["Nuevo"]
    assert (old.rate_type, Loan.objects.get(label="Nuevo").rate_type) == ("fixed", "variable")
    assert balances().get().amount == 900_000_000
    assert again.unchanged == 2


def test_loans_refinanced_by_an_unknown_loan_are_refused(states):
    header = "cve_ent,creditor,loan_label,signed,refinanced_by,reported_by,published_in\n"

    with pytest.raises(ImportRejected, match="Fila 2, columna «refinanced_by», valor «Fantasma»"):
        import_text(header + "32,Banco A,Viejo,2011,Fantasma,SHCP,RPU\n")


def test_command_imports_and_reports_bad_files(no_debt_data, tmp_path, capsys):
    good = tmp_path / "cifras.csv"
    good.write_text(GOOD_FIGURES, encoding="utf-8")
    call_command("import_debt", str(good), "--dry-run")
    assert figures().count() == 0
    assert "se importarían 2 filas nuevas" in capsys.readouterr().out

    call_command("import_debt", str(good))
    captured = capsys.readouterr()
    assert "importadas 2 filas nuevas" in captured.out
    assert "[##############################] 2/2" in captured.err  # the progress bar

    bad = tmp_path / "malo.csv"
    bad.write_text(FIGURES_HEADER + "32,2023,total,x,SHCP,X,,high,\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match="no se importó nada.\nFila 2, columna «amount_mxn_millions»"
    ):
        call_command("import_debt", str(bad))


@pytest.mark.parametrize("name", ["inpc_monthly", "population_conapo", "gdp_zacatecas_inegi"])
def test_reference_series_import_twice_changes_nothing(no_debt_data, name):
    path = Path(__file__).resolve().parents[2] / "fixtures" / f"{name}.csv"
    first = importing.import_path(path, app_label="debt")

    second = importing.import_path(path, app_label="debt")

    assert first.created > 0
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
