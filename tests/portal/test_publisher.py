"""Who publishes this copy today, and where to ask for information, come from the settings."""

import pytest

pytestmark = pytest.mark.django_db


def test_about_page_names_no_setting_to_citizens(client, settings):
    settings.PORTAL_SOURCE_CODE_URL = ""

    html = client.get("/acerca/").content.decode()

    assert "PORTAL_" not in html
    assert "todavía no indica dónde consultar su código fuente" in html
    assert "todavía no indica un contacto" in html


def test_footer_and_about_show_the_current_publisher_from_the_settings(client, settings):
    settings.PORTAL_PUBLISHER = "Órgano de prueba"
    settings.PORTAL_PUBLISHER_CONTACT = "contacto@example.org"
    settings.PORTAL_INFORMATION_REQUESTS_BODY = "Autoridad de prueba"
    settings.PORTAL_INFORMATION_REQUESTS_URL = "https://solicitudes.example.org/"

    for url in ("/", "/acerca/"):
        html = client.get(url).content.decode()
        assert "Órgano de prueba" in html
        assert '<a href="mailto:contacto@example.org">contacto@example.org</a>' in html
        assert '<a href="https://solicitudes.example.org/">Autoridad de prueba</a>' in html


def test_about_page_says_the_seed_bodies_are_history(client):
    html = client.get("/acerca/").content.decode()

    assert "desaparecieron en 2025" in html
