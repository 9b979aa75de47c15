"""Recognise SHCP's and INEGI's spreadsheets by their content and turn them into tidy rows.

Each official file (and our tidy CSV of it in fixtures/official/) gives exactly the rows of the
tidy CSV, as text written the way that CSV writes it. Nothing here touches the database.
"""

import calendar
import datetime
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import fold
from core.imports import ImportRejected, RowError
from core.readers import Sheet, TableFile, cell_text, header_and_rows


@dataclass
class ParsedFile:
    """What a file was recognised as, and its tidy rows (as text) with their sheet lines."""

    format_key: str
    description: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]
    skipped: list[tuple[int, str]]
    sheet: str


@dataclass(frozen=True)
class OfficialFormat:
    """One file layout: how to recognise it by content and how to parse it into tidy rows."""

    key: str
    label: str
    tidy_csv: str
    recognise: Callable[[TableFile], bool]
    parse: Callable[[TableFile], ParsedFile]


# INEGI code -> the name the tidy CSVs use, then other spellings official files print.
STATES = {
    "00": ("Total nacional", "Total", "T O T A L"),
    "01": ("Aguascalientes",),
    "02": ("Baja California",),
    "03": ("Baja California Sur",),
    "04": ("Campeche",),
    "05": ("Coahuila", "Coahuila de Zaragoza"),
    "06": ("Colima",),
    "07": ("Chiapas",),
    "08": ("Chihuahua",),
    "09": ("Ciudad de México", "Distrito Federal"),
    "10": ("Durango",),
    "11": ("Guanajuato",),
    "12": ("Guerrero",),
    "13": ("Hidalgo",),
    "14": ("Jalisco",),
    "15": ("México", "Estado de México"),
    "16": ("Michoacán", "Michoacán de Ocampo"),
    "17": ("Morelos",),
    "18": ("Nayarit",),
    "19": ("Nuevo León",),
    "20": ("Oaxaca",),
    "21": ("Puebla",),
    "22": ("Querétaro", "Querétaro de Arteaga"),
    "23": ("Quintana Roo",),
    "24": ("San Luis Potosí",),
    "25": ("Sinaloa",),
    "26": ("Sonora",),
    "27": ("Tabasco",),
    "28": ("Tamaulipas",),
    "29": ("Tlaxcala",),
    "30": ("Veracruz", "Veracruz de Ignacio de la Llave"),
    "31": ("Yucatán",),
    "32": ("Zacatecas",),
}
_STATE_CODES = {fold(name): code for code, names in STATES.items() for name in names}
# SHCP marks footnotes after a label: "Aguascalientes 1_/", "ACREDITADO 2/", "PAGO1_/ 2_/".
_FOOTNOTE_MARKS = re.compile(r"(\s*\d+_?/)+$")
# Where SHCP's notes start: "Nota:", "Fuente:", "1_/ El saldo…", "*Los datos del PIBE…".
_NOTE = re.compile(r"^(nota|fuente|\*|\d+_?/)")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
_MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
HEADER_SEARCH_ROWS = 15


def _text(cell) -> str:
    """Return a cell as text with runs of spaces and line breaks made one space."""
    return " ".join(cell_text(cell).split())


def _label(cell) -> str:
    return fold(_FOOTNOTE_MARKS.sub("", _text(cell)))


def state_code(name) -> str | None:
    """Return the INEGI code of a state name as SHCP or INEGI print it, or None."""
    return _STATE_CODES.get(_label(name))


def _is_number(cell) -> bool:
    return isinstance(cell, (int, float)) and not isinstance(cell, bool) and math.isfinite(cell)


def _pick(cells: list, columns: dict[int, str], convert: Callable, by_column=None) -> dict:
    """Return {column: text} from the cells at the given indexes, converted for each column."""
    by_column = by_column or {}
    return {
        column: by_column.get(column, convert)(cells[index] if index < len(cells) else None)
        for index, column in columns.items()
    }


