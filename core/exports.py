"""CSV downloads of the tables shown on public pages: same URL with ?formato=csv."""

import csv
import re

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation

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


def table_csv_response(table, filename: str) -> HttpResponse:
    """Return a DataTable's rows as a UTF-8 CSV download: its columns' names, plain values.

    The same bytes whatever the reader's language, so a downloaded file can be imported back.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    # A byte-order mark so that spreadsheet programs read the accents right;
    # pandas and csv readers using "utf-8-sig" skip it.
    response.write("\ufeff")
    writer = csv.writer(response)
    # DataTable.as_values(): a header of column names (not the translated headers of the page);
    # texts the portal writes itself (notes, labels) in its own language, whatever the reader's.
    with translation.override(settings.LANGUAGE_CODE):
        for row in table.as_values():
            writer.writerow([neutralise_formula(value) for value in row])
    return response


def csv_url_for(request) -> str:
    """Return the current URL, same filters, asking for CSV."""
    query = request.GET.copy()
    query[CSV_FORMAT_PARAM] = CSV_FORMAT_VALUE
    return f"{request.path}?{query.urlencode()}"
