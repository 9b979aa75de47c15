"""bench.database: COPY of a whole table (the ceiling) and of the very rows a /datos/ CSV
download writes."""

import csv
import io

import pytest
from django.db import connection

from bench.database import copy_of_download

pytestmark = pytest.mark.django_db
URL = "/datos/avances-compromisos.csv"


def download_rows(client, url) -> int:
    body = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    return sum(1 for _ in csv.reader(io.StringIO(body))) - 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_it_copies_as_many_rows_as_the_download_writes(client, shipped_data):
    measured = copy_of_download(URL, repeat=1)

    assert measured["rows"] == download_rows(client, URL) > 0
    assert measured["rows_per_s"] > 0


def test_pages_and_files_python_writes_have_no_such_bound(shipped_data):
    assert copy_of_download("/compromisos/?formato=csv") is None
    assert copy_of_download("/datos/no-existe.csv") is None
    assert copy_of_download("/datos/saldos-creditos.csv") is None  # ?estado= is required
    if connection.vendor != "postgresql":
        assert copy_of_download(URL) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_the_ceiling_copies_the_whole_table(shipped_data):
    from bench.database import copy_ceiling
    from debt.models import LoanBalance

    ceiling = copy_ceiling(connection.settings_dict["NAME"], "debt_loanbalance", repeat=1)

    assert ceiling["rows"] == LoanBalance.objects.count() > 0
    assert ceiling["bytes"] > 0 and ceiling["rows_per_s"] > 0
