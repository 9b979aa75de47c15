"""A bad file, uploaded in the admin or given to import_debt, gets a message and writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from debt.models import DebtFigure, Loan, LoanBalance
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/debt/debtfigure/importar/"
FIGURES_HEADER = (
    "cve_ent,as_of,scope,amount_mxn_millions,reported_by,published_in,url,confidence,note\n"
)
LOANS_HEADER = (
    "cve_ent,creditor,loan_label,signed,amount_contracted_mxn_millions,reported_by,published_in\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"

BAD_FILES = {
    "png": ("grafica.csv", PNG + bytes(range(256)), None),
    "random-xlsx": ("cifras.xlsx", bytes(range(256)) * 8, None),
    "long-creditor": (
        "creditos.csv",
        (LOANS_HEADER + "32," + "B" * 400 + ",Crédito largo,2017,1000,SHCP,RPU\n").encode(),
        "creditor",
    ),
    "superscript-amount": (
        "cifras.csv",
        (FIGURES_HEADER + "32,2023-12-31,state_government,²,SHCP,4T 2023,,high,\n").encode(),
        "amount_mxn_millions",
    ),
    "huge-amount": (
        "cifras.csv",
        (FIGURES_HEADER + "32,2023-12-31,state_government,1e999,SHCP,4T 2023,,high,\n").encode(),
        "amount_mxn_millions",
    ),
    "nan-amount": (
        "cifras.csv",
        (FIGURES_HEADER + "32,2023-12-31,state_government,NaN,SHCP,4T 2023,,high,\n").encode(),
        "amount_mxn_millions",
    ),
}


def row_counts():
    return (DebtFigure.objects.count(), Loan.objects.count(), LoanBalance.objects.count())


@pytest.mark.parametrize("case", BAD_FILES)
def test_admin_upload_of_a_bad_file_shows_a_message_and_writes_nothing(client, states, case):
    name, content, expected = BAD_FILES[case]
    client.force_login(
        StaffUserFactory(username="izai", groups=["Órgano garante: deuda"], every_state=True)
    )
    before = row_counts()

    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, content)})

    assert response.status_code == 200
    html = response.content.decode()
    assert "no se importó nada" in html or 'class="errorlist' in html, html[-3000:]
    if expected:  # the row and column at fault
        assert f"<td>2</td><td>{expected}</td>" in html
    if case == "long-creditor":
        assert "tiene 400 caracteres; caben 120" in html
    assert "upload_id" not in response.context or not response.context["upload_id"]
    assert row_counts() == before


@pytest.mark.parametrize("case", BAD_FILES)
def test_import_command_reports_a_bad_file_without_a_traceback(states, tmp_path, case):
    name, content, expected = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(content)
    before = row_counts()

    with pytest.raises(CommandError) as refused:
        call_command("import_debt", str(path))

    if expected:
        assert f"Fila 2, columna «{expected}»" in str(refused.value)
    assert row_counts() == before


def test_a_template_with_a_value_outside_its_columns_is_named_by_row(states, tmp_path):
    # Recognised by its header (every column is there), then refused for the stray value in
    # its row, rather than taken for another layout with "a column missing".
    path = tmp_path / "cifras.csv"
    path.write_text(FIGURES_HEADER + "32,2023-12-31,state_government,100,SHCP,4T 2023,,high,,x\n")
    before = row_counts()

    with pytest.raises(CommandError) as refused:
        call_command("import_debt", str(path))

    assert "Fila 2" in str(refused.value)
    assert "hay un valor en una columna sin encabezado" in str(refused.value)
    assert row_counts() == before
