import pytest

pytestmark = pytest.mark.django_db


def test_open_data_lists_every_national_report_with_its_csv_and_source(client, shipped_data):
    html = client.get("/datos/").content.decode()

    assert 'href="/estados/?reporte=2016-09&amp;formato=csv"' in html
    assert 'href="/estados/?reporte=2017-05&amp;formato=csv"' in html
    assert "Confianza: media." in html


def test_every_listed_csv_downloads(client, shipped_data):
    for code in ("2016-09", "2017-05"):
        response = client.get(f"/estados/?reporte={code}&formato=csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")


def test_open_data_lists_the_debt_csvs_and_feed(client, shipped_data):
    html = client.get("/datos/").content.decode()

    assert 'href="/deuda/zacatecas/historica/?formato=csv"' in html
    assert 'href="/deuda/zacatecas/actual/?situacion=todos&amp;formato=csv"' in html
    assert 'href="/deuda/zacatecas/novedades.atom"' in html