def _rounded(places: int, *, whole_as_int: bool) -> Callable:
    """Return a converter that rounds numbers half-up to `places` decimals, as ROUND() does."""

    def convert(cell):
        if not _is_number(cell):
            return _text(cell)
        step = Decimal(1).scaleb(-places)
        value = float(Decimal(repr(cell)).quantize(step, ROUND_HALF_UP))
        return cell_text(value) if whole_as_int else repr(value)

    return convert


def _listed(cell) -> str:
    """A cell that lists one item per line, as «a; b»: the RPU prints a loan's several sources
    of payment one per line, and one space between them would read as a single source."""
    return "; ".join(_text(line) for line in cell_text(cell).splitlines() if line.strip())


def _day(cell) -> str:
    # Some registry dates carry a stray time of day (2015 registry line 352: 2008-12-11 18:00);
    # the tidy CSV keeps the date.
    return _text(cell.date() if isinstance(cell, datetime.datetime) else cell)


def _top_text(sheet: Sheet, header_line: int) -> str:
    return fold(" ".join(_text(cell) for row in sheet.rows[:header_line] for cell in row))


def _body(sheet: Sheet, header_line: int, value_columns):
    """Split the rows under the header into state rows and rows the sheet marks as non-data.

    Return ([(line, {"cve_ent": …, "entidad": …}, cells)], [(line, why)]); a row with a
    figure in a value column but no known state is an error, never dropped.
    """
    skipped = [
        (line, _("título o encabezado de la hoja"))
        for line, cells in enumerate(sheet.rows[:header_line], start=1)
        if any(cell is not None for cell in cells)
    ]
    entity_columns = Counter(
        index
        for cells in sheet.rows[header_line:]
        for index, cell in enumerate(cells)
        if state_code(cell)
    )
    entity = entity_columns.most_common(1)[0][0] if entity_columns else 0
    data, errors, in_notes = [], [], False
    for line, cells in enumerate(sheet.rows[header_line:], start=header_line + 1):
        texts = [_text(cell) for cell in cells]
        if not any(texts):
            continue
        name = texts[entity] if entity < len(texts) else ""
        code = state_code(name)
        is_note = bool(_NOTE.match(fold(next(text for text in texts if text))))
        in_notes = in_notes or is_note
        if is_note:
            skipped.append((line, _("nota al pie")))
        elif in_notes:
            # SHCP's notes close the table: what follows them is not data.
            skipped.append((line, _("después de las notas al pie, fuera de la tabla")))
        elif code:
            clean_name = STATES["00"][0] if code == "00" else _FOOTNOTE_MARKS.sub("", name)
            data.append((line, {"cve_ent": code, "entidad": clean_name}, cells))
        elif not any(_is_number(cells[i]) for i in value_columns if i < len(cells) and i != entity):
            skipped.append((line, _("fila sin entidad ni cifras (subtítulo o separador)")))
        else:
            errors.append(RowError(line, "entidad", name, _("no es una entidad federativa")))
    if errors:
        raise ImportRejected(errors)
    return data, skipped


def _period(cell) -> tuple[str, str] | None:
    """Return (year, cut-off date) from a period header: 1993 -> Dec 31; "Marzo 2015" -> Mar 31."""
    if _is_number(cell) and float(cell).is_integer() and 1900 < cell < 2100:
        return str(int(cell)), f"{int(cell)}-12-31"
    match = re.fullmatch(r"([a-z]+) (\d{4})", fold(_text(cell)))
    if match and match[1] in _MONTHS:
        year, month = int(match[2]), _MONTHS.index(match[1]) + 1
        return str(year), datetime.date(
            year, month, calendar.monthrange(year, month)[1]
        ).isoformat()
    return None


