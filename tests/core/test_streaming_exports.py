"""Downloads stream: memory stays flat whatever the number of rows."""

import datetime
import json
import tracemalloc
from decimal import Decimal
from types import SimpleNamespace

import django_tables2 as tables
import pytest
from django import forms
from django.test import RequestFactory

from core import datasets
from core.datasets import PublishedDataset, table_records
from core.exports import dataset_response
from core.models import Confidence, Source
from core.tables import ChoiceColumn, DataTable, DateColumn, MillionsColumn


class FigureTable(DataTable):
    as_of = DateColumn(verbose_name="Fecha")
    amount = MillionsColumn(verbose_name="Monto")
    confidence = ChoiceColumn(Confidence, verbose_name="Confianza")
    notes = tables.Column(verbose_name="Notas")

    class Meta(DataTable.Meta):
        pass


def records(count):
    """Records made one at a time, as a QuerySet's iterator() gives them."""
    start = datetime.date(2000, 1, 1)
    for number in range(count):
        yield SimpleNamespace(
            as_of=start + datetime.timedelta(days=number % 9000),
            amount=Decimal(number) * 1000 + Decimal("0.25"),
            confidence=Confidence.HIGH,
            notes=f"Cifra número {number}, con su fuente",
        )


class NoFilters(forms.Form):
    pass


FIGURES = PublishedDataset(
    key="cifras",
    title="Cifras",
    description="Cifras generadas",
    build_table=lambda filters: FigureTable([]),
    filter_form=NoFilters,
    example_filters=dict,
    page_url=lambda filters: "/",
)


def streamed(monkeypatch, file_format, count) -> tuple[int, int]:
    """Download `count` rows; return (bytes sent, peak memory traced while sending)."""
    monkeypatch.setattr(datasets, "table_records", lambda table: records(count))
    request = RequestFactory().get("/datos/cifras.csv")
    sent = 0
    tracemalloc.start()
    response = dataset_response(request, FIGURES, file_format, {})
    for chunk in response.streaming_content:
        sent += len(chunk)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return sent, peak


def test_memory_stays_flat_when_the_rows_are_four_times_as_many(monkeypatch):
    small_sent, small_peak = streamed(monkeypatch, "csv", 2_000)
    large_sent, large_peak = streamed(monkeypatch, "csv", 8_000)

    assert large_sent > 3.9 * small_sent > 480_000
    # Streaming holds a few rows at a time (about 150 KB traced for either size); holding the
    # rows or the file would grow with them (3.9 MB traced for 8,000 rows listed first).
    assert large_peak < 1.25 * small_peak
    assert large_peak < large_sent / 3


def test_stream_holds_plain_values_a_reader_can_parse(monkeypatch):
    monkeypatch.setattr(datasets, "table_records", lambda table: records(3))
    response = dataset_response(RequestFactory().get("/"), FIGURES, "json", {})

    rows = json.loads(b"".join(response.streaming_content))
    assert rows[1] == {
        "as_of": "2000-01-02",
        "amount": 1000.25,
        "confidence": "high",
        "notes": "Cifra número 1, con su fuente",
    }


@pytest.mark.django_db
def test_a_queryset_is_read_in_chunks_not_loaded_whole():
    table = FigureTable(Source.objects.all())

    assert not isinstance(table_records(table), list | tuple)
    assert iter(table_records(table)) is not None
