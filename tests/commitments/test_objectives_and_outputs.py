"""What the seeds say each commitment aimed at, and what it produced, on the commitment page."""

import pytest

from commitments.models import Commitment

pytestmark = pytest.mark.django_db


def zacatecas_commitment(number):
    return Commitment.objects.get(plan__state__cve_ent="32", plan__slug="1-pal", number=number)


def test_emprestito_commitment_shows_its_objective_from_the_seed(client, shipped_data):
    html = client.get(zacatecas_commitment(1).get_absolute_url()).content.decode()

    assert "Incrementar el nivel de transparencia de los recursos obtenidos y aplicados" in html


def test_observatorio_shows_its_objective_as_far_as_the_seed_goes(client, shipped_data):
    html = client.get(zacatecas_commitment(2).get_absolute_url()).content.decode()

    assert "Crear un observatorio de los sitios patrimonio mundial" in html
