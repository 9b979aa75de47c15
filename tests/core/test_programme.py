"""The «Follow the Money» programme page: what the INAI presentation (seed 003) says, with the
commitments of each state taken from the data, not typed in the template."""

import pytest

from tests.factories import ActionPlanFactory, CommitmentFactory, StateFactory

pytestmark = pytest.mark.django_db


def test_programme_page_lists_a_new_ftm_commitment_under_its_state(client, shipped_data):
    chihuahua = StateFactory(cve_ent="08", name="Chihuahua", short_name="CHIH", slug="chihuahua")
    CommitmentFactory(
        plan=ActionPlanFactory(state=chihuahua),
        title="Presupuesto participativo de prueba",
        follows_the_money=True,
    )
    CommitmentFactory(title="Un compromiso que no sigue el dinero", follows_the_money=False)

    html = client.get("/programa/").content.decode()

    section = html[html.index("<h4>Chihuahua</h4>") :]
    assert "Presupuesto participativo de prueba" in section[: section.index("</ul>")]
    assert "Un compromiso que no sigue el dinero" not in html
    # Shipped ones too, each under its state.
    assert "<h4>Zacatecas</h4>" in html
    assert "Seguimiento al gasto público sobre empréstito Zacatecas" in html


def test_programme_page_hides_unpublished_commitments(client, shipped_data):
    CommitmentFactory(
        title="Borrador que sigue el dinero", follows_the_money=True, is_published=False
    )

    assert "Borrador que sigue el dinero" not in client.get("/programa/").content.decode()


def test_programme_page_names_its_source_and_quotes_the_findings(client, shipped_data):
    html = client.get("/programa/").content.decode()

    assert "Programa Interamericano de Datos Abiertos" in html  # seed 003, as its Source
    assert "Existen diferencias importantes entre los reportes oficiales" in html
    assert 'href="/deuda/zacatecas/historica/"' in html and 'href="/deuda/comparar/"' in html
    for state in ("chihuahua", "veracruz", "durango", "zacatecas", "sonora"):
        assert f'href="/estados/{state}/"' in html
    assert "Búsquedas del Tesoro" in html


def test_home_and_debt_microsite_link_to_the_programme(client, shipped_data):
    assert 'href="/programa/"' in client.get("/").content.decode()
    assert 'href="/programa/"' in client.get("/deuda/zacatecas/").content.decode()
