"""Garante staff type amounts in millions of pesos, and cannot publish a wrong one by accident.

Typing 7243.3 into «Monto (pesos)» used to publish «$0.0 mdp» with high confidence.
"""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Source
from debt.models import DebtFigure, Loan
from states.models import State
from tests.factories import SourceFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

GARANTE = "Órgano garante: deuda"
ADD_FIGURE = "/admin/debt/debtfigure/add/"
SHCP_SERIES = "shcp-saldo-historico-obligaciones-entidades-1993-2015"


@pytest.fixture
def garante(client, shipped_data):
    client.force_login(StaffUserFactory(username="izai", groups=[GARANTE], every_state=True))


@pytest.fixture
def zacatecas():
    return State.objects.get(cve_ent="32")


@pytest.fixture
def press():
    return SourceFactory(reported_by="SHCP", published_in="Reforma, nota de prueba")


def figure_form(state, source, amount, **fields):
    return {
        "state": state.pk,
        "as_of": "2014-12-31",
        "date_precision": "day",
        "scope": "state_government",
        "amount_millions": amount,
        "source": source.pk,
        "notes": "",
        **fields,
    }


def errors_of(response):
    assert response.status_code == 200, "the form should be shown again with its errors"
    return " ".join(str(error) for error in response.context["adminform"].form.errors.values())


def test_amount_typed_in_millions_is_stored_in_pesos_and_listed_as_on_the_site(
    client, garante, zacatecas, press
):
    response = client.post(ADD_FIGURE, figure_form(zacatecas, press, "7243.3"), follow=True)

    figure = DebtFigure.objects.get(source=press)
    assert figure.amount == Decimal("7243300000.00")
    assert "Se guardó $7,243.3 mdp (7,243,300,000.00 pesos)." in response.content.decode()
    listing = client.get("/admin/debt/debtfigure/?q=Reforma").content.decode()
    assert "$7,243.3 mdp" in listing
    # Editing shows the same millions that were typed.
    change = client.get(f"/admin/debt/debtfigure/{figure.pk}/change/").content.decode()
    assert 'value="7243.3"' in change
    assert "Monto (millones de pesos)" in change


def test_amount_with_thousands_commas_is_read_but_a_decimal_comma_is_refused(
    client, garante, zacatecas, press
):
    refused = client.post(ADD_FIGURE, figure_form(zacatecas, press, "7243,3"))
    assert "punto decimal" in errors_of(refused)
    assert not DebtFigure.objects.filter(source=press).exists()

    client.post(ADD_FIGURE, figure_form(zacatecas, press, "$7,243.3 mdp"))
    assert DebtFigure.objects.get(source=press).amount == Decimal("7243300000.00")


@pytest.mark.parametrize("slip", ["7243300000", "7.2433"], ids=["pesos-as-millions", "thousands"])
def test_an_order_of_magnitude_slip_asks_for_confirmation(client, garante, zacatecas, press, slip):
    response = client.post(ADD_FIGURE, figure_form(zacatecas, press, slip))

    message = errors_of(response)
    assert "más de 20 veces" in message
    assert "Confirmo que la cifra es correcta" in message
    assert not DebtFigure.objects.filter(source=press).exists()

    client.post(ADD_FIGURE, figure_form(zacatecas, press, slip, confirm_amount="on"))
    assert DebtFigure.objects.filter(source=press).exists()


@pytest.mark.parametrize("as_of,precision", [("2014-12-31", "day"), ("2014-12-01", "month")])
def test_a_figure_that_repeats_an_official_one_is_refused_naming_it(
    client, garante, zacatecas, press, as_of, precision
):
    official = DebtFigure.objects.get(
        state=zacatecas, as_of="2014-12-31", scope="total", source__key=SHCP_SERIES
    )
    assert official.amount == Decimal("7243300000.00")

    response = client.post(
        ADD_FIGURE,
        figure_form(
            zacatecas,
            press,
            "7243.3",
            scope="total",
            as_of=as_of,
            date_precision=precision,
            confirm_amount="on",  # a confirmation does not let a duplicate through
        ),
    )

    message = errors_of(response)
    assert "ya está publicada como cifra oficial" in message
    assert "31 de diciembre de 2014" in message
    assert "$7,243.3 mdp" in message
    assert "Saldo histórico de obligaciones financieras" in message
    assert not DebtFigure.objects.filter(source=press).exists()


def test_a_different_amount_from_another_source_is_kept_beside_the_official_one(
    client, garante, zacatecas, press
):
    # Two sources that disagree are both shown (the site's rule); only the same figure twice
    # is refused.
    client.post(ADD_FIGURE, figure_form(zacatecas, press, "7300", scope="total"))

    assert DebtFigure.objects.filter(source=press, amount=Decimal("7300000000.00")).exists()


def test_the_importer_reports_a_row_that_repeats_an_official_figure(client, garante):
    csv = (
        "cve_ent,as_of,scope,amount_mxn_millions,reported_by,published_in,url,confidence,note\n"
        "32,2014-12-31,total,7243.3,SHCP,Reforma 2015-01-10,,medium,\n"
    )
    response = client.post(
        "/admin/debt/debtfigure/importar/",
        {"file": SimpleUploadedFile("cifras.csv", csv.encode("utf-8"))},
    )

    html = response.content.decode()
    assert "El archivo tiene 1 error; no se importó nada." in html
    assert "ya está publicada como cifra oficial" in html
    assert not Source.objects.filter(published_in="Reforma 2015-01-10").exists()


def test_loan_amounts_and_balances_are_typed_in_millions(client, garante, zacatecas, press):
    form = {
        "state": zacatecas.pk,
        "creditor": "Banco de prueba",
        "label": "Crédito de prueba",
        "signed_on": "2020-05-01",
        "signed_precision": "day",
        "amount_contracted_millions": "2800",
        "rate_type": "unknown",
        "status": "in_force",
        "source": press.pk,
        "balances-TOTAL_FORMS": "1",
        "balances-INITIAL_FORMS": "0",
        "balances-0-as_of": "2021-12-31",
        "balances-0-amount_millions": "2650.5",
        "balances-0-source": press.pk,
    }
    slip = client.post("/admin/debt/loan/add/", {**form, "balances-0-amount_millions": "2650500"})
    assert slip.status_code == 200
    assert "más de 20 veces" in slip.content.decode()
    assert not Loan.objects.filter(label="Crédito de prueba").exists()

    response = client.post("/admin/debt/loan/add/", form)

    assert response.status_code == 302
    loan = Loan.objects.get(label="Crédito de prueba")
    assert loan.amount_contracted == Decimal("2800000000.00")
    assert loan.balances.get().amount == Decimal("2650500000.00")
    assert "$2,800.0 mdp" in client.get("/admin/debt/loan/?q=prueba").content.decode()
