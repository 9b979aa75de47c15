"""Each state's story as its source documents tell it, dated and sourced, editable by staff."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

from states.models import StateStory
from tests.factories import SourceFactory, StateFactory

pytestmark = pytest.mark.django_db


def test_sonora_page_tells_its_story_with_the_date_and_the_seed_as_source(client, shipped_data):
    html = client.get("/estados/sonora/").content.decode()

    assert "20 de junio de 2016" in html
    assert "Hermosillo ¿cómo vamos?" in html
    assert "Las cuatro actividades de seguimiento" in html
    assert "Informe sobre Sonora en «Gobierno Abierto: Cocreación desde lo local»" in html


def test_zacatecas_page_names_the_two_themes_of_its_second_plan(client, shipped_data):
    html = client.get("/estados/zacatecas/").content.decode()

    assert "Fideicomiso de Pensiones" in html and "Transparencia en el Recurso del Deporte" in html
    assert "abril de 2015" in html


def test_staff_story_for_another_state_shows_only_once_published(client, shipped_data):
    durango = StateFactory(cve_ent="10", name="Durango", short_name="DGO", slug="durango")
    story = StateStory.objects.create(
        state=durango,
        slug="prueba",
        title="Una historia de prueba",
        body="Primer párrafo.\nSegundo párrafo.",
        refers_to=datetime.date(2017, 5, 1),
        date_precision="month",
        source=SourceFactory(),
    )
    assert "Una historia de prueba" not in client.get("/estados/durango/").content.decode()

    story.is_published = True
    story.save()
    html = client.get("/estados/durango/").content.decode()

    assert "Una historia de prueba" in html and "<p>Segundo párrafo.</p>" in html
    assert "mayo de 2017" in html


def test_state_story_is_in_the_admin_and_the_national_coordination_role():
    assert StateStory in admin.site._registry
    codenames = set(
        Group.objects.get(name="Coordinación nacional").permissions.values_list(
            "codename", flat=True
        )
    )
    assert {"add_statestory", "change_statestory", "view_statestory"} <= codenames


def test_coordination_staff_write_a_state_story_in_the_admin(client, shipped_data):
    from core.models import Source
    from states.models import State
    from tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory(username="coordinacion", groups=["Coordinación nacional"]))
    durango = State.objects.get(slug="durango")
    response = client.post(
        "/admin/states/statestory/add/",
        {
            "state": durango.pk,
            "title": "Agua Limpia, según su documento",
            "slug": "agua-limpia",
            "body": "Lo que dice el documento.",
            "refers_to": "",
            "date_precision": "year",
            "date_as_stated": "2017",
            "order": "0",
            "source": Source.objects.get(key="inai-pida-2018").pk,
            "is_published": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/estados/durango/").content.decode()
    assert "Agua Limpia, según su documento" in html and "2017" in html
