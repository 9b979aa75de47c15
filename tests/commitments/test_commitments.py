"""Commitments for citizens: progress arithmetic, drafts hidden, search, CSV and feeds."""

import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import ActionPlan, Commitment, CommitmentStatus
from commitments.selectors import Progress, commitment_progress, plan_progress
from core.models import Source
from core.tables import SOURCE_COLUMNS
from tests.factories import CommitmentFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

PLAN = "/compromisos/zacatecas/1-pal/"


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return pd.read_csv(io.BytesIO(response.content), dtype=str, encoding="utf-8-sig").fillna("")


def zac_commitment(number=1):
    return Commitment.objects.get(plan__state__cve_ent="32", plan__slug="1-pal", number=number)


def test_progress_is_the_weighted_share_of_activities_done():
    commitment = CommitmentFactory()
    commitment.activities.create(title="Diagnóstico", weight=1, done_on="2016-10-01")
    commitment.activities.create(title="Micrositio", weight=2, done_on="2017-05-01")
    commitment.activities.create(title="Lenguaje ciudadano", weight=1)

    progress = commitment_progress(commitment)

    assert (progress.done, progress.total, progress.percent) == (3, 4, Decimal("75"))


def test_a_commitment_without_activities_has_no_percentage():
    assert commitment_progress(CommitmentFactory()).percent is None


def test_progress_rounds_half_up():
    assert Progress(done=1, total=3).percent == Decimal("33")
    assert Progress(done=1, total=8).percent == Decimal("13")  # 12.5 -> 13


def test_plan_progress_counts_fulfilled_and_leaves_out_cancelled(shipped_data):
    commitments = list(Commitment.objects.filter(plan__slug="1-pal", plan__state__cve_ent="32"))
    assert (plan_progress(commitments).done, plan_progress(commitments).total) == (1, 6)

    commitments[1].status = CommitmentStatus.CANCELLED
    assert (plan_progress(commitments).done, plan_progress(commitments).total) == (1, 5)
    assert plan_progress(commitments).percent == Decimal("20")


def test_plan_page_shows_progress_chart_and_stl(client, shipped_data):
    response = client.get(PLAN)
    html = response.content.decode()

    assert "1 de 6 compromisos cumplidos" in html
    assert "Heptapartita" in html
    assert dict(response.context["by_status"]) == {"En proceso": 5, "Cumplido": 1}
    assert response.context["figure"]["data"][0]["x"] == [1, 5]


def test_drafts_are_hidden_everywhere(client, shipped_data):
    draft = zac_commitment(3)
    draft.is_published = False
    draft.save()
    url = f"{PLAN}{draft.pk}/"

    assert client.get(url).status_code == 404
    assert draft.title not in client.get("/compromisos/?estado=zacatecas").content.decode()
    assert draft.title not in client.get("/compromisos/?formato=csv").content.decode("utf-8-sig")
    assert draft.title not in client.get(PLAN).content.decode()


def test_an_unpublished_plan_hides_its_commitments_and_updates(client, shipped_data):
    ActionPlan.objects.filter(state__cve_ent="32", slug="1-pal").update(is_published=False)

    assert client.get(PLAN).status_code == 404
    assert "Ventanilla única" not in client.get("/compromisos/").content.decode()
    feed = client.get("/compromisos/zacatecas/novedades.atom").content.decode()
    assert "Se logró transparentar toda la deuda" not in feed


def test_unpublished_updates_are_not_shown(client):
    commitment = CommitmentFactory()
    ProgressUpdateFactory(commitment=commitment, text="Se publicó el diagnóstico.")
    ProgressUpdateFactory(commitment=commitment, text="Borrador del avance.", is_published=False)

    html = client.get(commitment.get_absolute_url()).content.decode()

    assert "Borrador del avance." not in html
    assert "Se publicó el diagnóstico." in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=emprestito", ["Seguimiento al gasto público sobre empréstito Zacatecas"]),
        ("q=EMPRÉSTITO", ["Seguimiento al gasto público sobre empréstito Zacatecas"]),
        ("q=codigo+urbano", ["Código Urbano"]),
        ("q=pensiones", None),  # two: Coahuila's DIPETRE and Zacatecas's Fideicomiso
    ],
)
def test_search_ignores_accents_and_case(client, shipped_data, query, expected):
    titles = [
        row.record.title for row in client.get(f"/compromisos/?{query}").context["table"].rows
    ]

    if expected is None:
        assert len(titles) == 2
    else:
        assert titles == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("estado=zacatecas", 8),
        ("estado=zacatecas&plan=2°+Plan+de+Acción+Local", 2),
        ("estatus=fulfilled", 1),
        ("dinero=no", 5),
        ("dinero=si&estado=zacatecas", 3),
    ],
)
def test_filters(client, shipped_data, query, expected):
    assert client.get(f"/compromisos/?{query}").context["page"].paginator.count == expected


def test_list_is_paginated(client, shipped_data):
    first, second = client.get("/compromisos/"), client.get("/compromisos/?pagina=2")

    assert len(first.context["table"].rows) == 20
    assert len(second.context["table"].rows) == 2
    assert 'href="?pagina=2"' in first.content.decode()