@dataclass(frozen=True)
class _PeriodSeries:
    """SHCP's series: one row per state, one column per year-end (and a last month)."""

    cues: tuple[str, ...]
    value_column: str
    places: int

    def find(self, sheet: Sheet) -> int | None:
        for line, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], start=1):
            filled = [cell for cell in cells[1:] if cell is not None]
            if len(filled) >= 3 and all(map(_period, filled)):
                return line if all(cue in _top_text(sheet, line) for cue in self.cues) else None
        return None

    def rows(self, sheet: Sheet, header_line: int):
        periods = {
            index: period
            for index, cell in enumerate(sheet.rows[header_line - 1])
            if index and (period := _period(cell))
        }
        data, skipped = _body(sheet, header_line, periods)
        figure = _rounded(self.places, whole_as_int=False)
        rows = [
            (line, {**state, "anio": year, "fecha_corte": cut_off, self.value_column: figure(cell)})
            for line, state, cells in data
            for index, (year, cut_off) in periods.items()
            # An empty cell is a period without a figure: no row, as in the tidy CSV.
            if (cell := cells[index] if index < len(cells) else None) is not None
        ]
        return rows, skipped


# SHCP's 2015 balances by debtor (group header) and source of payment (column header).
_DEBTORS = {
    "gobierno de la entidad federativa": "gob_estatal",
    "organismos estatales": "org_estatales",
    "municipios": "municipios",
    "organismos municipales": "org_municipales",
}
ACREDITADO_AMOUNTS = (
    "total_mdp",
    *(
        f"gob_estatal_{source}"
        for source in ("subtotal", "participaciones", "aportaciones", "ingresos_propios")
    ),
    *(f"org_estatales_{source}" for source in ("subtotal", "participaciones", "ingresos_propios")),
    *(
        f"municipios_{source}"
        for source in ("subtotal", "participaciones", "aportaciones", "ingresos_propios")
    ),
    *(
        f"org_municipales_{source}"
        for source in ("subtotal", "participaciones", "ingresos_propios")
    ),
)


@dataclass(frozen=True)
class _DebtorsBySource:
    """SHCP's balances by debtor × source of payment: two header rows, one row per state."""

    cues: tuple[str, ...]

    @staticmethod
    def columns(sheet: Sheet, line: int) -> dict[int, str]:
        """Map column index -> tidy column from a group row (line - 1) and a source row."""
        mapped, debtor = {}, ""
        groups = sheet.rows[line - 2] if line > 1 else []
        for index, cell in enumerate(sheet.rows[line - 1]):
            debtor = _label(groups[index]) if index < len(groups) and groups[index] else debtor
            source = _label(cell)
            if source == "total":
                mapped[index] = "total_mdp"
            elif source and debtor in _DEBTORS:
                mapped[index] = f"{_DEBTORS[debtor]}_{source.replace(' ', '_')}"
        return mapped

    def find(self, sheet: Sheet) -> int | None:
        for line in range(2, min(len(sheet.rows), HEADER_SEARCH_ROWS) + 1):
            if sorted(self.columns(sheet, line).values()) == sorted(ACREDITADO_AMOUNTS):
                top = _top_text(sheet, line)
                return line if all(cue in top for cue in self.cues) and self._year(top) else None
        return None

    @staticmethod
    def _year(top_text: str) -> str | None:
        match = re.search(r"saldos al cierre de (\d{4})", top_text)
        return match[1] if match else None

    def rows(self, sheet: Sheet, header_line: int):
        cut_off = f"{self._year(_top_text(sheet, header_line))}-12-31"
        columns = self.columns(sheet, header_line)
        data, skipped = _body(sheet, header_line, columns)
        figure = _rounded(1, whole_as_int=False)
        rows = [
            (line, {**state, "fecha_corte": cut_off, **_pick(cells, columns, figure)})
            for line, state, cells in data
        ]
        return rows, skipped


