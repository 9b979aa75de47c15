import datetime
import io

import pandas as pd
import pytest

from states.models import StateMilestone

pytestmark = pytest.mark.django_db


def test_timeline_lists_dated_milestones_in_order_and_undated_last(client, shipped_data):
    response = client.get("/estados/zacatecas/")
    milestones = response.context["milestones"]

    assert [m.kind.code for m in milestones] == [
        "signed_declaration",
        "stl_installed",
        "pal_launched",
    ]
    html = response.content.decode()
    assert "2 de julio de 2015" in html
    assert "25 de septiembre de 2015" in html
    assert "22 de agosto (la fuente no dice el año)" in html
    assert "heptapartita" in html


def test_scheduled_milestones_are_marked_and_keep_the_sources_wording(client, shipped_data):
    html = client.get("/estados/sonora/").content.decode()

    assert "21-22 de septiembre de 2016" in html
    assert '<span class="tag">programado</span>' in html
    assert "noviembre de 2016" in html


def test_state_page_shows_each_report_row(client, shipped_data):
    response = client.get("/estados/sonora/")
    table = response.context["table"]
    html = response.content.decode()

    assert [row.record.report.code for row in table.rows] == ["2016-09", "2017-05"]
    stl = {row.record.report.code: row.get_cell_value("stl_installed") for row in table.rows}
    assert stl == {"2016-09": "no", "2017-05": "yes"}
    assert "<caption>Lo que cada reporte dice de Sonora</caption>" in html
    assert '<td data-label="STL instalado"><span class="mark mark--no">No</span></td>' in html
    assert '<a href="/estados/?reporte=2017-05">mayo de 2017</a>' in html


def test_state_reports_table_and_its_csv_have_the_same_rows(client, shipped_data):
    table = client.get("/estados/sonora/").context["table"]
    response = client.get("/estados/sonora/?formato=csv")
    frame = pd.read_csv(io.BytesIO(response.content), dtype=str, encoding="utf-8-sig")

    assert list(frame["report"]) == [row.record.report.code for row in table.rows]
    assert set(frame["state"]) == {"Sonora"}
    assert list(frame["stl_installed"]) == ["no", "yes"]


def test_state_without_data_says_so(client, shipped_data):
    StateMilestone.objects.filter(state__cve_ent="01").delete()
    html = client.get("/estados/aguascalientes/").content.decode()

    assert "No tenemos fechas de los hitos de este estado" in html


def test_date_display_follows_the_precision():
    stl = StateMilestone(occurred_on=datetime.date(2016, 11, 1), date_precision="month")

    assert stl.date_display() == "noviembre de 2016"
    stl.date_precision = "day"
    assert stl.date_display() == "1 de noviembre de 2016"
    stl.occurred_on = None
    assert stl.date_display() == "sin dato"