def test_csv_has_every_filtered_row_and_the_table_columns(client, shipped_data):
    page = client.get("/compromisos/?dinero=si")
    response = client.get("/compromisos/?dinero=si&formato=csv")
    frame = pd.read_csv(io.BytesIO(response.content), dtype=str, encoding="utf-8-sig").fillna("")

    assert len(frame) == page.context["page"].paginator.count == 17  # all pages, not one
    visible = [column.name for column in page.context["table"].columns]
    assert set(visible) <= set(frame.columns)
    assert {"theme", "url", "source_reported_by", "source_confidence"} <= set(frame.columns)
    assert frame["url"].str.startswith("http://testserver/compromisos/").all()
    assert set(frame["follows_the_money"]) == {"yes"}


def test_commitment_table_and_its_csv_have_the_same_rows(client, shipped_data):
    table = client.get("/compromisos/?estado=zacatecas").context["table"]
    frame = read_csv(client.get("/compromisos/?estado=zacatecas&formato=csv"))

    assert list(frame["title"]) == [row.record.title for row in table.rows]
    assert list(frame["status"]) == [row.record.status for row in table.rows]


def test_plan_table_and_its_csv_have_the_same_rows(client, shipped_data):
    response = client.get(PLAN)
    html = response.content.decode()
    csv_url = response.context["csv_url"]
    frame = read_csv(client.get(csv_url))
    _kind, download_url = response.context["downloads"].links[0]
    download = pd.read_csv(io.BytesIO(b"".join(client.get(download_url).streaming_content)))

    assert (
        'href="/datos/compromisos.csv?estado=zacatecas&amp;plan=1%C2%B0+Plan+de+Acci%C3%B3n+Local'
        in html
    )
    assert list(download["title"]) == list(frame["title"])
    assert list(frame["title"]) == [row.record.title for row in response.context["table"].rows]
    assert len(frame) == 6
    assert "<caption>Compromisos del plan</caption>" in html
    assert '<span class="tag">sigue el dinero</span>' in html


def test_progress_shows_a_bar_and_exports_the_percentage(client, shipped_data):
    commitment = zac_commitment()
    commitment.activities.create(title="Diagnóstico", weight=1, done_on="2016-10-01")
    commitment.activities.create(title="Micrositio", weight=3)
    html = client.get(PLAN).content.decode()
    frame = read_csv(client.get("/compromisos/?estado=zacatecas&formato=csv"))

    assert '<progress max="100" value="25">25 %</progress>' in html
    assert frame.set_index("title").loc[commitment.title, "progress"] == "25"


def test_activity_table_and_its_csv_have_the_same_rows(client, shipped_data):
    commitment = zac_commitment()
    commitment.activities.create(title="Diagnóstico", weight=1, done_on="2016-10-01")
    commitment.activities.create(
        title="Micrositio", weight=2, due_on="2017-05-01", evidence_url="https://example.org/m"
    )
    url = f"{PLAN}{commitment.pk}/"
    response = client.get(url)
    html = response.content.decode()
    frame = read_csv(client.get(f"{url}?formato=csv"))

    assert list(frame["title"]) == [row.record.title for row in response.context["table"].rows]
    assert list(frame.columns) == [
        *["title", "weight", "due_on", "done_on", "evidence_url"],
        *SOURCE_COLUMNS,
    ]
    # Dated activities first, undated last (the same on SQLite and PostgreSQL).
    assert list(frame.iloc[0])[:5] == ["Micrositio", "2", "2017-05-01", "", "https://example.org/m"]
    assert list(frame.iloc[1])[:5] == ["Diagnóstico", "1", "", "2016-10-01", ""]
    # Activities have no source of their own: each row names the commitment's.
    assert set(frame["source_published_in"]) == {commitment.source.published_in}
    assert "<caption>Actividades, su peso y cuándo se cumplieron</caption>" in html
    assert '<td data-label="Cumplido">pendiente</td>' in html
    assert '<td data-label="Evidencia"><a href="https://example.org/m">ver</a></td>' in html


def test_state_and_plan_feeds(client, shipped_data):
    ns = {"atom": "http://www.w3.org/2005/Atom"}
    state_feed = ET.fromstring(client.get("/compromisos/zacatecas/novedades.atom").content)
    plan_feed = ET.fromstring(client.get("/compromisos/zacatecas/2-pal/novedades.atom").content)

    assert len(state_feed.findall("atom:entry", ns)) == 13
    assert len(plan_feed.findall("atom:entry", ns)) == 2
    link = state_feed.find("atom:entry/atom:link", ns).get("href")
    assert "/compromisos/zacatecas/" in link and "#avance-" in link


def test_state_page_lists_its_plans(client, shipped_data):
    html = client.get("/estados/zacatecas/").content.decode()

    assert 'href="/compromisos/zacatecas/1-pal/"' in html
    assert "1 de 6 compromisos cumplidos" in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/compromisos/?estado=zacatecas", PLAN, "/compromisos/zacatecas/"])
def test_query_count_does_not_grow_with_rows(client, shipped_data, url):
    before = count_queries(client, url)
    plan = ActionPlan.objects.get(state__cve_ent="32", slug="1-pal")
    for number in range(10, 16):
        commitment = plan.commitments.create(
            number=number, title=f"Nuevo {number}", is_published=True, source=Source.objects.first()
        )
        commitment.activities.create(title="Hito", weight=2, done_on="2020-01-01")

    assert count_queries(client, url) == before


def test_commitment_page_query_count_does_not_grow_with_updates(client, shipped_data):
    commitment = zac_commitment()
    url = f"{PLAN}{commitment.pk}/"
    before = count_queries(client, url)
    for day in range(1, 8):
        commitment.updates.create(reported_on=f"2018-01-0{day}", text="Avance", is_published=True)
        commitment.activities.create(title=f"Hito {day}", weight=1)

    assert count_queries(client, url) == before
