"""Public pages: compressed, cached for anonymous readers, invalidated when staff change data."""

import gzip

import pytest
from django.core.cache import cache

from states.models import State

pytestmark = pytest.mark.django_db

PAGE = "/estados/zacatecas/"


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 3600
    cache.clear()
    yield
    cache.clear()


def test_public_pages_are_sent_compressed(client, shipped_data):
    response = client.get(PAGE, HTTP_ACCEPT_ENCODING="gzip, br")

    assert response.headers["Content-Encoding"] == "gzip"
    assert "Zacatecas" in gzip.decompress(response.content).decode()


def test_second_visit_is_served_from_the_cache_without_sql(
    client, shipped_data, page_cache, django_assert_num_queries
):
    first = client.get(PAGE)

    with django_assert_num_queries(0):
        second = client.get(PAGE)

    assert second.status_code == 200
    assert second.content == first.content
    assert "public" in second.headers["Cache-Control"]


def test_a_staff_change_shows_at_once(client, shipped_data, page_cache):
    client.get(PAGE)
    zacatecas = State.objects.get(slug="zacatecas")
    zacatecas.name = "Zacatecas de prueba"
    zacatecas.save()

    assert "Zacatecas de prueba" in client.get(PAGE).content.decode()


def test_unchanged_page_answers_304_to_a_conditional_get(client, shipped_data, page_cache):
    first = client.get(PAGE)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]

    assert client.get(PAGE, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(PAGE, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    zacatecas = State.objects.get(slug="zacatecas")
    zacatecas.name = "Zacatecas cambiado"
    zacatecas.save()

    assert client.get(PAGE, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert client.get(PAGE, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200


def test_signed_in_staff_are_never_served_a_cached_page(client, shipped_data, page_cache):
    client.get(PAGE)
    client.cookies["sessionid"] = "anything"
    State.objects.filter(slug="zacatecas").update(name="Sin señal")  # no signal: no bump

    assert "Sin señal" in client.get(PAGE).content.decode()