@dataclass(frozen=True)
class _Registry:
    """A loan registry: a header row SHCP prints with footnote marks, one loan per row."""

    fields: tuple[tuple[str, str], ...]  # (header as printed, without footnote marks; column)
    cents: tuple[str, ...] = ()  # columns the tidy CSV rounds to cents
    listed: tuple[str, ...] = ()  # columns whose cells list one item per line

    def find(self, sheet: Sheet) -> int | None:
        expected = [fold(label) for label, _column in self.fields]
        for line, cells in enumerate(sheet.rows[:HEADER_SEARCH_ROWS], start=1):
            labels = [_label(cell) for cell in cells]
            while labels and not labels[-1]:
                labels.pop()
            if labels == expected:
                return line
        return None

    def rows(self, sheet: Sheet, header_line: int):
        data, skipped = _body(sheet, header_line, range(len(self.fields)))
        cents = _rounded(2, whole_as_int=True)
        by_column = {**dict.fromkeys(self.cents, cents), **dict.fromkeys(self.listed, _listed)}
        columns = dict(enumerate(column for _label_text, column in self.fields))
        rows = [(line, _pick(cells, columns, _day, by_column)) for line, _state, cells in data]
        return rows, skipped


@dataclass(frozen=True)
class _InegiLong:
    """INEGI's open-data CSV: one row per state, year and budget line; pivot the lines we use."""

    header: tuple[str, ...]
    items: tuple[tuple[str, tuple[str, str, str]], ...]  # (column, (TEMA, CATEGORIA, DESCRIPCION))

    def find(self, sheet: Sheet) -> int | None:
        rows = sheet.rows
        matches = len(rows) > 1 and tuple(map(cell_text, rows[0])) == self.header
        # The municipal file has the same columns; its COBERTURA says "Municipal".
        return 1 if matches and cell_text((rows[1] + [None, None])[1]) == "Estatal" else None

    def rows(self, sheet: Sheet, header_line: int):
        wanted = {item: column for column, item in self.items}
        by_state, errors = {}, []
        for line, record in header_and_rows(sheet, header_line)[1]:
            code = record["ID_ENTIDAD"]
            if code not in STATES or code == "00":
                errors.append(
                    RowError(line, "ID_ENTIDAD", code, _("no es una clave INEGI de estado"))
                )
                continue
            line_and_row = by_state.setdefault(
                (record["ANIO"], code),
                (
                    line,
                    {
                        "anio": record["ANIO"],
                        "cve_ent": code,
                        "entidad": STATES[code][0],
                        **dict.fromkeys(wanted.values(), ""),
                        "estatus_inegi": record["ESTATUS"],
                    },
                ),
            )
            item = (record["TEMA"], record["CATEGORIA"], record["DESCRIPCION_CATEGORIA"])
            if item in wanted:
                line_and_row[1][wanted[item]] = record["VALOR"]
        if errors:
            raise ImportRejected(errors)
        return list(by_state.values()), []


@dataclass(frozen=True)
class _Tidy:
    """One of our tidy CSVs: recognised by its exact header."""

    columns: tuple[str, ...]

    def find(self, sheet: Sheet) -> int | None:
        header = [cell_text(cell) for cell in sheet.rows[0]] if sheet.rows else []
        while header and not header[-1]:
            header.pop()
        return 1 if tuple(header) == self.columns else None

    def rows(self, sheet: Sheet, header_line: int):
        return header_and_rows(sheet, header_line)[1], []


def _guarantee(row: dict) -> str:
    # The 2015 registry writes a guarantee's reach as text where the amount goes
    # ("Hasta el 45% de la Emisión…"): a guarantee, not a loan with a figure.
    if fold(row["tipo_obligacion"]) == "garantia de pago oportuno":
        return _("garantía de pago oportuno: el monto es un texto, no una cifra")
    return ""


@dataclass(frozen=True)
class _Dataset:
    """One tidy CSV of fixtures/official/: its columns, which hold figures, its raw layout."""

    key: str
    label: str
    tidy_csv: str
    columns: tuple[str, ...]
    amounts: tuple[str, ...]
    raw: object = None  # reader of the official file (find + rows), None if we have no raw file
    non_data: Callable[[dict], str] = lambda row: ""  # noqa: E731 - why a row is not data


