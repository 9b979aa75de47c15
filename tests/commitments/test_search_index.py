"""On PostgreSQL the commitments search is answered from its GIN index (migration 0009)."""

import pytest
from django.db import connection

from commitments.models import Commitment
from commitments.selectors import search

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the full-text index exists on PostgreSQL only"
)
def test_search_is_answered_from_the_full_text_index(shipped_data):
    found = search(Commitment.objects.all(), "Empréstito")
    sql, params = found.query.sql_with_params()

    with connection.cursor() as cursor:
        # A few hundred rows fit in a page or two: make the planner show whether it *can*
        # use the index (it cannot when the query's expression differs from the index's).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "commitments_commitment_search_document" in plan, plan
    assert found.exists()  # "Empréstito" finds the shipped commitments that say «empréstito»
