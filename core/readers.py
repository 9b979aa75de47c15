"""Read an uploaded or shipped file (CSV, XLSX, XLS) into sheets of cells.

Interim version: the full reader (format by content, any common encoding, XLS) replaces it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.imports.rows import ImportRejected, RowError


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[list]


@dataclass(frozen=True)
class TableFile:
    filename: str
    format: str
    encoding: str
    sheets: list[Sheet]


def read_file(file, filename: str) -> TableFile:
    import pandas as pd  # a heavy import, only needed when a file is loaded

    try:
        if filename.lower().endswith((".xlsx", ".xlsm")):
            frame = pd.read_excel(file, dtype=str, header=None, engine="openpyxl")
            fmt, encoding = "xlsx", ""
        else:
            frame = pd.read_csv(file, dtype=str, header=None, encoding="utf-8-sig")
            fmt, encoding = "csv", "utf-8"
    except Exception as error:  # noqa: BLE001
        raise ImportRejected([RowError(1, "", "", _("no se pudo leer: %s") % error)]) from error
    rows = [[None if pd.isna(cell) else str(cell).strip() for cell in row] for row in frame.values]
    return TableFile(filename, fmt, encoding, [Sheet("", rows)])


def _text(cell) -> str:
    if cell is None:
        return ""
    return str(cell).strip().removesuffix(" 00:00:00")


def header_and_rows(sheet: Sheet, header_line: int = 1):
    if len(sheet.rows) < header_line:
        return [], []
    header = [_text(cell) for cell in sheet.rows[header_line - 1]]
    rows = []
    for line, cells in enumerate(sheet.rows[header_line:], start=header_line + 1):
        values = [_text(cell) for cell in cells]
        if any(values):
            pairs = zip(header, values, strict=False)
            rows.append((line, {name: value for name, value in pairs if name}))
    return header, rows