def _keep_data(dataset: _Dataset, rows):
    """Split rows into data and rows marked non-data; text in an amount column is an error."""
    kept, skipped, errors = [], [], []
    for line, row in rows:
        row = {column: row[column] for column in dataset.columns}
        wrong = [c for c in dataset.amounts if row[c] and not _NUMBER.match(row[c])]
        why = dataset.non_data(row) if wrong else ""
        if why:
            skipped.append((line, why))
        elif wrong:
            errors += [RowError(line, c, row[c], _("no es un número")) for c in wrong]
        else:
            kept.append((line, row))
    if errors:
        raise ImportRejected(errors)
    return kept, skipped


def _describe(label: str, rows) -> str:
    entities = {row.get("cve_ent") or row.get("entidad") for _line, row in rows}
    years = sorted({(row.get("anio") or row.get("fecha_corte", ""))[:4] for _l, row in rows} - {""})
    parts = [
        _("%(count)s filas") % {"count": len(rows)},
        _("%(count)s entidades") % {"count": len(entities)},
    ]
    if years:
        parts.append(years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}")
    return f"{label}: {', '.join(parts)}"


def _official_format(dataset: _Dataset, reader, key: str, label: str) -> OfficialFormat:
    def locate(table_file: TableFile):
        for sheet in table_file.sheets:
            if (header_line := reader.find(sheet)) is not None:
                return sheet, header_line
        return None

    def parse(table_file: TableFile) -> ParsedFile:
        located = locate(table_file)
        if located is None:
            message = _("no tiene la forma de «%(label)s»") % {"label": label}
            raise ImportRejected([RowError(0, "", table_file.filename, message)])
        sheet, header_line = located
        rows, skipped = reader.rows(sheet, header_line)
        kept, non_data = _keep_data(dataset, rows)
        skipped = sorted(skipped + non_data)
        return ParsedFile(
            key, _describe(label, kept), list(dataset.columns), kept, skipped, sheet.name
        )

    return OfficialFormat(key, label, dataset.tidy_csv, lambda tf: locate(tf) is not None, parse)


