"""CSV downloads PostgreSQL writes itself (COPY): the very bytes Python writes, or Python writes.

The contract: for the same dataset and filters, the file is byte for byte the one the Python
path (core.exports.csv_chunks over core.datasets.plain_rows) writes. The byte comparisons run
on PostgreSQL; which columns the database may write is decided the same way on any database.
"""

import datetime
from decimal import Decimal

import django_tables2 as tables
import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection, transaction
from django.test import RequestFactory
from psycopg.pq import TransactionStatus

from commitments.models import ProgressUpdate
from core.datasets import ExportPlan, plain_rows, published_datasets
from core.exports import (
    COPY_BLOCK_BYTES,
    FORMATS,
    column_in_database,
    csv_chunks,
    database_csv_query,
    dataset_response,
    table_csv_chunks,
)
from core.models import Confidence, Source
from core.tables import ChoiceColumn, DataTable, DateColumn, SourceColumnsMixin
from debt.models import ConsumerPriceIndex, Loan, LoanBalance
from states.models import State
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    LoanFactory,
    ProgressUpdateFactory,
    SourceFactory,
    StateFactory,
)

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY is PostgreSQL's; elsewhere Python writes"
)
KEYS = [dataset.key for dataset in published_datasets]
CSV_FORMATS = ["csv", "excel.csv"]

# Cells a spreadsheet, a CSV reader or a careless writer gets wrong: formulas (and numbers
# that look like them), quotes, delimiters, line breaks, «No indicado», non-ASCII.
AWKWARD_TEXTS = [
    "=SUM(A1:A9)",
    "+52 55 1234 5678",
    "-5",
    "-5.50",
    "+1e5",
    "-1E-7",
    "-.5",
    "-5.",
    "- 5",
    "−5",  # a minus sign, not a hyphen: no formula
    "-٣",  # an Arabic-Indic digit: not [0-9]
    "@usuario",
    "\tcon tabulador",
    "\rcon retorno",
    "-",
    "=",
    "'ya citado",
    'Dice "hola", y se va',
    '"',
    "línea uno\nlínea dos",
    "termina en salto\r\n",
    "punto; y coma, y coma",
    "\\.",
    "\\N",
    "NULL",
    "   ",
    "No indicado en el documento",
    "No indicado",
    "no indicado",
    "Secretaría de Finanzas 😀",
]


def python_bytes(table, file_format) -> bytes:
    """The file as the Python path writes it."""
    excel = file_format == "excel.csv"
    chunks = csv_chunks(plain_rows(table), delimiter=";" if excel else ",", bom=excel)
    return "".join(chunks).encode()


def database_bytes(table, file_format) -> bytes:
    excel = file_format == "excel.csv"
    assert database_csv_query(table) is not None, "Python writes this table"
    chunks = table_csv_chunks(table, delimiter=";" if excel else ",", bom=excel)
    return b"".join(chunks)


def filters_of(dataset) -> list[dict]:
    """A dataset's example filters, those of its dictionary, and none when it takes none."""
    found = [dataset.example_filters()]
    if dataset.dictionary_filters is not None:
        found += dataset.dictionary_filters()
    unfiltered, _errors = dataset.clean_filters({})
    if unfiltered is not None:
        found.append(unfiltered)
    return found


@on_postgresql
@pytest.mark.parametrize("file_format", CSV_FORMATS)
@pytest.mark.parametrize("key", KEYS)
def test_download_is_the_file_python_writes_byte_for_byte(client, with_activity, key, file_format):
    dataset = published_datasets.get(key)
    for filters in filters_of(dataset):
        request = RequestFactory().get("/")
        expected = python_bytes(dataset.table(filters, request), file_format)

        response = client.get(dataset.download_url(file_format, filters))

        assert response.status_code == 200
        assert b"".join(response.streaming_content) == expected, filters


@on_postgresql
@pytest.mark.parametrize("key", ["saldos-creditos", "avances-compromisos"])
def test_the_largest_downloads_are_written_by_postgresql(shipped_data, key):
    """Issue 13: the biggest files (a state's loan balances, every progress line) take COPY."""
    dataset = published_datasets.get(key)

    assert database_csv_query(dataset.table(dataset.example_filters())) is not None


