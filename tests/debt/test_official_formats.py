"""Official SHCP and INEGI files, read as published, give exactly the rows of our tidy CSVs."""

import copy
import csv
import functools
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from core.imports import ImportRejected
from core.readers import read_file
from debt.official_formats import OFFICIAL_FORMATS, recognise

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
OFFICIAL = FIXTURES / "official"
RAW = OFFICIAL / "raw"
SERIES_CSV = "shcp_saldo_obligaciones_financieras_por_entidad_1993_2015.csv"
REGISTRY_CSV = "shcp_registro_obligaciones_emprestitos_saldo_2015-06-30.csv"
EFIPEM_CSV = "inegi_efipem_estatal_deuda_participaciones_2015_2022.csv"
RAW_FORMATS = {
    "serie-historica-entidades.xls": "shcp-serie-historica",
    "serie-historica-deuda-pib-entidades.xls": "shcp-deuda-pib",
    "saldos-final-2015.xls": "shcp-acreditado-fuente-2015",
    "registro-deuda.xls": "shcp-registro-2015",
    "rpu_registro_deuda_2023.xlsx": "shcp-rpu-2023",
    "efipem_estatal_anual_tr_cifra_2022.csv": "inegi-efipem-estatal",
}
TIDY_FORMATS = {
    SERIES_CSV: "shcp-serie-historica-csv",
    "shcp_obligaciones_pct_pib_estatal_1994_2015.csv": "shcp-deuda-pib-csv",
    "shcp_obligaciones_por_acreditado_y_fuente_pago_2015.csv": "shcp-acreditado-fuente-2015-csv",
    REGISTRY_CSV: "shcp-registro-2015-csv",
    "shcp_rpu_financiamientos_obligaciones_saldo_2023-06-30.csv": "shcp-rpu-2023-csv",
    EFIPEM_CSV: "inegi-efipem-estatal-csv",
    "shcp_sistema_alertas_entidades_cp2025.csv": "shcp-sistema-alertas-2025-csv",
}
GUARANTEE = "garantía de pago oportuno: el monto es un texto, no una cifra"


@functools.cache
def table(path: Path):
    return read_file(path, path.name)


@functools.cache
def parsed(path: Path):
    return recognise(table(path)).parse(table(path))


def tidy_rows(name: str) -> list[tuple[int, dict]]:
    """Return the tidy CSV's (line, row) pairs, read with nothing but the csv module."""
    with (OFFICIAL / name).open(encoding="utf-8", newline="") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


def without_lines(rows):
    return [row for _line, row in rows]


def by_key(rows, *keys):
    return {tuple(row[key] for key in keys): row for row in rows}


@pytest.mark.parametrize(("name", "key"), [*RAW_FORMATS.items(), *TIDY_FORMATS.items()])
def test_each_official_and_tidy_file_is_recognised_by_its_content(tmp_path, name, key):
    path = RAW / name if name in RAW_FORMATS else OFFICIAL / name
    # Renamed, so only the content can tell.
    renamed = tmp_path / ("datos.xlsx" if path.suffix == ".csv" else "datos.csv")
    renamed.write_bytes(path.read_bytes())

    assert recognise(read_file(renamed, renamed.name)).key == key
    assert [fmt.key for fmt in OFFICIAL_FORMATS if fmt.recognise(table(path))] == [key]


@pytest.mark.parametrize(
    "path",
    [
        FIXTURES / "loans.csv",
        FIXTURES / "states.csv",
        FIXTURES / "gdp_states_inegi.csv",
        FIXTURES / "debt_figures.csv",
    ],
)
def test_our_other_files_are_not_taken_for_official_ones(path):
    assert recognise(table(path)) is None


def test_every_format_points_at_a_shipped_tidy_csv():
    assert {fmt.tidy_csv for fmt in OFFICIAL_FORMATS} == set(TIDY_FORMATS)
    assert len({fmt.key for fmt in OFFICIAL_FORMATS}) == len(RAW_FORMATS) + len(TIDY_FORMATS)