SALDO_COLUMNS = ("cve_ent", "entidad", "anio", "fecha_corte")
REGISTRO_2015 = (
    ("ENTIDAD", "entidad"),
    ("ACREDITADO", "acreditado"),
    ("ACREEDOR", "acreedor"),
    ("TIPO DE OBLIGACIÓN", "tipo_obligacion"),
    ("FECHA DE FIRMA", "fecha_firma"),
    ("FECHA DE INSCRIPCIÓN", "fecha_inscripcion"),
    ("MONTO ORIGINAL CONTRATADO", "monto_original_contratado"),
    ("SALDO AL 30 DE JUNIO DE 2015", "saldo_al_2015_06_30"),
    ("PLAZO PACTADO (MESES)", "plazo_pactado_meses"),
    ("FUENTE O GARANTÍA DE PAGO", "fuente_o_garantia_pago"),
    ("DESTINO", "destino"),
)
RPU_2023 = (
    ("ENTIDAD", "entidad"),
    ("DEUDOR U OBLIGADO", "deudor_u_obligado"),
    ("INSTITUCIÓN FINANCIERA", "institucion_financiera"),
    ("TIPO DE OBLIGACIÓN", "tipo_obligacion"),
    ("FECHA DE CONTRATACIÓN", "fecha_contratacion"),
    ("FECHA DE INSCRIPCIÓN", "fecha_inscripcion"),
    ("MONTO ORIGINAL CONTRATADO", "monto_original_contratado_pesos"),
    ("SALDO AL 30 DE JUNIO DE 2023", "saldo_al_2023_06_30_pesos"),
    # "PLAZO PACTADO" spans two columns; the row below says MESES and DÍAS.
    ("PLAZO PACTADO", "plazo_meses"),
    ("", "plazo_dias"),
    ("TASA DE INTERÉS", "tasa_interes"),
    ("SOBRETASA", "sobretasa"),
    ("FECHA DE VENCIMIENTO", "fecha_vencimiento"),
    ("TASA EFECTIVA", "tasa_efectiva"),
    ("FECHA DE ÚLTIMA MODIFICACIÓN", "fecha_ultima_modificacion"),
    ("FUENTE", "fuente_pago"),
    ("PORCENTAJE AFECTADO", "porcentaje_afectado"),
    ("DESTINO", "destino"),
    ("TIPO DE GARANTÍA", "garantia_tipo"),
    ("GARANTE", "garantia_garante"),
    ("MONTO O PORCENTAJE", "garantia_monto_o_porcentaje"),
    ("FECHA DE CONTRATACIÓN", "garantia_fecha_contratacion"),
    ("FECHA DE VENCIMIENTO", "garantia_fecha_vencimiento"),
    ("TIPO DE INSTRUMENTO", "derivado_tipo_instrumento"),
    ("INSTITUCIÓN FINANCIERA", "derivado_institucion_financiera"),
    ("TASA GARANTIZADA", "derivado_tasa_garantizada"),
    ("FECHA DE CONTRATACIÓN", "derivado_fecha_contratacion"),
    ("FECHA DE VENCIMIENTO", "derivado_fecha_vencimiento"),
)
EFIPEM_HEADER = (
    "PROD_EST",
    "COBERTURA",
    "ANIO",
    "ID_ENTIDAD",
    "TEMA",
    "CATEGORIA",
    "DESCRIPCION_CATEGORIA",
    "VALOR",
    "ESTATUS",
)
# Debt-chapter concepts follow CONAC's spending classification (chapter 9000 "Deuda pública").
EFIPEM_ITEMS = (
    ("ingresos_totales_pesos", ("Ingresos", "Tema", "Total de ingresos")),
    ("participaciones_federales_pesos", ("Ingresos", "Capítulo", "Participaciones federales")),
    ("aportaciones_federales_pesos", ("Ingresos", "Capítulo", "Aportaciones Federales")),
    ("financiamiento_ingreso_por_deuda_pesos", ("Ingresos", "Capítulo", "Financiamiento")),
    ("egresos_totales_pesos", ("Egresos", "Tema", "Total de egresos")),
    ("egresos_cap_deuda_publica_pesos", ("Egresos", "Capítulo", "Deuda pública")),
    ("amortizacion_deuda_pesos", ("Egresos", "Concepto", "Amortización de la deuda pública")),
    ("intereses_deuda_pesos", ("Egresos", "Concepto", "Intereses de la deuda pública")),
    ("comisiones_deuda_pesos", ("Egresos", "Concepto", "Comisiones de la deuda pública")),
    ("gastos_deuda_pesos", ("Egresos", "Concepto", "Gastos de la deuda pública")),
    ("costo_coberturas_pesos", ("Egresos", "Concepto", "Costo por coberturas")),
    ("apoyos_financieros_pesos", ("Egresos", "Concepto", "Apoyos financieros")),
    ("adefas_pesos", ("Egresos", "Concepto", "Adeudos de ejercicios fiscales anteriores (ADEFAS)")),
)
EFIPEM_AMOUNTS = tuple(column for column, _item in EFIPEM_ITEMS)
ALERTAS_AMOUNTS = (
    "ind1_deuda_obligaciones_sobre_ild",
    "ind2_servicio_deuda_sobre_ild",
    "ind3_oblig_cp_proveedores_sobre_ingresos_totales",
    "deuda_y_obligaciones_pesos",
    "ingresos_libre_disposicion_pesos",
)


def _columns(fields) -> tuple[str, ...]:
    return tuple(column for _label_text, column in fields)


