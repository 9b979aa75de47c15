import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_health_answers_ok_when_the_database_answers(client):
    response = client.get("/salud/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_answers_from_any_host_so_the_container_can_probe_it(client, settings):
    settings.ALLOWED_HOSTS = ["deuda.example.org"]

    assert client.get("/salud/", HTTP_HOST="127.0.0.1:8000").status_code == 200
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_health_answers_503_when_the_database_fails(client, monkeypatch):
    from core import views

    class BrokenCursor:
        def __enter__(self):
            raise DatabaseError("connection refused")

        def __exit__(self, *args):
            return False

    monkeypatch.setattr(views.connection, "cursor", lambda: BrokenCursor())

    response = client.get("/salud/")

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_pages_are_spanish_even_for_an_english_browser(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert "Saltar al contenido" in response.content.decode()
    assert response.headers["Content-Language"] == "es-mx"


def test_english_pages_live_under_en(client):
    response = client.get("/en/")
    html = response.content.decode()

    assert 'lang="en"' in html
    assert "Skip to content" in html
    assert "Public debt" in html
    assert response.headers["Content-Language"] == "en"
    assert 'href="/en/deuda/"' in html  # links stay in English


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, shipped_data):
    spanish = client.get("/deuda/comparar/?medida=pib").content.decode()
    english = client.get("/en/deuda/comparar/?medida=pib").content.decode()

    assert 'href="/en/deuda/comparar/?medida=pib" hreflang="en"' in spanish
    assert 'href="/deuda/comparar/?medida=pib" hreflang="es-mx"' in english
