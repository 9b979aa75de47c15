"""Every one of the 32 states has the four debt pages, filled from the shipped official data,
each with a small, bounded number of SQL queries (whatever the size of the state's data)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from states.models import State
from tests.sweeps import sweep

pytestmark = pytest.mark.django_db

PAGES = ["", "historica/", "actual/", "informe-ciudadano/"]
MAX_QUERIES = 20


# Three states' pages (a large one, a small one, Zacatecas) are in tests/portal/test_urls.py and
# test_query_counts.py; here, all 32.
@sweep
@pytest.mark.parametrize("page", PAGES)
def test_every_state_has_each_debt_page_with_bounded_queries(client, page):
    counts = {}
    for state in State.objects.order_by("cve_ent"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/deuda/{state.slug}/{page}")
        assert response.status_code == 200, state.slug
        assert state.name in response.content.decode(), state.slug
        counts[state.slug] = len(queries)

    assert len(counts) == 32
    assert max(counts.values()) <= MAX_QUERIES, counts


def test_every_state_page_shows_shcp_december_2015_balance(client):
    html = client.get("/deuda/zacatecas/").content.decode()
    assert "$7,609.4 mdp" in html
    html = client.get("/deuda/nuevo-leon/").content.decode()
    assert "31 de diciembre de 2015" in html
