"""What the seeds say each commitment aimed at, and what it produced, on the commitment page."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

from commitments.models import Commitment, CommitmentOutput
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def zacatecas_commitment(number):
    return Commitment.objects.get(plan__state__cve_ent="32", plan__slug="1-pal", number=number)


def test_emprestito_commitment_shows_its_objective_from_the_seed(client, shipped_data):
    html = client.get(zacatecas_commitment(1).get_absolute_url()).content.decode()

    assert "Incrementar el nivel de transparencia de los recursos obtenidos y aplicados" in html


def test_observatorio_shows_its_objective_as_far_as_the_seed_goes(client, shipped_data):
    html = client.get(zacatecas_commitment(2).get_absolute_url()).content.decode()

    assert "Crear un observatorio de los sitios patrimonio mundial" in html


def test_emprestito_commitment_lists_the_microsite_it_produced(shipped_data):
    outputs = list(zacatecas_commitment(1).outputs.values_list("url", flat=True))

    assert outputs == ["/deuda/zacatecas/"]


def test_debt_microsite_says_which_commitment_produced_it(client, shipped_data):
    commitment = zacatecas_commitment(1)

    html = client.get("/deuda/zacatecas/").content.decode()

    assert "Este micrositio es un compromiso del Plan de Acción Local" in html
    assert f'href="{commitment.get_absolute_url()}"' in html


def test_microsite_of_an_unpublished_commitment_does_not_link_it(client, shipped_data):
    commitment = zacatecas_commitment(1)
    commitment.is_published = False
    commitment.save()

    html = client.get("/deuda/zacatecas/").content.decode()

    assert "Este micrositio es un compromiso" not in html


def test_staff_add_an_output_for_any_commitment(shipped_data):
    commitment = CommitmentFactory(follows_the_money=True)
    CommitmentOutput.objects.create(
        commitment=commitment, title="Datos abiertos de prueba", url="https://example.org/datos"
    )

    assert "Datos abiertos de prueba" in [o.title for o in commitment.outputs.all()]
    assert "commitmentoutput" in {
        inline.model._meta.model_name for inline in admin.site._registry[Commitment].inlines
    }
    codenames = set(
        Group.objects.get(name="Secretariado Técnico Local").permissions.values_list(
            "codename", flat=True
        )
    )
    assert {"add_commitmentoutput", "change_commitmentoutput"} <= codenames


def test_the_loan_commitment_page_links_the_debt_microsite_it_produced(client, shipped_data):
    from commitments.models import Commitment

    commitment = Commitment.objects.get(plan__state__cve_ent="32", number=1, plan__slug="1-pal")

    html = client.get(commitment.get_absolute_url()).content.decode()

    assert "Lo que produjo este compromiso" in html
    assert 'href="/deuda/zacatecas/"' in html
