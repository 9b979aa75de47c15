"""Shared pieces of file imports: row-level errors and reading CSV rows with line numbers."""

import csv
import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file. `line` is the spreadsheet line (the header is line 1)."""

    line: int
    column: str
    value: str
    message: str

    def __str__(self):
        return _("Fila %(line)s, columna «%(column)s», valor «%(value)s»: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


class ImportRejected(Exception):
    """The file has errors; nothing was written."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


def read_csv_rows(text: str, required_columns) -> list[tuple[int, dict]]:
    """Return (line number, row) pairs; reject the file if a required column is missing."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [column for column in required_columns if column not in header]
    if missing:
        raise ImportRejected(
            RowError(1, column, "", _("falta esta columna en el encabezado")) for column in missing
        )
    reader.fieldnames = header
    return [
        (line, {key: (value or "").strip() for key, value in row.items() if key})
        for line, row in enumerate(reader, start=2)
    ]


XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Excel cells holding dates come back as "2011-08-19 00:00:00".
_EXCEL_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$")


def read_table(file, filename: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """Return (header, [(line, row)]) from a CSV (UTF-8) or XLSX file; every value a string."""
    import pandas as pd  # a heavy import, only needed when a file is loaded

    if filename.lower().endswith(XLSX_SUFFIXES):
        frame = pd.read_excel(file, dtype=str, engine="openpyxl").fillna("")
    else:
        frame = pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [str(column).strip() for column in frame.columns]
    rows = []
    for line, record in enumerate(frame.to_dict(orient="records"), start=2):
        row = {}
        for key, value in record.items():
            text = str(value).strip()
            row[key] = _EXCEL_MIDNIGHT.sub(r"\1", text)
        rows.append((line, row))
    return list(frame.columns), rows


class _RollBack(Exception):
    def __init__(self, result):
        self.result = result


def atomic_import(run, *, dry_run=False):
    """Run an import in one transaction; with dry_run, roll it back and return its summary.

    The preview is the real import, undone: it reports exactly what confirming will do.
    """
    try:
        with transaction.atomic():
            result = run()
            if dry_run:
                raise _RollBack(result)
    except _RollBack as preview:
        return preview.result
    return result
