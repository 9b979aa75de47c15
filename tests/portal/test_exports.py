"""Every CSV download is the same file whatever language the reader browses in."""

import re

import pytest

from commitments.models import Commitment
from tests.portal.test_urls import concrete

pytestmark = pytest.mark.django_db

CSV_URLS = [
    "/estados/?reporte=2016-09&formato=csv",
    "/estados/sonora/?formato=csv",
    "/deuda/zacatecas/historica/?formato=csv",
    "/deuda/zacatecas/historica/?medida=real&base=2024&formato=csv",
    "/deuda/zacatecas/historica/?medida=pib&formato=csv",
    "/deuda/zacatecas/actual/?situacion=todos&formato=csv",
    "/deuda/zacatecas/actual/{loan}/?formato=csv",
    "/compromisos/?formato=csv",
    "/compromisos/zacatecas/1-pal/{commitment}/?formato=csv",
]


def download(client, url, language):
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # The filename ends with today's date: compare what comes before it.
    filename = re.sub(r"-\d{4}-\d{2}-\d{2}\.csv", "", response["Content-Disposition"])
    return filename, response.content


@pytest.mark.parametrize("url", CSV_URLS)
def test_csv_is_the_same_in_english_and_spanish(client, shipped_data, url):
    # Activities (none are shipped), so that progress and the activities' CSV have values.
    commitment = Commitment.objects.get(plan__state__cve_ent="32", plan__slug="1-pal", number=1)
    commitment.activities.create(title="Diagnóstico", weight=1, done_on="2016-10-01")
    commitment.activities.create(title="Micrositio", weight=2)

    english = download(client, concrete(url), "en")
    spanish = download(client, concrete(url), "es-mx")

    assert english == spanish
    assert b"\r\n" in english[1]  # a header and rows