@pytest.fixture
def awkward_state(shipped_data):
    """A state of its own with loan balances and progress lines full of awkward values."""
    state = StateFactory(
        cve_ent="99", name="Estado «de prueba», con coma", short_name="PRB", slug="prueba"
    )
    sources = [
        SourceFactory(reported_by=text, published_in=text, url=url, confidence=confidence)
        for text, url, confidence in zip(
            AWKWARD_TEXTS,
            ["", "https://example.org/a?b=1,2", '=HYPERLINK("x")'] * len(AWKWARD_TEXTS),
            list(Confidence.values) * len(AWKWARD_TEXTS),
            strict=False,
        )
    ]
    amounts = [
        Decimal("0.00"),
        Decimal("1594.30"),
        Decimal("0.01"),
        Decimal("-1594.30"),
        Decimal("9999999999999999.99"),
        Decimal("1000000"),
    ]
    days = [
        datetime.date(1, 1, 1),
        datetime.date(999, 12, 31),
        datetime.date(2016, 2, 29),
        datetime.date(9999, 12, 1),
    ]
    for number, text in enumerate(AWKWARD_TEXTS):
        loan = LoanFactory(state=state, label=text, source=sources[number])
        for position, amount in enumerate(amounts):
            LoanBalance.objects.create(
                loan=loan,
                as_of=days[(number + position) % len(days)] + datetime.timedelta(days=position),
                amount=amount,
                source=sources[(number + position) % len(sources)],
            )
    plan = ActionPlanFactory(state=state, name=AWKWARD_TEXTS[0])
    for number, text in enumerate(AWKWARD_TEXTS):
        commitment = CommitmentFactory(plan=plan, number=number + 1, title=text)
        for position, precision in enumerate(["day", "month", "year"]):
            ProgressUpdateFactory(
                commitment=commitment,
                reported_on=days[(number + position) % len(days)],
                date_precision=precision,
                text=AWKWARD_TEXTS[(number + position) % len(AWKWARD_TEXTS)],
                author=["", text, "No indicado"][position],
                evidence_url=["", "https://example.org/e", text][position],
                source=[None, sources[number], sources[-1]][position],
            )
    return state


@on_postgresql
@pytest.mark.parametrize("file_format", CSV_FORMATS)
@pytest.mark.parametrize("key", ["saldos-creditos", "avances-compromisos"])
def test_awkward_values_are_written_as_python_writes_them(awkward_state, key, file_format):
    dataset = published_datasets.get(key)
    table = dataset.table({"estado": awkward_state})

    written = database_bytes(table, file_format)

    assert written == python_bytes(dataset.table({"estado": awkward_state}), file_format)
    assert written.count(b"'=SUM(A1:A9)") > 0  # a formula neutralised, in both


@on_postgresql
def test_true_false_and_empty_are_written_as_python_writes_them(shipped_data):
    dataset = published_datasets.get("pib-estatal")
    filters = dataset.example_filters()
    table = dataset.table(filters)
    gdp = table.data.data
    first, second = gdp[0], gdp[1]
    first.revised, second.revised = True, False
    first.save(update_fields=["revised"])
    second.save(update_fields=["revised"])

    written = database_bytes(table, "csv")

    assert written == python_bytes(dataset.table(filters), "csv")
    assert b",True\r\n" in written and b",False\r\n" in written


@on_postgresql
def test_a_large_file_is_sent_in_blocks_not_whole(shipped_data):
    state = StateFactory(cve_ent="98", name="Estado grande", short_name="GRA", slug="grande")
    source = SourceFactory(published_in="Un documento de nombre largo " * 5)
    loans = [LoanFactory(state=state, source=source) for _ in range(4)]
    start = datetime.date(1900, 1, 1)
    LoanBalance.objects.bulk_create(
        LoanBalance(
            loan=loans[number % 4],
            as_of=start + datetime.timedelta(days=number),
            amount=Decimal(number),
            source=source,
        )
        for number in range(3000)
    )
    table = published_datasets.get("saldos-creditos").table({"estado": state})

    chunks = list(table_csv_chunks(table))

    assert len(chunks) > 4
    # Each block about COPY_BLOCK_BYTES (one row over at most): memory stays flat.
    assert max(len(chunk) for chunk in chunks) < 2 * COPY_BLOCK_BYTES
    assert b"".join(chunks) == python_bytes(
        published_datasets.get("saldos-creditos").table({"estado": state}), "csv"
    )


@on_postgresql
def test_a_reader_who_hangs_up_ends_the_copy(shipped_data):
    state = StateFactory(cve_ent="97", name="Estado que cuelga", short_name="CLG", slug="cuelga")
    source = SourceFactory(published_in="Un documento de nombre largo " * 5)
    loan = LoanFactory(state=state, source=source)
    LoanBalance.objects.bulk_create(
        LoanBalance(
            loan=loan,
            as_of=datetime.date(1900, 1, 1) + datetime.timedelta(days=number),
            amount=Decimal(number),
            source=source,
        )
        for number in range(5000)
    )
    savepoint = transaction.savepoint()  # a cancelled COPY aborts the test's transaction
    request = RequestFactory().get(f"/datos/saldos-creditos.csv?estado={state.slug}")
    dataset = published_datasets.get("saldos-creditos")
    response = dataset_response(request, dataset, "csv", {"estado": state})
    next(iter(response.streaming_content))
    assert connection.connection.info.transaction_status == TransactionStatus.ACTIVE

    # What the server does when the reader goes (without closing the test's connection).
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)

    assert connection.connection.info.transaction_status != TransactionStatus.ACTIVE
    transaction.savepoint_rollback(savepoint)
    assert State.objects.filter(slug=state.slug).exists()  # the connection answers


