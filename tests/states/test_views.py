import csv
import io

import pytest

from tests.factories import StateFactory

pytestmark = pytest.mark.django_db


def test_state_list_shows_every_state_with_a_link(client, states):
    html = client.get("/estados/").content.decode()

    assert html.count('href="/estados/') >= 32
    assert '<a href="/estados/zacatecas/">Zacatecas</a>' in html


def test_state_list_csv_has_the_table_columns(client, states):
    response = client.get("/estados/?formato=csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Clave INEGI", "Estado", "Abreviatura"]
    assert len(rows) == 33
    assert ["32", "Zacatecas", "ZAC"] in rows
    assert ["09", "Ciudad de México", "CDMX"] in rows


def test_state_page_shows_its_inegi_code(client):
    StateFactory(cve_ent="26", name="Sonora", short_name="SON", slug="sonora")

    html = client.get("/estados/sonora/").content.decode()

    assert "<h1>Sonora</h1>" in html
    assert "26" in html


def test_unknown_state_is_404(client, states):
    assert client.get("/estados/atlantida/").status_code == 404