@pytest.mark.parametrize("name", TIDY_FORMATS)
def test_each_tidy_csv_loads_as_it_is(name):
    result = parsed(OFFICIAL / name)
    expected = tidy_rows(name)
    if name == REGISTRY_CSV:
        # The 15 guarantee rows carry text in the amount column: skipped, with their reason.
        expected = [
            (line, row) for line, row in expected if (line, GUARANTEE) not in result.skipped
        ]
        assert Counter(why for _line, why in result.skipped) == {GUARANTEE: 15}
    else:
        assert result.skipped == []

    assert result.rows == expected
    assert result.columns == list(expected[0][1])


# The tidy text of each raw number follows one rule per file, found by comparing every cell:
# - SHCP series (saldos, mdp) and 2015 balances by debtor: rounded half-up to 1 decimal, as
#   SHCP prints them, written with the decimal even when it is 0 ("682.0", "0.0").
# - SHCP series as % of GDP: rounded half-up to 4 decimals, shortest form ("1.582", "2.0").
# - 2015 registry: amounts rounded half-up to cents, whole ones without ".0" ("19415",
#   "2843.75" for 2843.750000000001); terms as whole numbers ("312").
# - RPU 2023: the float exactly as stored, shortest form ("304.3666666666667", "0.0095"),
#   whole numbers without ".0"; runs of spaces and line breaks inside text made one space.
# Python's round() gives the same text as half-up for every cell of these files.


def test_historical_series_xls_gives_the_tidy_rows_up_to_march_2015():
    expected = [
        row for row in without_lines(tidy_rows(SERIES_CSV)) if row["fecha_corte"] != "2015-12-31"
    ]

    assert without_lines(parsed(RAW / "serie-historica-entidades.xls").rows) == expected
    assert len(expected) == 33 * 23


def test_december_2015_of_the_series_is_the_total_of_the_2015_balances_file():
    """The .xls series ends in March 2015; the tidy CSV's Dec 2015 rows come from saldos-final."""
    december = [
        row for row in without_lines(tidy_rows(SERIES_CSV)) if row["fecha_corte"] == "2015-12-31"
    ]
    balances = without_lines(parsed(RAW / "saldos-final-2015.xls").rows)

    assert december == [
        {
            "cve_ent": row["cve_ent"],
            "entidad": row["entidad"],
            "anio": "2015",
            "fecha_corte": row["fecha_corte"],
            "saldo_mdp": row["total_mdp"],
        }
        for row in balances
    ]


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        (
            "serie-historica-deuda-pib-entidades.xls",
            "shcp_obligaciones_pct_pib_estatal_1994_2015.csv",
        ),
        ("saldos-final-2015.xls", "shcp_obligaciones_por_acreditado_y_fuente_pago_2015.csv"),
        (
            "rpu_registro_deuda_2023.xlsx",
            "shcp_rpu_financiamientos_obligaciones_saldo_2023-06-30.csv",
        ),
    ],
)
def test_official_spreadsheet_gives_exactly_the_tidy_rows(raw, tidy):
    assert without_lines(parsed(RAW / raw).rows) == without_lines(tidy_rows(tidy))


def test_2015_registry_gives_the_tidy_rows_and_skips_the_guarantees_with_a_reason():
    result = parsed(RAW / "registro-deuda.xls")
    tidy = tidy_rows(REGISTRY_CSV)
    guarantee_lines = {line for line, why in result.skipped if why == GUARANTEE}

    # The sheet has a title above its header, so sheet line = tidy CSV line + 1.
    assert [(line + 1, row) for line, row in tidy if line + 1 not in guarantee_lines] == result.rows
    assert len(guarantee_lines) == 15
    assert {tidy[line - 3][1]["tipo_obligacion"] for line in guarantee_lines} == {
        "GARANTÍA DE PAGO OPORTUNO"
    }
    assert dict(result.rows)[5]["saldo_al_2015_06_30"] == "1557.9"  # 1557.8999999999994 in the file
    assert dict(result.rows)[352]["fecha_inscripcion"] == "2008-12-11"  # typed with 18:00


def test_efipem_open_data_gives_the_2022_rows_of_the_tidy_csv():
    expected = [row for row in without_lines(tidy_rows(EFIPEM_CSV)) if row["anio"] == "2022"]

    assert without_lines(parsed(RAW / "efipem_estatal_anual_tr_cifra_2022.csv").rows) == expected
    assert len(expected) == 31  # INEGI publishes Mexico City in a separate file


