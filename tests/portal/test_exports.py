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
    prefix = "" if language == "es-mx" else f"/{language}"
    response = client.get(prefix + url)
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


def test_csv_neutralises_formulas_but_keeps_negative_numbers(client, shipped_data):
    commitment = Commitment.objects.get(plan__state__cve_ent="32", plan__slug="1-pal", number=1)
    commitment.title = '=HYPERLINK("http://example.com","clic")'
    commitment.save()

    content = client.get("/compromisos/?formato=csv").content.decode("utf-8-sig")

    assert "'=HYPERLINK(" in content
    assert ",=HYPERLINK(" not in content and not content.startswith("=")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+52 55 1234", "'+52 55 1234"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-5", "-5"),
        ("-1234.50", "-1234.50"),
        (-5, -5),
        ("Zacatecas", "Zacatecas"),
    ],
)
def test_formula_cells_are_written_as_text(value, written):
    from core.exports import neutralise_formula

    assert neutralise_formula(value) == written
