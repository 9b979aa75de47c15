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


def test_language_switcher_gives_english_pages(client):
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/acerca/"})
    assert switched.status_code == 302
    assert switched.headers["Location"] == "/acerca/"

    html = client.get("/").content.decode()

    assert 'lang="en"' in html
    assert "Skip to content" in html
    assert "Public debt" in html


def test_language_switcher_works_without_javascript(client):
    html = client.get("/").content.decode()

    assert '<form class="language-switcher" action="/i18n/setlang/" method="post">' in html
    assert '<button type="submit">Cambiar</button>' in html