@pytest.mark.parametrize(
    ("name", "reasons"),
    [
        (
            "serie-historica-entidades.xls",
            {
                "título o encabezado de la hoja": 4,
                "fila sin entidad ni cifras (subtítulo o separador)": 1,  # the 1000000 factor
                "nota al pie": 4,
            },
        ),
        (
            "serie-historica-deuda-pib-entidades.xls",
            {"título o encabezado de la hoja": 4, "nota al pie": 5},
        ),
        (
            "saldos-final-2015.xls",
            {
                "título o encabezado de la hoja": 5,
                "fila sin entidad ni cifras (subtítulo o separador)": 1,
                "nota al pie": 8,
            },
        ),
        (
            "registro-deuda.xls",
            {"título o encabezado de la hoja": 2, "nota al pie": 13, GUARANTEE: 15},
        ),
        (
            "rpu_registro_deuda_2023.xlsx",
            {
                "título o encabezado de la hoja": 2,
                "fila sin entidad ni cifras (subtítulo o separador)": 1,  # MESES / DÍAS
                "nota al pie": 28,
                # A lone "Banorte" typed in E3171, far below the notes.
                "después de las notas al pie, fuera de la tabla": 1,
            },
        ),
        ("efipem_estatal_anual_tr_cifra_2022.csv", {}),
    ],
)
def test_rows_the_official_file_marks_as_non_data_are_counted_with_a_reason(name, reasons):
    assert Counter(why for _line, why in parsed(RAW / name).skipped) == reasons


def test_zacatecas_figures_a_reader_would_check():
    series = by_key(
        without_lines(parsed(RAW / "serie-historica-entidades.xls").rows), "cve_ent", "fecha_corte"
    )
    balances = by_key(without_lines(parsed(RAW / "saldos-final-2015.xls").rows), "cve_ent")

    assert series["32", "2010-12-31"]["saldo_mdp"] == "682.0"
    assert series["32", "2014-12-31"]["saldo_mdp"] == "7243.3"
    assert balances["32",]["total_mdp"] == "7609.4"
    assert series["00", "2006-12-31"]["saldo_mdp"] == "160093.5"  # as quoted by the CEFP
    assert series["00", "2007-12-31"]["saldo_mdp"] == "186470.0"
    zacatecas_lines = {
        line
        for line, row in parsed(RAW / "serie-historica-entidades.xls").rows
        if row["cve_ent"] == "32"
    }
    assert zacatecas_lines == {39}  # the line a reader finds Zacatecas on in SHCP's sheet


def test_the_32_states_add_up_to_the_national_row_every_year():
    rows = without_lines(parsed(RAW / "serie-historica-entidades.xls").rows)
    states, national = Counter(), {}
    for row in rows:
        if row["cve_ent"] == "00":
            national[row["fecha_corte"]] = Decimal(row["saldo_mdp"])
        else:
            states[row["fecha_corte"]] += Decimal(row["saldo_mdp"])

    gaps = {cut_off: abs(states[cut_off] - total) for cut_off, total in national.items()}
    assert len(gaps) == 23
    assert max(gaps.values()) <= Decimal("0.2"), gaps  # SHCP: "las cifras pueden variar…"
    assert set(Counter(row["fecha_corte"] for row in rows).values()) == {33}


def test_rpu_lists_17_loans_for_zacatecas():
    rows = without_lines(parsed(RAW / "rpu_registro_deuda_2023.xlsx").rows)

    assert Counter(row["entidad"] for row in rows)["Zacatecas"] == 17
    assert len({row["entidad"] for row in rows}) == 32


def test_efipem_debt_chapter_of_zacatecas_2022_is_its_parts_including_adefas():
    row = by_key(
        without_lines(parsed(RAW / "efipem_estatal_anual_tr_cifra_2022.csv").rows), "cve_ent"
    )["32",]
    parts = [
        "amortizacion_deuda_pesos",
        "intereses_deuda_pesos",
        "comisiones_deuda_pesos",
        "gastos_deuda_pesos",
        "costo_coberturas_pesos",
        "apoyos_financieros_pesos",
        "adefas_pesos",
    ]

    assert row["egresos_cap_deuda_publica_pesos"] == "1146649989"
    assert sum(int(row[part] or 0) for part in parts) == 1146649989
    assert row["adefas_pesos"] == "430482407"  # prior-year bills: not debt service
    assert row["estatus_inegi"] == "Cifras Preliminares."


