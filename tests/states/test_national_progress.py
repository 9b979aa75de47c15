"""The national table: filters, what changed, CSV, fixed query count.

The counters and the CSV checked against the shipped seed: tests/shipped_data/.
"""

import io

import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from states import selectors
from states.models import Report
from tests.factories import delete_without_history

pytestmark = pytest.mark.django_db


def test_latest_report_is_shown_by_default(client, shipped_data):
    response = client.get("/estados/")

    assert response.context["report"].code == "2017-05"
    assert len(response.context["table"].rows) == 32


def test_unknown_report_is_404(client, shipped_data):
    assert client.get("/estados/?reporte=1999-01").status_code == 404


def test_changes_between_reports(shipped_data):
    report, previous = Report.objects.get(code="2017-05"), Report.objects.get(code="2016-09")
    changes = {
        c.state.name: c
        for c in selectors.report_changes(report, previous, selectors.milestone_kinds())
    }

    sonora = {(c.label, c.before, c.after) for c in changes["Sonora"].progress}
    assert ("Instalación del Secretariado Técnico Local (STL)", "No", "Sí") in sonora
    assert ("Etapa", "Sensibilización", "Instalación de STL") in sonora
    assert changes["Aguascalientes"].is_new
    assert len([c for c in changes.values() if c.is_new]) == 9
    # Durango's sensitization was not in the 2016 table: new data, not progress.
    durango = changes["Durango"]
    assert durango.progress == []
    assert {(c.label, c.after) for c in durango.new_data} >= {("Sensibilización", "Sí")}


def test_first_report_has_nothing_to_compare_with(client, shipped_data):
    html = client.get("/estados/?reporte=2016-09").content.decode()

    assert "Este es el primer reporte" in html


def test_page_lists_what_changed(client, shipped_data):
    html = client.get("/estados/?reporte=2017-05").content.decode()

    assert "aparece por primera vez en el reporte" in html
    assert "Sensibilización → <strong>Instalación de STL</strong>" in html


@pytest.mark.parametrize(
    ("query", "expected_states"),
    [
        ("reporte=2016-09&grupo=G16", 10),
        ("reporte=2016-09&etapa=sensibilizacion", 5),
        ("reporte=2016-09&hito=pal_launched", 7),
        ("reporte=2017-05&grupo=Sin+firma", 9),
        ("reporte=2017-05&grupo=G15&hito=pal_launched", 9),
    ],
)
def test_filters(client, shipped_data, query, expected_states):
    response = client.get(f"/estados/?{query}")

    assert len(response.context["table"].rows) == expected_states
    assert response.context["counters"].states == expected_states


def test_stage_aliases_group_differently_worded_stages(client, shipped_data):
    # 2016 says "Mesas participativas PAL", 2017 "Mesas de Participación PAL": one stage.
    frame = read_csv(client.get("/estados/?reporte=2016-09&formato=csv"))
    campeche = frame[frame["state"] == "Campeche"].iloc[0]

    assert campeche["status"] == "Mesas de participación"
    assert campeche["status_as_reported"] == "Mesas participativas PAL"


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return pd.read_csv(io.BytesIO(response.content), dtype=str, encoding="utf-8-sig").fillna("")


def test_national_table_and_its_csv_have_the_same_rows(client, shipped_data):
    query = "reporte=2017-05&grupo=G15"
    table = client.get(f"/estados/?{query}").context["table"]
    frame = read_csv(client.get(f"/estados/?{query}&formato=csv"))

    assert list(frame["state"]) == [row.record.state.name for row in table.rows]
    assert len(frame) == 13


def test_csv_keeps_the_filters(client, shipped_data):
    frame = read_csv(client.get("/estados/?reporte=2016-09&etapa=sensibilizacion&formato=csv"))

    assert sorted(frame["state"]) == sorted(
        ["Nuevo León", "Sonora", "Querétaro", "Ciudad de México", "Sinaloa"]
    )


def test_page_offers_the_csv_of_what_it_shows(client, shipped_data):
    html = client.get("/estados/?reporte=2016-09&grupo=G16").content.decode()

    assert 'href="/datos/avance-nacional.csv?reporte=2016-09&amp;grupo=G16"' in html
    assert 'href="/datos/avance-nacional.xlsx?reporte=2016-09&amp;grupo=G16"' in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("few_rows", "many_rows"),
    [
        ("reporte=2017-05&grupo=Sin+firma", "reporte=2017-05"),  # 9 and 32 rows
        ("reporte=2016-09&grupo=G16", "reporte=2016-09"),  # 10 and 23 rows
    ],
)
def test_query_count_does_not_grow_with_rows(client, shipped_data, few_rows, many_rows):
    assert count_queries(client, f"/estados/?{few_rows}") == count_queries(
        client, f"/estados/?{many_rows}"
    )


def test_state_page_query_count_does_not_grow_with_reports(client, shipped_data):
    # Sonora is in both reports (with dated milestones), Aguascalientes only in one.
    assert count_queries(client, "/estados/sonora/") == count_queries(
        client, "/estados/aguascalientes/"
    )


def test_map_figure_colours_each_state_by_stage(client, shipped_data):
    figure = client.get("/estados/?reporte=2016-09").context["map_figure"]
    located = {loc: trace["name"] for trace in figure["data"] for loc in trace["locations"]}

    assert len(located) == 32  # every state drawn, in the report or not
    assert located["10"] == "Cierre de ciclo"  # Durango
    assert located["01"] == "No incluido en esta selección"  # Aguascalientes, not in 2016
    assert all(trace["geojson"] == "/estados/mapa.geojson" for trace in figure["data"])


def test_page_without_reports_says_so(client, states):
    delete_without_history(Report.objects.all())
    html = client.get("/estados/").content.decode()

    assert "Todavía no hay reportes nacionales" in html


def test_a_state_without_stage_says_so_and_its_csv_cell_is_empty(client, shipped_data):
    html = client.get("/estados/?reporte=2016-09").content.decode()
    frame = read_csv(client.get("/estados/?reporte=2016-09&formato=csv"))

    hidalgo = frame[frame["state"] == "Hidalgo"].iloc[0]
    assert hidalgo["status"] == ""  # the CSV holds data, not words in the reader's language
    assert ">sin etapa reportada</td>" in html


def test_national_page_in_english(client, shipped_data):
    html = client.get("/en/estados/?reporte=2016-09").content.decode()

    assert "National table" in html
    assert "What changed since the previous report" in html
    assert "Milestone reached" in html


def test_any_two_reports_can_be_compared(client, shipped_data):
    response = client.get("/estados/?reporte=2016-09&comparar=2017-05")

    assert response.context["previous"].code == "2017-05"
    sonora = next(c for c in response.context["changes"] if c.state.name == "Sonora")
    assert ("Etapa", "Instalación de STL", "Sensibilización") in {
        (c.label, c.before, c.after) for c in sonora.progress
    }
    assert client.get("/estados/?comparar=1999-01").status_code == 404
