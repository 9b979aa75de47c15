"""The home page: a state picker that works without JavaScript, then headline figures that
the apps register (each with its source and date), then the prose."""

import pytest

from core.registries import HeadlineFigure, headline_figures

pytestmark = pytest.mark.django_db


def test_state_picker_sends_to_the_states_page(client, shipped_data):
    response = client.get("/estados/ir/?estado=zacatecas")

    assert response.status_code == 302
    assert response["Location"] == "/estados/zacatecas/"


@pytest.mark.parametrize("slug", ["no-existe", "../admin", "zacatecas/"])
def test_state_picker_with_an_unknown_state_is_404(client, shipped_data, slug):
    assert client.get("/estados/ir/", {"estado": slug}).status_code == 404


def test_state_picker_without_a_state_goes_to_the_list(client, shipped_data):
    response = client.get("/estados/ir/")

    assert response.status_code == 302
    assert response["Location"] == "/estados/"


def test_home_page_has_a_state_picker_without_javascript(client, shipped_data):
    html = client.get("/").content.decode()

    assert '<form class="picker"' in html and 'action="/estados/ir/"' in html
    picker = html[html.index('<form class="picker"') : html.index("</form>", html.index("picker"))]
    assert picker.count('<option value="') == 33  # the empty choice and the 32 states
    assert 'href="/estados/#map-title"' in html
    # The picker comes before the figures, which come before the prose.
    assert html.index('class="picker"') < html.index("En cifras") < html.index("Gobierno Abierto?")


def test_every_headline_figure_carries_its_source_and_date(shipped_data):
    figures = headline_figures()

    assert figures
    for figure in figures:
        assert isinstance(figure, HeadlineFigure)
        assert figure.value and figure.label and figure.as_of and figure.source and figure.url
    assert [figure.order for figure in figures] == sorted(figure.order for figure in figures)


def test_home_page_says_how_many_states_launched_their_action_plan(client, shipped_data):
    html = client.get("/").content.decode()

    # The latest national report (CGATP, May 2017), with its source and month.
    assert "9 de 32" in html
    assert "Fecha de la cifra: mayo de 2017" in html
    assert "Fuente: SNT, Comisión de Gobierno Abierto" in html
