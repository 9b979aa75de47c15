"""CSV downloads of the tables shown on public pages: same URL with ?formato=csv."""

import csv
import hashlib
import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from django.db.models import Case, CharField, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat, NullIf
from django.db.models.lookups import Exact, In, Regex
from django.db.models.query import ModelIterable
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from openpyxl import Workbook

from core.datasets import ExportPlan, in_stable_order, plain_rows

CSV_FORMAT_PARAM = "formato"
CSV_FORMAT_VALUE = "csv"
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def neutralise_formula(value):
    """Return a text cell a spreadsheet would run as a formula with a leading ', as text.

    Numbers stay numbers: -5 (or "-5") is a value, not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def wants_csv(request) -> bool:
    return request.GET.get(CSV_FORMAT_PARAM) == CSV_FORMAT_VALUE


def table_csv_response(table, filename: str, request=None) -> HttpResponse:
    """Return a DataTable's rows as a UTF-8 CSV download (a page's ?formato=csv): its columns'
    names, plain values. The streamed, filterable files are /datos/<dataset>.<formato>.

    The same bytes whatever the reader's language, so a downloaded file can be imported back.
    A byte-order mark so that spreadsheet programs read the accents right; pandas and csv
    readers using "utf-8-sig" skip it.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    for chunk in csv_chunks(plain_rows(table), bom=True):
        response.write(chunk)
    # A page's rows are computed for the page anyway: the file's own hash is its ETag, and a
    # reader who holds the same bytes gets 304 (the date in the file name aside).
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["ETag"] = etag
    if request is not None:
        current = get_conditional_response(request, etag=etag, response=response)
        if current is not None:
            return current
    return response


def csv_url_for(request) -> str:
    """Return the current URL, same filters, asking for CSV."""
    query = request.GET.copy()
    query[CSV_FORMAT_PARAM] = CSV_FORMAT_VALUE
    return f"{request.path}?{query.urlencode()}"


# Machine-first downloads of a published dataset (core.datasets): four formats, streamed.


class Echo:
    """A file-like object whose write() hands back what it is given (csv.writer → stream)."""

    def write(self, value):
        return value


@dataclass(frozen=True)
class FileFormat:
    key: str  # as in the URL: /datos/<dataset>.<key>
    extension: str
    media_type: str
    title: str


FORMATS = {
    "csv": FileFormat("csv", "csv", "text/csv", "CSV (UTF-8)"),
    # Excel opens a CSV as the machine's locale says: the BOM makes it read UTF-8, and «;»
    # is the list separator of the locales whose decimal mark is a comma. The numbers keep
    # a decimal point, as es-MX writes them (and Excel in es-MX reads them).
    "excel.csv": FileFormat("excel.csv", "excel.csv", "text/csv", "CSV para Excel"),
    "xlsx": FileFormat(
        "xlsx",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel (XLSX)",
    ),
    "json": FileFormat("json", "json", "application/json", "JSON"),
}


def _csv_cell(value):
    if value is None:
        return ""
    return neutralise_formula(value)


def csv_chunks(rows: Iterator[list], *, delimiter=",", bom=False) -> Iterator[str]:
    """Yield a CSV one row at a time: empty for unknown, formulas neutralised."""
    writer = csv.writer(Echo(), delimiter=delimiter)
    if bom:
        yield "\ufeff"
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def _json_value(value):
    if isinstance(value, Decimal):
        # A JSON number: 1594.3, not "1594.30"; int() keeps whole amounts exact.
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def json_chunks(rows: Iterator[list]) -> Iterator[str]:
    """Yield a JSON array of objects, one row at a time."""
    names = next(rows)
    yield "["
    separator = "\n"
    for values in rows:
        record = {name: _json_value(value) for name, value in zip(names, values, strict=True)}
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