@on_postgresql
def test_copy_download_keeps_its_etag_and_name(client, shipped_data):
    dataset = published_datasets.get("saldos-creditos")
    url = dataset.download_url("csv", dataset.example_filters())

    first = client.get(url)
    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first["Content-Disposition"].startswith('attachment; filename="saldos-creditos-')
    assert first["Content-Type"] == f"{FORMATS['csv'].media_type}; charset=utf-8"
    assert again.status_code == 304


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback of other databases")
@pytest.mark.parametrize("key", KEYS)
def test_other_databases_write_every_download_in_python(shipped_data, key):
    dataset = published_datasets.get(key)

    assert database_csv_query(dataset.table(dataset.example_filters())) is None


# The rule, column by column: what keeps a table in Python.


class RuleTable(SourceColumnsMixin, DataTable):
    as_of = DateColumn(verbose_name="Fecha")
    amount = tables.Column(verbose_name="Monto")
    loan_id = tables.Column(verbose_name="Crédito")
    loan_label = tables.Column(verbose_name="Nombre", accessor="loan__label")

    class Meta(DataTable.Meta):
        pass


def planned_column(table, name):
    return next(planned for planned in ExportPlan(table).columns if planned.name == name)


def test_stored_fields_with_or_without_marked_value_functions_go_to_the_database(db):
    table = RuleTable(LoanBalance.objects.all())

    for planned in ExportPlan(table).columns:
        assert column_in_database(planned, LoanBalance) is not None, planned.name


def test_a_field_that_converts_what_it_reads_stays_in_python(db, monkeypatch):
    published_in = Source._meta.get_field("published_in")
    monkeypatch.setattr(
        published_in, "from_db_value", lambda value, *args: value.upper(), raising=False
    )
    table = RuleTable(LoanBalance.objects.all())

    assert column_in_database(planned_column(table, "source_published_in"), LoanBalance) is None


class ChoiceLabelTable(DataTable):
    confidence = tables.Column(verbose_name="Confianza")  # Python writes the label
    confidence_code = ChoiceColumn(Confidence, verbose_name="Código", accessor="confidence")

    class Meta(DataTable.Meta):
        pass


def test_a_choice_field_goes_to_the_database_only_as_its_code(db):
    table = ChoiceLabelTable(Source.objects.all())

    assert column_in_database(planned_column(table, "confidence"), Source) is None
    assert column_in_database(planned_column(table, "confidence_code"), Source) is not None


class PythonOnlyTable(DataTable):
    loan = tables.Column(verbose_name="Crédito")  # the related object: its str()
    label_upper = tables.Column(verbose_name="Mayúsculas", accessor="loan__label__upper")
    state = tables.Column(verbose_name="Estado", accessor="loan__state")
    as_of = tables.Column(verbose_name="Fecha", empty_values=(None, "", 0))
    amount = tables.Column(verbose_name="Monto")

    class Meta(DataTable.Meta):
        pass

    def value_amount(self, value):  # a value function without @stored_value
        return value


def test_related_objects_methods_odd_empties_and_unmarked_functions_stay_in_python(db):
    table = PythonOnlyTable(LoanBalance.objects.all())

    for planned in ExportPlan(table).columns:
        assert column_in_database(planned, LoanBalance) is None, planned.name


class RenderedTable(DataTable):
    class RenderedColumn(tables.Column):
        def render(self, value):
            return f"{value} pesos"

    amount = RenderedColumn(verbose_name="Monto")
    balances = tables.Column(verbose_name="Saldos", accessor="balances__amount")
    refinanced = tables.Column(verbose_name="Refinanciado", accessor="refinanced_by__label")

    class Meta(DataTable.Meta):
        pass


def test_rendered_columns_and_many_valued_relations_stay_in_python(db):
    loans = RenderedTable(Loan.objects.all())
    balances = RenderedTable(LoanBalance.objects.all())

    assert column_in_database(planned_column(balances, "amount"), LoanBalance) is None
    assert column_in_database(planned_column(loans, "balances"), Loan) is None
    assert column_in_database(planned_column(loans, "refinanced"), Loan) is None


class TypesTable(DataTable):
    created_at = DateColumn(verbose_name="Creado")  # a date-time: the local day, in Python
    value = tables.Column(verbose_name="INPC")

    class Meta(DataTable.Meta):
        pass


def test_date_times_and_long_decimals_stay_in_python(db):
    updates = TypesTable(ProgressUpdate.objects.all())
    prices = TypesTable(ConsumerPriceIndex.objects.all())  # nine decimal places: 1E-9

    assert column_in_database(planned_column(updates, "created_at"), ProgressUpdate) is None
    assert column_in_database(planned_column(prices, "value"), ConsumerPriceIndex) is None


@on_postgresql
def test_only_querysets_of_model_instances_without_distinct_go_to_the_database(db):
    assert database_csv_query(RuleTable(LoanBalance.objects.all())) is not None
    assert database_csv_query(RuleTable(LoanBalance.objects.distinct())) is None
    assert database_csv_query(RuleTable(LoanBalance.objects.values())) is None
    assert database_csv_query(RuleTable(list(LoanBalance.objects.all()[:3]))) is None