def test_descriptions_say_what_was_recognised():
    assert parsed(RAW / "serie-historica-entidades.xls").description == (
        "Serie histórica de saldos (SHCP): 759 filas, 33 entidades, 1993–2015"
    )
    assert parsed(OFFICIAL / SERIES_CSV).description == (
        "Serie histórica de saldos (SHCP), CSV ordenado: 792 filas, 33 entidades, 1993–2015"
    )
    assert parsed(RAW / "rpu_registro_deuda_2023.xlsx").sheet == "SHCP"


def test_a_windows_1252_copy_of_a_tidy_csv_loads_with_its_accents(tmp_path):
    original = OFFICIAL / "shcp_sistema_alertas_entidades_cp2025.csv"
    latin = tmp_path / "alertas.csv"
    latin.write_bytes(original.read_text(encoding="utf-8").replace(",", ";").encode("cp1252"))

    latin_table = read_file(latin, latin.name)
    result = recognise(latin_table).parse(latin_table)

    assert latin_table.encoding == "cp1252"
    assert result.rows == parsed(original).rows
    assert by_key(without_lines(result.rows), "cve_ent")["19",]["entidad"] == "Nuevo León"
    assert (
        by_key(without_lines(result.rows), "cve_ent")["16",]["evaluacion"] == "Cuenta Pública 2025"
    )


def edited(path: Path, line: int, column: int, value):
    """Return the file as read, with one cell changed."""
    changed = copy.deepcopy(table(path))
    changed.sheets[0].rows[line - 1][column] = value
    return changed


@pytest.mark.parametrize(
    ("name", "line", "column", "value", "error"),
    [
        # Zacatecas 2010 in the series.
        (
            "serie-historica-entidades.xls",
            39,
            18,
            "n.d.",
            "Fila 39, columna «saldo_mdp», valor «n.d.»: no es un número",
        ),
        # A CRÉDITO SIMPLE whose amount became text is not a guarantee: an error, not a skip.
        (
            "registro-deuda.xls",
            3,
            6,
            "Hasta 19,415",
            "Fila 3, columna «monto_original_contratado», valor «Hasta 19,415»",
        ),
        (
            "rpu_registro_deuda_2023.xlsx",
            4,
            7,
            "cero",
            "Fila 4, columna «saldo_al_2023_06_30_pesos», valor «cero»",
        ),
        (
            "saldos-final-2015.xls",
            40,
            3,
            "7,609.4",
            "Fila 40, columna «total_mdp», valor «7,609.4»",
        ),
        # A row with figures whose state nobody knows.
        (
            "serie-historica-entidades.xls",
            39,
            0,
            "Zacatecaz",
            "Fila 39, columna «entidad», valor «Zacatecaz»: no es una entidad federativa",
        ),
    ],
)
def test_unexpected_text_in_a_data_row_is_an_error_not_a_silent_drop(
    name, line, column, value, error
):
    changed = edited(RAW / name, line, column, value)

    with pytest.raises(ImportRejected, match=error):
        recognise(changed).parse(changed)


def test_unexpected_text_in_a_tidy_csv_amount_is_an_error(tmp_path):
    path = tmp_path / "rpu.csv"
    text = (OFFICIAL / "shcp_rpu_financiamientos_obligaciones_saldo_2023-06-30.csv").read_text(
        encoding="utf-8"
    )
    path.write_text(text.replace(",300000000,0,,365,", ",300000000,N/D,,365,", 1), encoding="utf-8")

    with pytest.raises(
        ImportRejected, match="Fila 2, columna «saldo_al_2023_06_30_pesos», valor «N/D»"
    ):
        recognise(table(path)).parse(table(path))


def test_parsing_a_file_of_another_layout_is_rejected():
    series = next(fmt for fmt in OFFICIAL_FORMATS if fmt.key == "shcp-serie-historica")

    with pytest.raises(ImportRejected, match="no tiene la forma de «Serie histórica de saldos"):
        series.parse(table(FIXTURES / "loans.csv"))


def test_a_tidy_csv_with_one_column_more_is_not_recognised(tmp_path):
    path = tmp_path / "alertas.csv"
    text = (OFFICIAL / "shcp_sistema_alertas_entidades_cp2025.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("\n", ",extra\n"), encoding="utf-8")

    assert recognise(table(path)) is None
