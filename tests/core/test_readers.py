"""Reading CSV, XLSX and XLS as published: format by content, any encoding, clear rejections."""

import datetime
import io
import random
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.imports import ImportRejected
from core.readers import Sheet, header_and_rows, read_file

RAW = Path(__file__).resolve().parents[2] / "fixtures" / "official" / "raw"
SERIES_XLS = RAW / "serie-historica-entidades.xls"
ALERTAS_CSV = RAW.parent / "shcp_sistema_alertas_entidades_cp2025.csv"


def xlsx_bytes(cells: dict) -> bytes:
    """Return an XLSX whose only sheet holds {"B3": value, ...}."""
    workbook = Workbook()
    for address, value in cells.items():
        workbook.active[address] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_without_sheets() -> bytes:
    """Return a well-formed XLSX package whose workbook lists no sheet."""
    buffer = io.BytesIO()
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        package.writestr("xl/workbook.xml", f'<workbook xmlns="{main}"><sheets/></workbook>')
        package.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{rels}"/>')
    return buffer.getvalue()


def test_official_xls_cells_keep_their_types():
    table = read_file(SERIES_XLS, SERIES_XLS.name)

    assert (table.format, table.encoding, [s.name for s in table.sheets]) == ("xls", "", ["125"])
    rows = table.sheets[0].rows
    assert rows[38][0] == "Zacatecas"
    assert rows[38][18] == 682.0  # 2010, as SHCP typed it
    assert rows[11][0] == "Coahuila"  # "Coahuila " in the file: text comes stripped
    assert rows[6][0] is None  # an empty cell is None, not ""
    assert rows[3][23] == "Marzo 2015"


def test_xls_dates_are_dates():
    path = RAW / "registro-deuda.xls"
    rows = read_file(path, path.name).sheets[0].rows

    assert rows[2][:5] == [
        "OAXACA",
        "ZIMATLÁN DE ALVAREZ",
        "BANOBRAS",
        "CRÉDITO SIMPLE",
        datetime.date(1980, 3, 17),
    ]


def test_format_is_decided_by_content_not_by_name(tmp_path):
    misnamed_xls = tmp_path / "serie.csv"
    misnamed_xls.write_bytes(SERIES_XLS.read_bytes())
    misnamed_xlsx = tmp_path / "tabla.xls"
    misnamed_xlsx.write_bytes(xlsx_bytes({"A1": "cve_ent"}))
    misnamed_csv = tmp_path / "tabla.xlsx"
    misnamed_csv.write_text("cve_ent,entidad\n32,Zacatecas\n", encoding="utf-8")

    assert read_file(misnamed_xls, misnamed_xls.name).format == "xls"
    assert read_file(misnamed_xlsx, misnamed_xlsx.name).format == "xlsx"
    assert read_file(misnamed_csv, misnamed_csv.name).format == "csv"


def test_a_binary_file_object_reads_like_a_path():
    with SERIES_XLS.open("rb") as handle:
        from_handle = read_file(handle, "upload.xls")

    assert from_handle.sheets == read_file(SERIES_XLS, SERIES_XLS.name).sheets


def test_xlsx_lines_match_the_spreadsheet_even_with_empty_rows_above():
    table = read_file(io.BytesIO(xlsx_bytes({"C3": "  total ", "D5": 1.5})), "t.xlsx")

    rows = table.sheets[0].rows
    assert rows[2][2] == "total"
    assert rows[4][3] == 1.5
    assert rows[0] == [None, None, None, None]


def test_csv_cells_are_stripped_text_and_empty_cells_are_none():
    table = read_file(io.BytesIO(b"a,b,c\n 1 ,,x\n"), "t.csv")

    assert (table.format, table.encoding) == ("csv", "utf-8")
    assert table.sheets == [Sheet("t", [["a", "b", "c"], ["1", None, "x"]])]


def test_utf8_with_bom_reads_without_the_bom():
    table = read_file(io.BytesIO("\ufeffentidad\nMichoacán\n".encode()), "t.csv")

    assert table.sheets[0].rows == [["entidad"], ["Michoacán"]]
    assert table.encoding == "utf-8"


def test_windows_1252_csv_keeps_its_accents():
    text = "entidad;deuda\nNuevo León;61179.6\nMichoacán;17329.7\n"
    table = read_file(io.BytesIO(text.encode("cp1252")), "t.csv")

    assert table.encoding == "cp1252"
    assert table.sheets[0].rows[1:] == [["Nuevo León", "61179.6"], ["Michoacán", "17329.7"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b\n1,5;2\n", [["a", "b"], ["1,5", "2"]]),
        ("a\tb\n1\t2\n", [["a", "b"], ["1", "2"]]),
        ('a,b\n"7,698.65",2\n', [["a", "b"], ["7,698.65", "2"]]),
    ],
)
def test_csv_delimiter_is_detected(text, expected):
    assert read_file(io.BytesIO(text.encode()), "t.csv").sheets[0].rows == expected


