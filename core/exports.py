"""CSV downloads of the tables shown on public pages: same URL with ?formato=csv."""

import csv
import hashlib
import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from openpyxl import Workbook

from core.datasets import plain_rows

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
    version = dataset.version(filters)
    etag = f'"{version}-{file_format}"'
    updated = dataset.last_updated()
    not_modified = get_conditional_response(request, etag=etag, last_modified=_timestamp(updated))
    if not_modified is not None:
        return not_modified
    kind = FORMATS[file_format]
    rows = dataset.row_values(filters, request)
    if file_format == "xlsx":
        response = FileResponse(xlsx_file(rows, dataset.key), content_type=kind.media_type)
    elif file_format == "json":
        response = StreamingHttpResponse(
            json_chunks(rows), content_type=f"{kind.media_type}; charset=utf-8"
        )
    else:
        excel = file_format == "excel.csv"
        chunks = csv_chunks(rows, delimiter=";" if excel else ",", bom=excel)
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