def xlsx_file(rows: Iterator[list], title: str):
    """Write the rows to a temporary XLSX (openpyxl's write-only mode keeps memory flat)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([_csv_cell(value) for value in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    workbook.save(handle)
    handle.seek(0)
    return handle


def dataset_response(request, dataset, file_format: str, filters: dict):
    """A dataset's filtered rows as a download, or 304 when the reader's copy is current."""
    updated = dataset.last_updated()
    etag = f'"{dataset.version(filters, updated)}-{file_format}"'
    not_modified = get_conditional_response(request, etag=etag, last_modified=_timestamp(updated))
    if not_modified is not None:
        return not_modified
    kind = FORMATS[file_format]
    if file_format == "xlsx":
        rows = dataset.row_values(filters, request)
        response = FileResponse(xlsx_file(rows, dataset.key), content_type=kind.media_type)
    elif file_format == "json":
        rows = dataset.row_values(filters, request)
        response = StreamingHttpResponse(
            json_chunks(rows), content_type=f"{kind.media_type}; charset=utf-8"
        )
    else:
        excel = file_format == "excel.csv"
        chunks = table_csv_chunks(
            dataset.table(filters, request), delimiter=";" if excel else ",", bom=excel
        )
        response = StreamingHttpResponse(chunks, content_type=f"{kind.media_type}; charset=utf-8")
    name = dataset.filename(filters, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind.extension}"'
    response["ETag"] = etag
    if updated is not None:
        response["Last-Modified"] = http_date(_timestamp(updated))
    return response


def _timestamp(moment):
    # Whole seconds, as an HTTP date gives them: a copy from the same second is current.
    return int(moment.timestamp()) if moment is not None else None


# PostgreSQL writes a CSV download itself (COPY ... TO STDOUT), many times faster than the rows
# go through Python, wherever it writes the very bytes Python writes (tests/core/
# test_database_csv.py compares the two, byte for byte, for every dataset that takes it).


def table_csv_chunks(table, *, delimiter=",", bom=False) -> Iterator[str | bytes]:
    """Yield a table's CSV: written by PostgreSQL when it can write it (`database_csv_query`),
    else row by row in Python. The same bytes either way."""
    queryset = database_csv_query(table)
    if queryset is None:
        return csv_chunks(plain_rows(table), delimiter=delimiter, bom=bom)
    names = ExportPlan(table).names
    return copied_csv_chunks(queryset, names, delimiter=delimiter, bom=bom)


# The model fields whose values PostgreSQL writes as Python's csv writer does, by
# get_internal_type(). Not floats (Python writes 1000000000000000.0, PostgreSQL 1e+15), not
# date-times (Python writes UTC with its offset, a DateColumn the local day), not files, JSON.
TEXT_FIELDS = {"CharField", "TextField", "SlugField", "EmailField", "URLField"}
INTEGER_FIELDS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "PositiveBigIntegerField",
}
# str(Decimal) writes 0.0000001 as 1E-7: up to six places it writes what PostgreSQL writes.
MAX_DECIMAL_PLACES = 6
# Python's NUMBER, whole: PostgreSQL's regular expressions read this one the same way.
WHOLE_NUMBER = f"^(?:{NUMBER.pattern})$"


def database_csv_query(table):
    """Return the table's QuerySet selecting each CSV column as Python would write it, or
    None when Python must write the file.

    PostgreSQL writes it when the table's records are a QuerySet of model instances read
    from PostgreSQL (psycopg 3), without DISTINCT, UNION or GROUP BY, and every exported
    column is one the database writes exactly as Python does (`column_in_database`). The
    QuerySet is the table's own: the same filters, the same order (ties by primary key).
    """
    data = table.data.data
    if not isinstance(data, models.QuerySet) or data._iterable_class is not ModelIterable:
        return None
    connection = connections[data.db]
    if connection.vendor != "postgresql" or not _psycopg3():
        return None
    query = data.query
    if query.distinct or query.combinator or query.group_by is not None:
        return None
    columns = {}
    for number, planned in enumerate(ExportPlan(table).columns):
        expression = column_in_database(planned, data.model)
        if expression is None:
            return None
        columns[f"csv_column_{number}"] = expression
    return in_stable_order(data).annotate(**columns).values_list(*columns)


def _psycopg3() -> bool:
    # Django runs PostgreSQL on psycopg2 when psycopg 3 is missing; only psycopg 3 has copy().
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return is_psycopg3


def column_in_database(planned, model):
    """Return a database expression that PostgreSQL writes as Python writes the column's
    cells, or None when it cannot (the rule that keeps a dataset in Python).

    The column must read a stored field (`stored_field`) and hand it over as it is: no value
    function (and then not a field with choices, which Python writes as its label), or one
    marked `@stored_value` (core.datasets); its empty values are None and "" only; the field's
    type is one PostgreSQL writes as Python does (`as_python_writes`).
    """
    if any(empty is not None and empty != "" for empty in planned.empty_values):
        return None
    found = stored_field(model, str(planned.accessor))
    if found is None:
        return None
    lookup, model_field = found
    value = F(lookup)
    if model_field.choices and planned.receives_value:
        return None  # it is given the choice's label
    if not planned.passes_value_through:
        marked = getattr(planned.value, "stored_value", None)
        if marked is None:
            return None
        if marked.in_database is not None:
            value = marked.in_database(value)
    return as_python_writes(value, model_field)


def stored_field(model, accessor: str):
    """Return (lookup, field) for the stored field an accessor reaches through forward
    foreign keys (`loan__label`; `loan_id`, the key itself), or None: a method, a property,
    an annotation, a reverse or many-to-many relation, or a related object (its str())."""
    bits = accessor.split("__")
    for position, bit in enumerate(bits):
        try:
            model_field = model._meta.get_field(bit)
        except FieldDoesNotExist:
            return None
        # Reverse relations are not Fields; generic foreign keys are not concrete.
        if not isinstance(model_field, models.Field) or not model_field.concrete:
            return None
        if model_field.many_to_many:
            return None
        last = position == len(bits) - 1
        if model_field.is_relation:
            if not last:
                model = model_field.related_model
                continue
            if bit != model_field.attname or model_field.target_field.is_relation:
                return None  # the related object, not its key
            return accessor, model_field.target_field
        if not last:
            return None
    return accessor, model_field


def as_python_writes(value, model_field):
    """Return the stored value as Python's csv writer writes the cell (None: it cannot)."""
    if hasattr(model_field, "from_db_value"):
        return None  # Python reads something else than what is stored
    kind = model_field.get_internal_type()
    if kind in TEXT_FIELDS:
        return neutralised_in_database(value)
    if kind in INTEGER_FIELDS:
        return value
    if kind == "DecimalField" and model_field.decimal_places <= MAX_DECIMAL_PLACES:
        return value  # the column's scale: 1594.30, as str(Decimal) writes it
    if kind == "DateField":
        return Func(value, Value("YYYY-MM-DD"), function="to_char", output_field=CharField())
    if kind == "BooleanField":
        return Case(
            When(Exact(value, True), then=Value("True")),
            When(Exact(value, False), then=Value("False")),
            output_field=CharField(),
        )
    return None