def _png():
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def _truncated_xls():
    return SERIES_XLS.read_bytes()[:4096]


def _ole2_header_then_garbage():
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(7).randbytes(3000)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vacio.csv", lambda: b"", "el archivo está vacío"),
        ("espacios.csv", lambda: b" \r\n\t\n", "el archivo está vacío"),
        ("ruido.xlsx", lambda: random.Random(1).randbytes(2000), "no es una hoja de cálculo"),
        ("foto.csv", _png, "es una imagen PNG"),
        ("nulos.csv", lambda: b"a,b\n1,\x00\x00\x002\n", "el contenido es binario"),
        ("cortado.xls", _truncated_xls, "no se pudo leer como hoja de cálculo XLS"),
        ("dañado.xls", _ole2_header_then_garbage, "no se pudo leer como hoja de cálculo XLS"),
        ("zip.xlsx", lambda: b"PK\x03\x04" + bytes(200), "no se pudo leer como hoja de cálculo"),
        ("sin_hojas.xlsx", xlsx_without_sheets, "no tiene ninguna hoja"),
        ("vacia.xlsx", lambda: xlsx_bytes({}), "no tiene ninguna celda con datos"),
        ("informe.csv", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "es un PDF"),
    ],
)
def test_unreadable_files_are_rejected_with_a_spanish_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content())

    with pytest.raises(ImportRejected) as rejected:
        read_file(path, name)

    assert message in str(rejected.value)
    assert rejected.value.errors[0].value == name


def test_corrupted_spreadsheets_only_ever_raise_import_rejected():
    """Flip bytes, cut and overwrite blocks of real files: a bad upload never crashes a page."""
    generator = random.Random(2026)
    originals = [SERIES_XLS.read_bytes(), xlsx_bytes({"A1": "x", "B2": 3.5, "C3": "ñ"})]
    outcomes = set()
    for original in originals:
        for attempt in range(40):
            data = bytearray(original)
            if attempt % 2:
                data = data[: generator.randrange(8, len(data))]
            else:
                for _ in range(40):
                    data[generator.randrange(8, len(data))] = generator.randrange(256)
            try:
                read_file(io.BytesIO(bytes(data)), "archivo.xlsx")
                outcomes.add("read")
            except ImportRejected:
                outcomes.add("rejected")

    assert "rejected" in outcomes


def test_header_and_rows_gives_text_as_a_person_typed_it():
    data = xlsx_bytes(
        {
            "A1": " cve_ent ",
            "B1": "saldo",
            "C1": "fecha",
            "D1": "hora",
            "A2": "32",
            "B2": 682.0,
            "C2": datetime.date(2011, 8, 19),
            "D2": datetime.datetime(2011, 8, 19, 0, 0),
            "A4": "32",
            "B4": 7698.65,
            "C4": datetime.datetime(2008, 12, 11, 18, 0),
        }
    )
    header, rows = header_and_rows(read_file(io.BytesIO(data), "t.xlsx").sheets[0])

    assert header == ["cve_ent", "saldo", "fecha", "hora"]
    assert rows == [
        (2, {"cve_ent": "32", "saldo": "682", "fecha": "2011-08-19", "hora": "2011-08-19"}),
        (4, {"cve_ent": "32", "saldo": "7698.65", "fecha": "2008-12-11 18:00:00", "hora": ""}),
    ]


def test_header_and_rows_reads_a_header_further_down():
    sheet = Sheet("s", [["Título"], [None], ["a", "b"], [1.0, 2.5], [None, None]])

    assert header_and_rows(sheet, header_line=3) == (["a", "b"], [(4, {"a": "1", "b": "2.5"})])


def test_header_and_rows_reads_our_tidy_csv():
    header, rows = header_and_rows(read_file(ALERTAS_CSV, ALERTAS_CSV.name).sheets[0])

    assert len(rows) == 31  # Tlaxcala has no registered debt, so SHCP does not measure it
    assert header[:4] == ["cve_ent", "entidad", "evaluacion", "resultado"]
    assert rows[-1] == (
        32,
        dict(
            zip(
                header,
                [
                    "32",
                    "Zacatecas",
                    "Cuenta Pública 2025",
                    "Endeudamiento Sostenible",
                    "0.403",
                    "0.052",
                    "-0.054",
                    "6394647961.13",
                    "15868003463.92",
                ],
                strict=True,
            )
        ),
    )


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["a", "a"], ["1", "2"]], "esta columna está repetida en el encabezado"),
        ([["a", None], ["1", "2"]], "hay un valor en una columna sin encabezado"),
        ([["a"], ["1", "2"]], "hay un valor en una columna sin encabezado"),
        ([], "falta el encabezado"),
    ],
)
def test_header_and_rows_never_loses_a_value_silently(rows, message):
    with pytest.raises(ImportRejected, match=message):
        header_and_rows(Sheet("s", rows))
