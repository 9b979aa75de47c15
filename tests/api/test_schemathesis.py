"""The API against its own OpenAPI schema (schemathesis): no server error, no answer off-schema.

Requests go in-process through Django's WSGI handler, in the test's transaction, over the
shipped data. One test per operation of every registered dataset; a few generated requests
each, valid (a 2xx that matches the documented rows) and invalid (a 4xx, never a 5xx).

schemathesis' own pytest loader for a schema that needs a fixture (`from_fixture`) breaks on
pytest 9.2 (it sets the node's private `_nodeid`), so each operation's Hypothesis strategy is
driven here with `given`, as its docs show for a single operation.
"""

import pytest
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from core.datasets import published_datasets
from tests.sweeps import once_then_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_tests_connection():
    """Do what Django's test client does around a request: without it, the end of each WSGI
    request closes the connection holding the test's transaction (PostgreSQL: "the
    connection is closed"; SQLite's in-memory database never notices)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


EXAMPLES_PER_CASE = 5
ROWS = [f"/api/{dataset.key}/" for dataset in published_datasets]
METADATA = [f"/api/{dataset.key}/metadatos/" for dataset in published_datasets]
OPERATIONS = ["/api/", *ROWS, *METADATA]
# Only the rows take parameters: the others cannot be asked anything invalid.
CASES = [(path, GenerationMode.POSITIVE) for path in OPERATIONS] + [
    (path, GenerationMode.NEGATIVE) for path in ROWS
]
# Every dataset's operations come from one function (core/api.py): `make test` asks the index
# and the first dataset, valid and invalid; the sweep, every dataset.
CASES_ONCE = [(path, mode) for path, mode in CASES if path in ("/api/", ROWS[0], METADATA[0])]


def test_the_schema_lists_exactly_the_operations_tested_here(api_schema):
    assert sorted(api_schema) == sorted(OPERATIONS)


@pytest.mark.parametrize(("path", "mode"), once_then_sweep(CASES, once=CASES_ONCE))
def test_api_answers_within_its_schema(api_schema, request, path, mode):
    if path == "/api/actividades-compromisos/":
        request.getfixturevalue("with_activity")  # else its rows are never checked
    operation = api_schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_CASE,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    def answers_within_schema(case):
        # Its in-process WSGI client does not decompress: ask for the plain body (compressed
        # answers are tested with the pages, tests/core/test_page_cache.py).
        case.call_and_validate(headers={"Accept-Encoding": "identity"})

    answers_within_schema()