def neutralised_in_database(text):
    """`neutralise_formula` as a database expression, with "" as unknown (NULL): a leading '
    before a formula. ascii() is the code point of the first character (0 for "")."""
    first = Func(text, function="ASCII", output_field=IntegerField())
    formula = Q(In(first, [ord(start) for start in FORMULA_STARTS])) & ~Q(Regex(text, WHOLE_NUMBER))
    return Case(
        When(formula, then=Concat(Value("'"), text)),
        default=NullIf(text, Value(""), output_field=TextField()),
        output_field=TextField(),
    )


# COPY's rows are sent on in blocks of about this size: few writes, memory flat.
COPY_BLOCK_BYTES = 64 * 1024


def copied_csv_chunks(queryset, names, *, delimiter=",", bom=False) -> Iterator[bytes]:
    """Yield the CSV PostgreSQL writes of `database_csv_query`'s rows, headed by `names`."""
    from psycopg import sql

    select, params = queryset.query.get_compiler(queryset.db).as_sql()
    statement = sql.SQL("COPY ({}) TO STDOUT (FORMAT csv, DELIMITER {})")
    header = "".join(csv_chunks(iter([names]), delimiter=delimiter, bom=bom)).encode()
    return _copied(connections[queryset.db], statement, select, params, delimiter, header)


def _copied(connection, statement, select, params, delimiter, header) -> Iterator[bytes]:
    # Runs as the response is sent, after the view returned, on the request's connection (as
    # a QuerySet's iterator() would). A reader who hangs up closes this generator: leaving
    # the `with` blocks cancels the COPY and closes the cursor.
    from psycopg import sql

    with connection.cursor() as cursor:
        # COPY takes no parameters: the values go into the statement, quoted by psycopg.
        query = sql.SQL(connection.ops.compose_sql(select, params))
        copy_sql = statement.format(query, sql.Literal(delimiter)).as_string(cursor.connection)
        with cursor.copy(copy_sql) as copy:
            rows, size = [], 0
            for row in copy:
                rows.append(row)
                size += len(row)
                if size >= COPY_BLOCK_BYTES:
                    yield header + with_crlf(rows)
                    header, rows, size = b"", [], 0
            yield header + with_crlf(rows)


def with_crlf(rows) -> bytes:
    """Join COPY's rows, each ending in a line feed, ending each in CR LF as Python's csv
    writer does. PostgreSQL sends each row as one message; a line break inside a row belongs
    to a quoted value, and stays as it is (as Python's writer leaves it)."""
    block = b"".join(rows)
    if block.count(b"\n") == len(rows):  # no line break but the rows' ends
        return block.replace(b"\n", b"\r\n")
    return b"".join(bytes(row)[:-1] + b"\r\n" for row in rows)