DATASETS = [
    _Dataset(
        "shcp-serie-historica",
        gettext_lazy("Serie histórica de saldos (SHCP)"),
        "shcp_saldo_obligaciones_financieras_por_entidad_1993_2015.csv",
        (*SALDO_COLUMNS, "saldo_mdp"),
        ("saldo_mdp",),
        # The tidy CSV keeps SHCP's one decimal (as printed) and its 2015-12-31 rows come
        # from saldos-final-2015.xls (total_mdp): this series ends at March 2015.
        raw=_PeriodSeries(
            ("saldo historico de obligaciones financieras", "millones de pesos"),
            "saldo_mdp",
            places=1,
        ),
    ),
    _Dataset(
        "shcp-deuda-pib",
        gettext_lazy("Saldo como porcentaje del PIB estatal (SHCP)"),
        "shcp_obligaciones_pct_pib_estatal_1994_2015.csv",
        (*SALDO_COLUMNS, "saldo_pct_pibe"),
        ("saldo_pct_pibe",),
        raw=_PeriodSeries(
            ("obligaciones financieras", "por ciento del pibe", "deuda / pibe"),
            "saldo_pct_pibe",
            places=4,
        ),
    ),
    _Dataset(
        "shcp-acreditado-fuente-2015",
        gettext_lazy("Saldos 2015 por tipo de acreditado y fuente de pago (SHCP)"),
        "shcp_obligaciones_por_acreditado_y_fuente_pago_2015.csv",
        ("cve_ent", "entidad", "fecha_corte", *ACREDITADO_AMOUNTS),
        ACREDITADO_AMOUNTS,
        raw=_DebtorsBySource(("por tipo de acreditado", "fuente de pago", "millones de pesos")),
    ),
    _Dataset(
        "shcp-registro-2015",
        gettext_lazy("Registro de Obligaciones y Empréstitos, junio de 2015 (SHCP)"),
        "shcp_registro_obligaciones_emprestitos_saldo_2015-06-30.csv",
        _columns(REGISTRO_2015),
        ("monto_original_contratado", "saldo_al_2015_06_30", "plazo_pactado_meses"),
        raw=_Registry(REGISTRO_2015, cents=("monto_original_contratado", "saldo_al_2015_06_30")),
        non_data=_guarantee,
    ),
    _Dataset(
        "shcp-rpu-2023",
        gettext_lazy("Registro Público Único, junio de 2023 (SHCP)"),
        "shcp_rpu_financiamientos_obligaciones_saldo_2023-06-30.csv",
        _columns(RPU_2023),
        (
            "monto_original_contratado_pesos",
            "saldo_al_2023_06_30_pesos",
            "plazo_meses",
            "plazo_dias",
            "sobretasa",
            "tasa_efectiva",
        ),
        raw=_Registry(RPU_2023, listed=("fuente_pago",)),
    ),
    _Dataset(
        "inegi-efipem-estatal",
        gettext_lazy("Finanzas públicas estatales, EFIPEM (INEGI)"),
        "inegi_efipem_estatal_deuda_participaciones_2015_2022.csv",
        ("anio", "cve_ent", "entidad", *EFIPEM_AMOUNTS, "estatus_inegi"),
        EFIPEM_AMOUNTS,
        raw=_InegiLong(EFIPEM_HEADER, EFIPEM_ITEMS),
    ),
    _Dataset(
        "shcp-sistema-alertas-2025",
        gettext_lazy("Sistema de Alertas, Cuenta Pública 2025 (SHCP)"),
        "shcp_sistema_alertas_entidades_cp2025.csv",
        ("cve_ent", "entidad", "evaluacion", "resultado", *ALERTAS_AMOUNTS),
        ALERTAS_AMOUNTS,
    ),
]

OFFICIAL_FORMATS: list[OfficialFormat] = [
    *(_official_format(d, d.raw, d.key, d.label) for d in DATASETS if d.raw is not None),
    *(
        _official_format(
            d,
            _Tidy(d.columns),
            f"{d.key}-csv",
            format_lazy(gettext_lazy("{}, CSV ordenado"), d.label),
        )
        for d in DATASETS
    ),
]


def recognise(table_file: TableFile) -> OfficialFormat | None:
    """Return the official format whose layout the file has, or None."""
    return next((fmt for fmt in OFFICIAL_FORMATS if fmt.recognise(table_file)), None)


def raw_formats_for(tidy_csv: str) -> list[OfficialFormat]:
    """Return the layouts of the official spreadsheets whose tidy version is `tidy_csv`."""
    return [
        fmt for fmt in OFFICIAL_FORMATS if fmt.tidy_csv == tidy_csv and not fmt.key.endswith("-csv")
    ]
