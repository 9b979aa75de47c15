"""Read CSV, XLSX and XLS files as published into plain rows of cells, whatever their encoding."""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from core.imports.rows import ImportRejected, RowError


@dataclass(frozen=True)
class Sheet:
    """One sheet: cells as the file holds them (None when empty, str stripped)."""

    name: str
    rows: list[list]


@dataclass(frozen=True)
class TableFile:
    """A file read as it is: its format ("csv", "xlsx", "xls"), CSV encoding and sheets."""

    filename: str
    format: str
    encoding: str
    sheets: list[Sheet]


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# What people upload by mistake, named so the message can say what the file really is.
OTHER_MAGIC = {
    b"\x89PNG": "una imagen PNG",
    b"\xff\xd8\xff": "una imagen JPEG",
    b"GIF8": "una imagen GIF",
    b"%PDF": "un PDF",
    b"\x1f\x8b": "un archivo comprimido GZIP",
}
CSV_DELIMITERS = (",", ";", "\t")
# Controls that never appear in a text table; \x1a is the old DOS end-of-file mark, tolerated.
_BINARY_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x19\x1b-\x1f]")


def _rejected(filename: str, message: str) -> ImportRejected:
    # Line 0: the problem is the whole file, not one of its rows.
    return ImportRejected([RowError(0, "", filename, message)])


def _read_bytes(file) -> bytes:
    if isinstance(file, (str, Path)):
        return Path(file).read_bytes()
    data = file.read()
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def read_file(file, filename: str) -> TableFile:
    """Read a path or binary file object; decide CSV, XLSX or XLS by content, then by name."""
    try:
        data = _read_bytes(file)
    except OSError as error:
        message = _("no se pudo leer el archivo: %(error)s") % {"error": error}
        raise _rejected(filename, message) from error
    if not data.strip():
        raise _rejected(filename, _("el archivo está vacío"))
    if data.startswith(OLE2_MAGIC):
        return _read_workbook(data, filename, "xls")
    if data.startswith(ZIP_MAGIC):
        return _read_workbook(
            data, filename, "ods" if filename.lower().endswith(".ods") else "xlsx"
        )
    for magic, what in OTHER_MAGIC.items():
        if data.startswith(magic):
            raise _rejected(
                filename, _("el archivo es %(what)s, no una tabla CSV, XLSX o XLS") % {"what": what}
            )
    # Text is read as CSV whatever its name: offices often publish CSV or TSV named .xls.
    return _read_csv(data, filename)


def _read_workbook(data: bytes, filename: str, file_format: str) -> TableFile:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [
            Sheet(name, [_clean_row(row) for row in _sheet_rows(workbook, name)])
            for name in workbook.sheet_names
        ]
    # calamine raises CalamineError, XmlError, ZipError... depending on where the file breaks.
    except Exception as error:
        raise _rejected(
            filename,
            _(
                "no se pudo leer como hoja de cálculo %(format)s (¿archivo dañado o incompleto?): "
                "%(error)s"
            )
            % {"format": file_format.upper(), "error": error},
        ) from error
    if not sheets:
        raise _rejected(filename, _("la hoja de cálculo no tiene ninguna hoja"))
    if not any(any(cell is not None for cell in row) for sheet in sheets for row in sheet.rows):
        raise _rejected(filename, _("la hoja de cálculo no tiene ninguna celda con datos"))
    return TableFile(filename, file_format, "", sheets)


def _sheet_rows(workbook, name):
    # skip_empty_area=False keeps leading empty rows and columns, so line 1 is the sheet's row 1.
    return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)


def _clean_row(row) -> list:
    return [_clean_cell(cell) for cell in row]


def _clean_cell(cell):
    if isinstance(cell, str):
        return cell.strip() or None
    return cell


def _decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (with or without BOM) if it decodes, else Windows-1252."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # Five bytes are undefined in cp1252; Latin-1 maps every byte.
        return data.decode("latin-1"), "latin-1"


def _delimiter(text: str) -> str:
    """Return the delimiter that splits the first line into the most fields."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    return max(CSV_DELIMITERS, key=lambda d: len(next(csv.reader([first_line], delimiter=d))))


def _read_csv(data: bytes, filename: str) -> TableFile:
    text, encoding = _decode(data)
    if _BINARY_CONTROL.search(text):
        raise _rejected(
            filename,
            _("el contenido es binario: no es una hoja de cálculo (XLSX, XLS) ni un texto CSV"),
        )
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as error:
        raise _rejected(
            filename, _("no se pudo leer como CSV: %(error)s") % {"error": error}
        ) from error
    sheet = Sheet(Path(filename).stem, [_clean_row(row) for row in rows])
    return TableFile(filename, "csv", encoding, [sheet])


def cell_text(cell) -> str:
    """Return a cell as text: "" for None, 682.0 -> "682", 7698.65 -> "7698.65", dates in ISO."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, float):
        # repr is the shortest text that reads back as the same float.
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime.datetime):
        if cell.time() == datetime.time(0, 0):
            return cell.date().isoformat()
        return cell.isoformat(sep=" ")
    if isinstance(cell, (datetime.date, datetime.time)):
        return cell.isoformat()
    return str(cell)


def header_of(sheet: Sheet, header_line: int = 1) -> list[str]:
    """Return the names in the sheet's header row, as text, without trailing empty cells."""
    if len(sheet.rows) < header_line:
        raise ImportRejected(
            [RowError(header_line, "", "", _("falta el encabezado: la hoja no llega a esta fila"))]
        )
    header = [cell_text(cell) for cell in sheet.rows[header_line - 1]]
    while header and not header[-1]:
        header.pop()
    return header


def header_and_rows(
    sheet: Sheet, header_line: int = 1
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Return (header, [(line, row)]) with every value as text, leaving out empty rows."""
    header = header_of(sheet, header_line)
    errors = [
        RowError(header_line, name, name, _("esta columna está repetida en el encabezado"))
        for index, name in enumerate(header)
        if name and name in header[:index]
    ]
    rows = []
    # Translated once: a foreign spreadsheet tried against a layout can hold a million strays.
    stray_value = _("hay un valor en una columna sin encabezado")
    for line, cells in enumerate(sheet.rows[header_line:], start=header_line + 1):
        values = [cell_text(cell) for cell in cells]
        if not any(values):
            continue
        # One message per row, naming its first value outside the header.
        stray = next(
            (
                value
                for index, value in enumerate(values)
                if value and (index >= len(header) or not header[index])
            ),
            None,
        )
        if stray is not None:
            errors.append(RowError(line, "", stray, stray_value))
        values += [""] * (len(header) - len(values))
        rows.append((line, dict(zip(header, values, strict=False))))
    if errors:
        raise ImportRejected(errors)
    return header, rows
