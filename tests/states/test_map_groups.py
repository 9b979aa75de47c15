"""On the /estados/ map a state that did not sign is told apart from one whose stage is unknown."""

import pytest

pytestmark = pytest.mark.django_db


def test_unsigned_states_have_their_own_labelled_colour(client, shipped_data):
    response = client.get("/estados/?reporte=2017-05")

    traces = {trace["name"]: trace for trace in response.context["map_figure"]["data"]}
    assert "01" in traces["No firmó la Declaración Conjunta"]["locations"]  # Aguascalientes
    html = response.content.decode()
    assert "No firmó la Declaración Conjunta" in html and "Sin dato de etapa" in html
