"""Writes to the debt app: importing figures, loans and reference series from files.

Every import is all or nothing: rows are validated first, errors name the line, column
and value, and only a valid file is written, in one transaction. Importing the same
file again changes nothing. The column templates are documented in debt/README.md.
"""

import dataclasses
import datetime
import hashlib
import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import (  # type: ignore[import-untyped]
    bulk_create_with_history,
    bulk_update_with_history,
)

from core.formatting import MILLION, fold
from core.imports import (
    FileFormat,
    ImportRejected,
    ImportSummary,
    ParsedFile,
    RowError,
    RowReader,
    bulk_upsert,
    importer,
    max_length_of,
    template_format,
    upsert,
)
from core.models import Confidence, DatePrecision, Source
from core.page_cache import bump_public_generation
from debt import figure_checks
from debt.figure_checks import official_candidates, official_twins, twin_message
from debt.models import (
    AlertLevel,
    AlertSystemResult,
    ConsumerPriceIndex,
    DebtByDebtorAndPayment,
    DebtFigure,
    DebtorType,
    DebtShareOfGDP,
    Loan,
    LoanBalance,
    LoanRegistry,
    LoanStatus,
    NationalDebtFigure,
    PaymentSource,
    Population,
    RateType,
    RegistryLoan,
    Scope,
    StateFinances,
    StateGDP,
)
from debt.official_formats import raw_formats_for
from states.models import State


def _split_url(text: str) -> tuple[str, str]:
    """Split "https://portico.mx (2014/03/18 article)" into the URL and the note."""
    match = re.match(r"^(https?://\S+)\s*(?:\((.*)\))?\s*$", text)
    if not match:
        return "", text
    return match.group(1), match.group(2) or ""


def _source_from_row(reader: RowReader, cache: dict) -> Source | None:
    """Return the Source a row names (reported_by, published_in, url, confidence)."""
    reported_by = reader.text(
        "reported_by", required=True, max_length=max_length_of(Source, "reported_by")
    )
    published_in = reader.text(
        "published_in", required=True, max_length=max_length_of(Source, "published_in")
    )
    confidence = reader.choice("confidence", Confidence.values, Confidence.MEDIUM)
    if not (reported_by and published_in):
        return None
    url, url_note = _split_url(reader.text("url"))
    key = slugify(f"{reported_by} {published_in}")[:80]
    if key not in cache:
        notes = _("Referencia: %(ref)s") % {"ref": url_note} if url_note else ""
        cache[key] = {
            "key": key,
            "reported_by": reported_by,
            "published_in": published_in,
            "url": url,
            "confidence": confidence,
            "notes": notes,
        }
    return cache[key]


def _save_source(fields: dict) -> Source:
    source, created = Source.objects.get_or_create(key=fields["key"], defaults=fields)
    return source


FIGURE_COLUMNS = ["cve_ent", "as_of", "scope", "amount_mxn_millions", "reported_by", "published_in"]


def _states() -> dict:
    return {state.cve_ent: state for state in State.objects.all()}


@importer(
    key="debt-figures",
    label=gettext_lazy("cifras de deuda"),
    columns=FIGURE_COLUMNS,
    shipped=["debt_content.json", "debt_figures.csv"],
    order=40,
)
def debt_figures_import(*, rows) -> ImportSummary:
    """Write sourced debt figures (one per state, date, scope and source)."""
    states = _states()
    errors, parsed, sources, cells = [], [], {}, []
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        as_of, precision = reader.date("as_of", required=True)
        parsed.append(
            {
                "state": reader.state(),
                "as_of": as_of,
                "date_precision": precision,
                "scope": reader.choice("scope", Scope.values, required=True),
                "amount": reader.millions("amount_mxn_millions", required=True),
                "source": _source_from_row(reader, sources),
                "notes": reader.text("note"),
            }
        )
        cells.append((line, reader.text("amount_mxn_millions")))
    if errors:
        raise ImportRejected(errors)
    _refuse_official_twins(parsed, cells)
    summary = ImportSummary()
    saved_sources = {}
    for item in parsed:
        key = item["source"]["key"]
        if key not in saved_sources:
            saved_sources[key] = _save_source(item["source"])
        lookup = {
            "state": item["state"],
            "as_of": item["as_of"],
            "scope": item["scope"],
            "source": saved_sources[key],
        }
        values = {
            "date_precision": item["date_precision"],
            "amount": item["amount"],
            "notes": item["notes"],
        }
        upsert(DebtFigure, lookup, values, summary)
    return summary


def _refuse_official_twins(parsed, cells) -> None:
    """Refuse rows that repeat an official figure under another source (debt.figure_checks)."""
    candidates = official_candidates((item["state"], item["as_of"].year) for item in parsed)
    errors = []
    for item, (line, value) in zip(parsed, cells, strict=True):
        twins = official_twins(
            candidates,
            state=item["state"],
            as_of=item["as_of"],
            precision=item["date_precision"],
            scope=item["scope"],
            amount=item["amount"],
            source_key=item["source"]["key"],
        )
        if twins:
            errors.append(RowError(line, "amount_mxn_millions", value, twin_message(twins[0])))
    if errors:
        raise ImportRejected(errors)


LOAN_COLUMNS = ["cve_ent", "creditor", "loan_label", "signed", "reported_by"]
# The shipped loans.csv names its source by URL only.
LOAN_COLUMNS_SHIPPED = ["cve_ent", "creditor", "loan_label", "signed", "url", "confidence"]


def _rate_type(rate: str) -> str:
    """TIIE-based rates move with the market: variable. Say fixed only when the text does."""
    lowered = rate.lower()
    if "tiie" in lowered or "variable" in lowered:
        return RateType.VARIABLE
    if "fija" in lowered:
        return RateType.FIXED
    return RateType.UNKNOWN


@importer(
    key="loans",
    label=gettext_lazy("créditos"),
    columns=LOAN_COLUMNS,
    formats=[template_format("loans-shipped", gettext_lazy("créditos"), LOAN_COLUMNS_SHIPPED)],
    shipped=["loans.csv"],
    order=50,
)
def loans_import(*, rows) -> ImportSummary:
    """Write loans with their terms, latest balance and refinancing lineage."""
    states = _states()
    errors, parsed, sources = [], [], {}
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        if "reported_by" not in row:
            # The shipped loans.csv names its source by URL only: the outlet is its domain.
            url, note = _split_url(row.get("url", ""))
            outlet = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
            published_in = f"{outlet} ({note})" if note else outlet
            row = {**row, "reported_by": _("No indicado"), "published_in": published_in}
            reader.row = row
        signed, precision = reader.date("signed")
        balance_as_of, _precision = reader.date("balance_as_of")
        balance = reader.millions("balance_mxn_millions")
        if balance is not None and balance_as_of is None:
            reader.error("balance_as_of", _("un saldo necesita su fecha"))
        rate = reader.text("rate", max_length=max_length_of(Loan, "rate"))
        parsed.append(
            {
                "state": reader.state(),
                "creditor": reader.text(
                    "creditor", required=True, max_length=max_length_of(Loan, "creditor")
                ),
                "label": reader.text(
                    "loan_label", required=True, max_length=max_length_of(Loan, "label")
                ),
                "values": {
                    "signed_on": signed,
                    "signed_precision": precision,
                    "amount_contracted": reader.millions("amount_contracted_mxn_millions"),
                    "term": reader.text("term", max_length=max_length_of(Loan, "term")),
                    "rate": rate,
                    "rate_type": _rate_type(rate),
                    "payment_source": reader.text(
                        "payment_source", max_length=max_length_of(Loan, "payment_source")
                    ),
                    "purpose": reader.text("purpose", max_length=max_length_of(Loan, "purpose")),
                    "status": reader.choice("status", LoanStatus.values, LoanStatus.UNKNOWN),
                    "notes": reader.text("note"),
                },
                "balance": (balance_as_of, balance),
                "refinanced_by": [
                    label.strip()
                    for label in reader.text("refinanced_by").split(";")
                    if label.strip()
                ],
                "source": _source_from_row(reader, sources),
                "line": line,
            }
        )
    known_labels = {(item["state"], item["label"]) for item in parsed}
    for item in parsed:
        for label in item["refinanced_by"]:
            if (item["state"], label) not in known_labels and not Loan.objects.filter(
                state=item["state"], label=label
            ).exists():
                errors.append(
                    RowError(
                        item["line"], "refinanced_by", label, _("no hay un crédito con ese nombre")
                    )
                )
    if errors:
        raise ImportRejected(errors)
    summary = ImportSummary()
    saved_sources, loans = {}, {}
    for item in parsed:
        key = item["source"]["key"]
        if key not in saved_sources:
            saved_sources[key] = _save_source(item["source"])
        source = saved_sources[key]
        lookup = {"state": item["state"], "creditor": item["creditor"], "label": item["label"]}
        loan = upsert(Loan, lookup, {**item["values"], "source": source}, summary)
        loans[(item["state"], item["label"])] = loan
        balance_as_of, balance = item["balance"]
        if balance is not None:
            LoanBalance.objects.update_or_create(
                loan=loan, as_of=balance_as_of, source=source, defaults={"amount": balance}
            )
    for item in parsed:
        if item["refinanced_by"]:
            loan = loans[(item["state"], item["label"])]
            replacements = [
                loans.get((item["state"], label))
                or Loan.objects.get(state=item["state"], label=label)
                for label in item["refinanced_by"]
            ]
            if set(loan.refinanced_by.all()) != set(replacements):
                loan.refinanced_by.set(replacements)
    return summary


INPC_COLUMNS = ["year", "month", "date", "inpc"]
INPC_QUANTUM = Decimal(1).scaleb(-ConsumerPriceIndex._meta.get_field("value").decimal_places)


@importer(
    key="inpc",
    label=gettext_lazy("INPC mensual"),
    columns=INPC_COLUMNS,
    shipped=["inpc_monthly.csv"],
    order=20,
)
def inpc_import(*, rows) -> ImportSummary:
    """Write INEGI's monthly consumer price index."""
    errors, parsed = [], []
    for line, row in rows:
        reader = RowReader(line, row, errors, {})
        month, precision = reader.date("date", required=True)
        value = reader.number("inpc")
        # Stored with the column's 9 decimals: compare like with like on the next import.
        value = value.quantize(INPC_QUANTUM) if value is not None else None
        parsed.append(({"month": month}, {"value": value}))
    if errors:
        raise ImportRejected(errors)
    return bulk_upsert(
        ConsumerPriceIndex,
        parsed,
        unique_fields=["month"],
        update_fields=["value"],
        summary=ImportSummary(),
    )


POPULATION_COLUMNS = ["year", "cve_ent", "population_start_year", "population_mid_year"]


@importer(
    key="population",
    label=gettext_lazy("población"),
    columns=POPULATION_COLUMNS,
    shipped=["population_conapo.csv"],
    order=21,
)
def population_import(*, rows) -> ImportSummary:
    """Write CONAPO's population of each state by year."""
    states = _states()
    errors, parsed = [], []
    for line, row in rows:
        if row.get("cve_ent") == "00":
            continue  # the national total: the portal works state by state
        reader = RowReader(line, row, errors, states)
        parsed.append(
            (
                {"state": reader.state(), "year": reader.number("year", int)},
                {
                    "start_of_year": reader.number("population_start_year", int),
                    "mid_year": reader.number("population_mid_year", int),
                },
            )
        )
    if errors:
        raise ImportRejected(errors)
    return bulk_upsert(
        Population,
        parsed,
        unique_fields=["state", "year"],
        update_fields=["start_of_year", "mid_year"],
        summary=ImportSummary(),
    )


GDP_COLUMNS = ["year", "cve_ent", "gdp_current_mxn_millions", "gdp_2018_prices_mxn_millions"]


@importer(
    key="gdp",
    label=gettext_lazy("PIB"),
    columns=GDP_COLUMNS,
    shipped=["gdp_states_inegi.csv"],
    order=22,
)
def gdp_import(*, rows) -> ImportSummary:
    """Write INEGI's GDP of each state by year (current and 2018 prices)."""
    states = _states()
    errors, parsed = [], []
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        parsed.append(
            (
                {"state": reader.state(), "year": reader.number("year", int)},
                {
                    "current_prices": reader.millions("gdp_current_mxn_millions", required=True),
                    "prices_2018": reader.millions("gdp_2018_prices_mxn_millions", required=True),
                    "revised": reader.text("revised").lower() in ("yes", "sí", "si", "true"),
                },
            )
        )
    if errors:
        raise ImportRejected(errors)
    return bulk_upsert(
        StateGDP,
        parsed,
        unique_fields=["state", "year"],
        update_fields=["current_prices", "prices_2018", "revised"],
        summary=ImportSummary(),
    )


# --- Official SHCP and INEGI datasets (fixtures/official/README.md) ---------------------------
# Each importer reads one of our tidy CSVs (the official spreadsheets, rebuilt column by column);
# readers of the raw official files can hand these services the same columns. Money is Decimal,
# in pesos; every row points at one Source naming SHCP or INEGI and the official publication.

BATCH_SIZE = 500


def _upsert_rows(model, parsed, *, unique_fields, existing) -> dict:
    """Insert or update (lookup, values) pairs in a few queries; return each key's outcome.

    As core.imports.bulk_upsert, but it compares only with `existing` (the rows the file can
    match) and, for models with django-simple-history, writes their history records as saving
    row by row would (a bulk insert sends no signals).
    """

    def stored(obj, name):
        return getattr(obj, model._meta.get_field(name).attname)

    def given(value):
        return value.pk if isinstance(value, models.Model) else value

    current = {tuple(stored(obj, name) for name in unique_fields): obj for obj in existing}
    outcomes, to_create, to_update, changed_fields = {}, [], [], set()
    for lookup, values in parsed:
        key = tuple(given(lookup[name]) for name in unique_fields)
        obj = current.get(key)
        if obj is None:
            to_create.append(model(**lookup, **values))
            outcomes[key] = "created"
            continue
        changed = [name for name, value in values.items() if stored(obj, name) != given(value)]
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            to_update.append(obj)
            changed_fields.update(changed)
        outcomes[key] = "updated" if changed else "unchanged"
    fields = sorted(changed_fields)
    if hasattr(model._meta, "simple_history_manager_attribute"):
        if to_create:
            bulk_create_with_history(to_create, model, batch_size=BATCH_SIZE)
        if to_update:
            bulk_update_with_history(to_update, model, fields, batch_size=BATCH_SIZE)
    else:
        model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        if to_update:
            model.objects.bulk_update(to_update, fields, batch_size=BATCH_SIZE)
    if to_create or to_update:
        bump_public_generation()  # bulk writes send no signals
    return outcomes


def _count(summary: ImportSummary, outcomes) -> ImportSummary:
    for outcome in outcomes:
        summary.count(outcome)
    return summary


@dataclasses.dataclass(frozen=True)
class OfficialSource:
    """An official publication, and where our copy of it was found."""

    key: str
    reported_by: str
    published_in: str
    notes: str
    published_on: datetime.date | None = None
    url: str = ""


def _official_source(spec: OfficialSource) -> Source:
    """Return the Source of an official file; the first load sets its consultation date."""
    fields = {
        "reported_by": spec.reported_by,
        "published_in": spec.published_in,
        "url": spec.url,
        "published_on": spec.published_on,
        "confidence": Confidence.HIGH,
        "notes": spec.notes,
    }
    source, created = Source.objects.get_or_create(
        key=spec.key, defaults={**fields, "consulted_on": timezone.localdate()}
    )
    changed = {name: value for name, value in fields.items() if getattr(source, name) != value}
    if changed and not created:
        for name, value in changed.items():
            setattr(source, name, value)
        source.save()
    return source


def _copy_note(what: str, copy: str, tidy_file: str) -> str:
    # Stored data, in Spanish like the publications it describes: not translated, so loading
    # under another language changes nothing.
    return (
        f"{what} Copia del archivo oficial encontrada en el repositorio público {copy}; el "
        f"portal la transcribió, desde la hoja oficial, a fixtures/official/{tidy_file}. Fecha "
        "de consulta: la de su primera carga en el portal."
    )


def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def _decimal(reader, column, *, places, required=False, negative=False) -> Decimal | None:
    """Read a plain number, rounded to the decimals its field keeps (SHCP's cells carry
    spreadsheet noise such as 2843.750000000001)."""
    value = reader.text(column, required)
    if not value:
        return None
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        reader.error(column, _("no es un número (use punto decimal: 7698.65)"))
        return None
    if number < 0 and not negative:
        reader.error(column, _("no puede ser negativo"))
        return None
    return number.quantize(_quantum(places))


def _pesos(reader, column, required=False) -> Decimal | None:
    return _decimal(reader, column, places=2, required=required)


def _day(reader, column, required=False) -> datetime.date | None:
    """Read a day given as 2023-06-30 or, as a few RPU cells, 03/11/2025 (day first)."""
    value = reader.text(column, required)
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{2}/\d{2}/\d{4}", value):
            return datetime.datetime.strptime(value, "%d/%m/%Y").date()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    reader.error(column, _("no es una fecha (use 2023-06-30)"))
    return None


def _limited_text(reader, column, model, field_name, required=False) -> str:
    """Read text that must fit its field (SQLite would not say; PostgreSQL would, too late)."""
    value = reader.text(column, required)
    limit = model._meta.get_field(field_name).max_length
    if limit and len(value) > limit:
        reader.error(column, _("tiene más de %(limit)s caracteres") % {"limit": limit})
    return value


# How the files name a state besides its official name, folded (core.formatting.fold).
STATE_NAME_ALIASES = {
    "distrito federal": "09",
    "estado de mexico": "15",
    # INEGI's and SHCP's name for it; the portal says «Estado de México», as the seeds do.
    "mexico": "15",
    "coahuila": "05",
    "michoacan": "16",
    "veracruz": "30",
}
NATIONAL = "00"  # INEGI's code for the national total in SHCP's tables


def _states_by_name(states: dict) -> dict:
    names = {fold(state.name): state for state in states.values()}
    names.update({alias: states[code] for alias, code in STATE_NAME_ALIASES.items()})
    return names


def _state_named(reader, names, column="entidad"):
    """Return the state a row names (OAXACA, Ciudad de México, Distrito Federal…)."""
    name = reader.text(column, required=True)
    state = names.get(fold(name))
    if name and state is None:
        reader.error(
            column, _("no es el nombre de un estado (p. ej. «Zacatecas», «Ciudad de México»)")
        )
    elif state is not None:
        reader.check_state(state, column)
    return state


def _state_or_national(reader, names, *, national_allowed=True):
    """Return (state, is_national) from cve_ent, checking it against the name in `entidad`."""
    if national_allowed and reader.text("cve_ent") == NATIONAL:
        reader.check_state(None, "cve_ent")  # a national row: refused to one state's staff
        return None, True
    state = reader.state()
    name = reader.text("entidad")
    if state is not None and name and names.get(fold(name)) != state:
        reader.error("entidad", _("no es el estado de la clave %(code)s") % {"code": state.cve_ent})
    return state, False


def _once(reader, seen: dict, key, column):
    """Report a row that repeats the key of an earlier row of the same file."""
    if key in seen:
        reader.error(
            column, _("repite la fila %(line)s (misma entidad y fecha)") % {"line": seen[key]}
        )
    else:
        seen[key] = reader.line


# 1. Debt balance of each state, 1993-2015 -----------------------------------------------------

SHCP_SERIES_COLUMNS = ["cve_ent", "entidad", "anio", "fecha_corte", "saldo_mdp"]
SHCP_SERIES_SOURCE = OfficialSource(
    key="shcp-saldo-historico-obligaciones-entidades-1993-2015",
    reported_by="SHCP",
    # The series ends at 31 Mar 2015; its 31 Dec 2015 row is the «Total» column of SHCP's
    # table by type of debtor and source of payment (saldos-final-2015.xls). One source for
    # the whole series, naming both publications, so that no figure cites the wrong one.
    published_in=(
        "Saldo histórico de obligaciones financieras de entidades federativas, municipios y "
        "sus organismos (1993 a marzo de 2015); el saldo al 31 de diciembre de 2015, de "
        "«Obligaciones financieras de entidades federativas, municipios y sus organismos por "
        "tipo de acreditado y fuente de pago»"
    ),
    notes=_copy_note(
        "Unidad de Coordinación con Entidades Federativas; millones de pesos corrientes al 31 de "
        "diciembre de 1993 a 2014 y al 31 de marzo de 2015 (serie-historica-entidades.xls). El "
        "saldo al 31 de diciembre de 2015 es la columna «Total» del cuadro por tipo de "
        "acreditado y fuente de pago (saldos-final-2015.xls, commit 90b43678, del mismo "
        "repositorio).",
        "spaceship-labs/deudamx-api (sources/serie-historica-entidades.xls, commit cf61ea31)",
        "shcp_saldo_obligaciones_financieras_por_entidad_1993_2015.csv",
    ),
)


def _year_matches(reader, as_of):
    year = reader.text("anio")
    if as_of and year and year != str(as_of.year):
        reader.error("anio", _("no es el año de fecha_corte"))


@importer(
    key="shcp-debt-series",
    label=gettext_lazy("saldo histórico de obligaciones financieras por entidad (SHCP)"),
    columns=SHCP_SERIES_COLUMNS,
    shipped=["official/shcp_saldo_obligaciones_financieras_por_entidad_1993_2015.csv"],
    formats=raw_formats_for("shcp_saldo_obligaciones_financieras_por_entidad_1993_2015.csv"),
    order=30,
)
def shcp_debt_series_import(*, rows) -> ImportSummary:
    """Write SHCP's debt balance of every state (and the national total) on each date."""
    states = _states()
    names = _states_by_name(states)
    errors, parsed, seen, lines = [], [], {}, []
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        state, national = _state_or_national(reader, names)
        as_of = _day(reader, "fecha_corte", required=True)
        _year_matches(reader, as_of)
        _once(reader, seen, (reader.text("cve_ent").zfill(2), as_of), "fecha_corte")
        parsed.append((state, national, as_of, reader.millions("saldo_mdp", required=True)))
        lines.append((line, row.get("saldo_mdp", "")))
    if errors:
        raise ImportRejected(errors)
    _refuse_typed_twins(parsed, lines)
    source = _official_source(SHCP_SERIES_SOURCE)
    values = {"date_precision": DatePrecision.DAY}
    figures = [
        (
            {"state": state, "as_of": as_of, "scope": Scope.TOTAL, "source": source},
            {**values, "amount": amount},
        )
        for state, national, as_of, amount in parsed
        if not national
    ]
    national_figures = [
        ({"as_of": as_of, "scope": Scope.TOTAL, "source": source}, {**values, "amount": amount})
        for _state, national, as_of, amount in parsed
        if national
    ]
    summary = ImportSummary()
    _count(
        summary,
        _upsert_rows(
            DebtFigure,
            figures,
            unique_fields=["state", "as_of", "scope", "source"],
            existing=DebtFigure.objects.filter(source=source),
        ).values(),
    )
    return _count(
        summary,
        _upsert_rows(
            NationalDebtFigure,
            national_figures,
            unique_fields=["as_of", "scope", "source"],
            existing=NationalDebtFigure.objects.filter(source=source),
        ).values(),
    )


def _refuse_typed_twins(parsed, lines) -> None:
    """Refuse official rows that staff already typed under another source (same state, date,
    scope and amount): kept twice, one figure would read as two sources that disagree."""
    state_rows = [(item, cell) for item, cell in zip(parsed, lines, strict=True) if item[0]]
    others = list(
        figure_checks.figures_of(
            (state, as_of.year) for (state, _n, as_of, _a), _c in state_rows
        ).exclude(source__key=SHCP_SERIES_SOURCE.key)
    )
    errors = []
    for (state, _national, as_of, amount), (line, value) in state_rows:
        twins = figure_checks.official_twins(
            others,
            state=state,
            as_of=as_of,
            precision=DatePrecision.DAY,
            scope=Scope.TOTAL,
            amount=amount,
        )
        if twins:
            errors.append(
                RowError(line, "saldo_mdp", value, figure_checks.typed_twin_message(twins[0]))
            )
    if errors:
        raise ImportRejected(errors)


# 2. SHCP's debt as % of state GDP ---------------------------------------------------------------

SHCP_SHARE_OF_GDP_COLUMNS = ["cve_ent", "entidad", "anio", "fecha_corte", "saldo_pct_pibe"]
SHCP_SHARE_OF_GDP_SOURCE = OfficialSource(
    key="shcp-obligaciones-pct-pib-estatal-1994-2015",
    reported_by="SHCP",
    published_in=(
        "Saldo histórico de obligaciones financieras de entidades federativas, municipios y "
        "sus organismos como porcentaje del PIB estatal"
    ),
    notes=_copy_note(
        "Porcentaje calculado por la SHCP: 1994, 2001 a 2014 y marzo de 2015.",
        "spaceship-labs/deudamx-api (sources/serie-historica-deuda-pib-entidades.xls, commit "
        "cf61ea31)",
        "shcp_obligaciones_pct_pib_estatal_1994_2015.csv",
    ),
)


@importer(
    key="shcp-debt-share-of-gdp",
    label=gettext_lazy("obligaciones financieras como % del PIB estatal (SHCP)"),
    columns=SHCP_SHARE_OF_GDP_COLUMNS,
    shipped=["official/shcp_obligaciones_pct_pib_estatal_1994_2015.csv"],
    formats=raw_formats_for("shcp_obligaciones_pct_pib_estatal_1994_2015.csv"),
    order=31,
)
def shcp_debt_share_of_gdp_import(*, rows) -> ImportSummary:
    """Write SHCP's debt balance as % of each state's GDP (and the national one)."""
    states = _states()
    names = _states_by_name(states)
    places = DebtShareOfGDP._meta.get_field("percent").decimal_places
    errors, parsed, seen = [], [], {}
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        state, _national = _state_or_national(reader, names)
        as_of = _day(reader, "fecha_corte", required=True)
        _year_matches(reader, as_of)
        _once(reader, seen, (reader.text("cve_ent").zfill(2), as_of), "fecha_corte")
        percent = _decimal(reader, "saldo_pct_pibe", places=places, required=True)
        parsed.append((state, as_of, percent))
    if errors:
        raise ImportRejected(errors)
    source = _official_source(SHCP_SHARE_OF_GDP_SOURCE)
    outcomes = _upsert_rows(
        DebtShareOfGDP,
        [
            ({"state": state, "as_of": as_of, "source": source}, {"percent": percent})
            for state, as_of, percent in parsed
        ],
        unique_fields=["state", "as_of", "source"],
        existing=DebtShareOfGDP.objects.filter(source=source),
    )
    return _count(ImportSummary(), outcomes.values())


# 3. Balance at 31 Dec 2015 by debtor and source of payment -------------------------------------

# Column prefix of each debtor in SHCP's table, and the sources of payment it has columns for
# (state and municipal bodies have no «aportaciones» column).
DEBTOR_COLUMNS = {
    "gob_estatal": (
        DebtorType.STATE_GOVERNMENT,
        ["participaciones", "aportaciones", "ingresos_propios"],
    ),
    "org_estatales": (DebtorType.STATE_BODY, ["participaciones", "ingresos_propios"]),
    "municipios": (
        DebtorType.MUNICIPALITY,
        ["participaciones", "aportaciones", "ingresos_propios"],
    ),
    "org_municipales": (DebtorType.MUNICIPAL_BODY, ["participaciones", "ingresos_propios"]),
}
PAYMENT_COLUMNS = {
    "participaciones": PaymentSource.PARTICIPACIONES,
    "aportaciones": PaymentSource.APORTACIONES,
    "ingresos_propios": PaymentSource.OWN_REVENUE,
}
DEBT_BY_DEBTOR_COLUMNS = [
    "cve_ent",
    "entidad",
    "fecha_corte",
    "total_mdp",
    *(
        column
        for prefix, (_debtor, payments) in DEBTOR_COLUMNS.items()
        for column in (f"{prefix}_subtotal", *(f"{prefix}_{payment}" for payment in payments))
    ),
]
# SHCP rounds every cell to 0.1 million: a sum of n cells may differ from the printed subtotal
# by up to n × 0.05 million.
ROUNDING = Decimal("0.05")
DEBT_BY_DEBTOR_SOURCE = OfficialSource(
    key="shcp-obligaciones-acreditado-fuente-pago-2015",
    reported_by="SHCP",
    published_in=(
        "Obligaciones financieras de entidades federativas, municipios y sus organismos por "
        "tipo de acreditado y fuente de pago, saldos al 31 de diciembre de 2015"
    ),
    notes=_copy_note(
        "Millones de pesos; los subtotales del cuadro se calculan de las partes, que se "
        "guardan en pesos.",
        "spaceship-labs/deudamx-api (sources/saldos-final-2015.xls, commit 90b43678)",
        "shcp_obligaciones_por_acreditado_y_fuente_pago_2015.csv",
    ),
)


def _check_sum(reader, column, parts):
    """Report a printed subtotal that is not the sum of its parts, beyond SHCP's rounding."""
    printed = _decimal(reader, column, places=1, required=True)
    if printed is None or any(part is None for part in parts):
        return
    if abs(sum(parts, Decimal(0)) - printed) > ROUNDING * len(parts):
        reader.error(
            column,
            _("no es la suma de sus partes (%(sum)s), ni con el redondeo de SHCP")
            % {"sum": sum(parts, Decimal(0))},
        )


@importer(
    key="shcp-debt-by-debtor-and-payment",
    label=gettext_lazy("obligaciones por tipo de acreditado y fuente de pago (SHCP)"),
    columns=DEBT_BY_DEBTOR_COLUMNS,
    shipped=["official/shcp_obligaciones_por_acreditado_y_fuente_pago_2015.csv"],
    formats=raw_formats_for("shcp_obligaciones_por_acreditado_y_fuente_pago_2015.csv"),
    order=32,
)
def shcp_debt_by_debtor_import(*, rows) -> ImportSummary:
    """Write the balance of each state by debtor × source of payment (subtotals not stored)."""
    states = _states()
    names = _states_by_name(states)
    errors, parsed, seen = [], [], {}
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        state, _national = _state_or_national(reader, names)
        as_of = _day(reader, "fecha_corte", required=True)
        _once(reader, seen, (reader.text("cve_ent").zfill(2), as_of), "fecha_corte")
        all_parts = []
        for prefix, (debtor, payments) in DEBTOR_COLUMNS.items():
            parts = []
            for payment in payments:
                millions = _decimal(reader, f"{prefix}_{payment}", places=1, required=True)
                parts.append(millions)
                if millions is not None:
                    amount = (millions * MILLION).quantize(_quantum(2))
                    parsed.append((state, as_of, debtor, PAYMENT_COLUMNS[payment], amount))
            _check_sum(reader, f"{prefix}_subtotal", parts)
            all_parts += parts
        _check_sum(reader, "total_mdp", all_parts)
    if errors:
        raise ImportRejected(errors)
    source = _official_source(DEBT_BY_DEBTOR_SOURCE)
    outcomes = _upsert_rows(
        DebtByDebtorAndPayment,
        [
            (
                {
                    "state": state,
                    "as_of": as_of,
                    "debtor_type": debtor,
                    "payment_source": payment,
                    "source": source,
                },
                {"amount": amount},
            )
            for state, as_of, debtor, payment, amount in parsed
        ],
        unique_fields=["state", "as_of", "debtor_type", "payment_source", "source"],
        existing=DebtByDebtorAndPayment.objects.filter(source=source),
    )
    return _count(ImportSummary(), outcomes.values())


# 4. INEGI's state public finances (EFIPEM) -----------------------------------------------------

EFIPEM_AMOUNTS = {
    "ingresos_totales_pesos": "total_revenue",
    "participaciones_federales_pesos": "participaciones",
    "aportaciones_federales_pesos": "aportaciones",
    "financiamiento_ingreso_por_deuda_pesos": "borrowing",
    "egresos_totales_pesos": "total_spending",
    "egresos_cap_deuda_publica_pesos": "debt_chapter",
    "amortizacion_deuda_pesos": "amortization",
    "intereses_deuda_pesos": "interest",
    "comisiones_deuda_pesos": "fees",
    "gastos_deuda_pesos": "expenses",
    "costo_coberturas_pesos": "hedging",
    "apoyos_financieros_pesos": "financial_support",
    "adefas_pesos": "adefas",
}
EFIPEM_COLUMNS = ["anio", "cve_ent", "entidad", *EFIPEM_AMOUNTS, "estatus_inegi"]
EFIPEM_SOURCE = OfficialSource(
    key="inegi-efipem-estatal-2015-2022",
    reported_by="INEGI",
    published_in=(
        "Estadística de Finanzas Públicas Estatales y Municipales (EFIPEM), datos abiertos, "
        "2015-2022"
    ),
    notes=_copy_note(
        "Pesos corrientes; 2022 preliminar. La Ciudad de México se publica en otro archivo. "
        "Servicio de la deuda = amortización + intereses + comisiones + gastos + coberturas "
        "(sin ADEFAS).",
        "RogelioEstudillo99/Finanzas-P-blicas-Estatales-y-Municipales (commit 458dc74e)",
        "inegi_efipem_estatal_deuda_participaciones_2015_2022.csv",
    ),
)


@importer(
    key="inegi-state-finances",
    label=gettext_lazy("finanzas públicas estatales, EFIPEM (INEGI)"),
    columns=EFIPEM_COLUMNS,
    shipped=["official/inegi_efipem_estatal_deuda_participaciones_2015_2022.csv"],
    formats=raw_formats_for("inegi_efipem_estatal_deuda_participaciones_2015_2022.csv"),
    order=33,
)
def inegi_state_finances_import(*, rows) -> ImportSummary:
    """Write INEGI's revenue, transfers, borrowing, spending and debt chapter by state-year."""
    states = _states()
    names = _states_by_name(states)
    errors, parsed, seen = [], [], {}
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        state, _national = _state_or_national(reader, names, national_allowed=False)
        year = reader.number("anio", int)
        _once(reader, seen, (reader.text("cve_ent").zfill(2), year), "anio")
        values: dict[str, object] = {
            field: _pesos(reader, column) for column, field in EFIPEM_AMOUNTS.items()
        }
        values["inegi_status"] = _limited_text(
            reader, "estatus_inegi", StateFinances, "inegi_status"
        )
        parsed.append((state, year, values))
    if errors:
        raise ImportRejected(errors)
    source = _official_source(EFIPEM_SOURCE)
    outcomes = _upsert_rows(
        StateFinances,
        [
            ({"state": state, "year": year}, {**values, "source": source})
            for state, year, values in parsed
        ],
        unique_fields=["state", "year"],
        existing=StateFinances.objects.all(),
    )
    return _count(ImportSummary(), outcomes.values())


# 5. Sistema de Alertas ---------------------------------------------------------------------------

ALERT_COLUMNS = [
    "cve_ent",
    "entidad",
    "evaluacion",
    "resultado",
    "ind1_deuda_obligaciones_sobre_ild",
    "ind2_servicio_deuda_sobre_ild",
    "ind3_oblig_cp_proveedores_sobre_ingresos_totales",
    "deuda_y_obligaciones_pesos",
    "ingresos_libre_disposicion_pesos",
]
ALERT_INDICATORS = {
    "ind1_deuda_obligaciones_sobre_ild": "debt_to_free_revenue",
    "ind2_servicio_deuda_sobre_ild": "debt_service_to_free_revenue",
    "ind3_oblig_cp_proveedores_sobre_ingresos_totales": "short_term_to_total_revenue",
}
ALERT_LEVELS = {fold(str(level.label)): level for level in AlertLevel} | {
    "sostenible": AlertLevel.SUSTAINABLE,
    "en observacion": AlertLevel.OBSERVATION,
    "elevado": AlertLevel.HIGH,
}
ALERT_SOURCE = OfficialSource(
    key="shcp-sistema-alertas-entidades-cp2025",
    reported_by="SHCP",
    published_in=(
        "Sistema de Alertas de entidades federativas, Cuenta Pública 2025 («Información "
        "Variables SdA Entidades Federativas.xlsx»)"
    ),
    published_on=datetime.date(2026, 6, 29),
    notes=_copy_note(
        "Indicadores como fracciones (0.403 = 40.3 %); Tlaxcala no tiene deuda registrada y no "
        "se mide. Transcrito; deuda y obligaciones ÷ ingresos de libre disposición reproduce el "
        "indicador 1 de cada estado.",
        "uzoraproductos-arch/a (investigaciones/expedientes-asf.json, commit a8f69f3b)",
        "shcp_sistema_alertas_entidades_cp2025.csv",
    ),
)


@importer(
    key="shcp-alert-system",
    label=gettext_lazy("Sistema de Alertas de entidades federativas (SHCP)"),
    columns=ALERT_COLUMNS,
    shipped=["official/shcp_sistema_alertas_entidades_cp2025.csv"],
    formats=raw_formats_for("shcp_sistema_alertas_entidades_cp2025.csv"),
    order=34,
)
def shcp_alert_system_import(*, rows) -> ImportSummary:
    """Write each state's Sistema de Alertas result and indicators (unmeasured: no row)."""
    states = _states()
    names = _states_by_name(states)
    places = AlertSystemResult._meta.get_field("debt_to_free_revenue").decimal_places
    errors, parsed, seen = [], [], {}
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        state, _national = _state_or_national(reader, names, national_allowed=False)
        evaluation = _limited_text(
            reader, "evaluacion", AlertSystemResult, "evaluation", required=True
        )
        _once(reader, seen, (reader.text("cve_ent").zfill(2), evaluation), "evaluacion")
        result = ALERT_LEVELS.get(fold(reader.text("resultado", required=True)))
        if result is None and reader.text("resultado"):
            reader.error(
                "resultado",
                _("use uno de: %(values)s") % {"values": ", ".join(map(str, AlertLevel.labels))},
            )
        values = {
            field: _decimal(reader, column, places=places, negative=True)
            for column, field in ALERT_INDICATORS.items()
        }
        values["debt_and_obligations"] = _pesos(reader, "deuda_y_obligaciones_pesos")
        values["free_revenue"] = _pesos(reader, "ingresos_libre_disposicion_pesos")
        parsed.append((state, evaluation, {**values, "result": result}))
    if errors:
        raise ImportRejected(errors)
    source = _official_source(ALERT_SOURCE)
    outcomes = _upsert_rows(
        AlertSystemResult,
        [
            ({"state": state, "evaluation": evaluation}, {**values, "source": source})
            for state, evaluation, values in parsed
        ],
        unique_fields=["state", "evaluation"],
        existing=AlertSystemResult.objects.all(),
    )
    return _count(ImportSummary(), outcomes.values())


# 6, 7. SHCP's loan registries, loan by loan ----------------------------------------------------


def registry_row_key(values: dict, occurrences: Counter) -> str:
    """Return the natural key of a registry row within its snapshot.

    The registries have no loan id, and no set of columns tells every row apart: tranches of
    one refinancing share debtor, creditor, dates and amount and differ only in their spread,
    or only in their balance (Poder Judicial de Veracruz, RPU 2023), and the RPU repeats nine
    identical rows of Estado de México with Santander. So the key is what identifies a loan in
    the registry (state, debtor, creditor, type of obligation, signing and inscription dates,
    amount contracted; text folded, numbers as stored) hashed, plus the occurrence of that
    combination in the file (-1, -2…). Importing the same file again gives the same keys, so it
    changes nothing; a corrected balance, rate or term updates the row. Identical rows are kept
    as separate entries, as SHCP lists them: its sum of balances (RPU 2023: 654,760 mdp)
    counts each.
    """
    identity = "\x1f".join(
        [
            values["state"].cve_ent,
            fold(values["debtor"]),
            fold(values["creditor"]),
            fold(values["obligation_type"]),
            str(values["signed_on"] or ""),
            str(values["inscribed_on"] or ""),
            str(values["amount_contracted"] if values["amount_contracted"] is not None else ""),
        ]
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    occurrences[digest] += 1
    return f"{digest}-{occurrences[digest]}"


def _registry_debtor_type(debtor: str) -> str:
    """Say what kind of debtor a registry names, where its name says it; else blank."""
    name = fold(debtor)
    if name in ("gobierno del estado", "gobierno del distrito federal", "ciudad de mexico"):
        return DebtorType.STATE_GOVERNMENT
    if name.startswith("estado de "):
        return DebtorType.STATE_GOVERNMENT
    if name.startswith("municipio de "):
        return DebtorType.MUNICIPALITY
    # Public bodies (state or municipal: the name does not always say), and in 2015 the bare
    # names of municipalities, which cannot be told from bodies or from a state's name.
    return ""


def _write_registry(parsed, *, registry, as_of, spec: OfficialSource) -> ImportSummary:
    """Write registry rows and their balances at the snapshot date; count per file row."""
    source = _official_source(spec)
    occurrences = Counter()
    rows = [(registry_row_key(values, occurrences), values, balance) for values, balance in parsed]
    snapshot = RegistryLoan.objects.in_snapshot(registry, as_of)
    loan_outcomes = _upsert_rows(
        RegistryLoan,
        [
            (
                {"registry": registry, "as_of": as_of, "row_key": key},
                {**values, "source": source},
            )
            for key, values, _balance in rows
        ],
        unique_fields=["registry", "as_of", "row_key"],
        existing=snapshot,
    )
    loans = {loan.row_key: loan for loan in snapshot.only("pk", "row_key")}
    balance_outcomes = _upsert_rows(
        LoanBalance,
        [
            (
                {"registry_loan": loans[key], "as_of": as_of, "source": source},
                {"amount": balance},
            )
            for key, _values, balance in rows
            if balance is not None
        ],
        unique_fields=["registry_loan", "as_of", "source"],
        existing=LoanBalance.objects.filter(
            registry_loan__registry=registry, registry_loan__as_of=as_of, as_of=as_of
        ),
    )
    summary = ImportSummary()
    for key, _values, _balance in rows:
        loan = loan_outcomes[(registry, as_of, key)]
        balance = balance_outcomes.get((loans[key].pk, as_of, source.pk), "unchanged")
        if loan == "created":
            summary.count("created")
        elif "updated" in (loan, balance) or balance == "created":
            summary.count("updated")
        else:
            summary.count("unchanged")
    return summary


REGISTRY_2015_BALANCE = "saldo_al_2015_06_30"
REGISTRY_2015_AS_OF = datetime.date(2015, 6, 30)
REGISTRY_2015_COLUMNS = [
    "entidad",
    "acreditado",
    "acreedor",
    "tipo_obligacion",
    "fecha_firma",
    "fecha_inscripcion",
    "monto_original_contratado",
    REGISTRY_2015_BALANCE,
    "plazo_pactado_meses",
    "fuente_o_garantia_pago",
    "destino",
]
REGISTRY_2015_SOURCE = OfficialSource(
    key="shcp-registro-obligaciones-emprestitos-2015-06-30",
    reported_by="SHCP",
    published_in=(
        "Registro de Obligaciones y Empréstitos de Entidades y Municipios, saldos al 30 de "
        "junio de 2015"
    ),
    notes=_copy_note(
        "Obligaciones vigentes de entidades, municipios y sus organismos, en pesos. La suma "
        "de saldos registrados no es la deuda total que reporta la SHCP (que incluye "
        "obligaciones no registradas). Las garantías de pago oportuno con texto en el monto no "
        "se guardan.",
        "spaceship-labs/deudamx-api (sources/registro-deuda.xls, commit b66254e)",
        "shcp_registro_obligaciones_emprestitos_saldo_2015-06-30.csv",
    ),
)


def _is_number(text: str) -> bool:
    try:
        return Decimal(text.replace(",", "")).is_finite()
    except InvalidOperation:
        return False


def registry_2015_skip_reason(row: dict) -> str | None:
    """Say why a row of the 2015 registry is left out, or None to import it.

    Guarantee rows (garantía de pago oportuno) have, in the amount column, a text such as
    «Hasta el 45% de la Emisión Bursátil por 475,675,200 UDIS»: a share of another obligation,
    in pesos or in UDIS, not an amount contracted. No number read from it may be stored as
    pesos. Any other text in an amount stays a row error.
    """
    amount = row.get("monto_original_contratado", "").strip()
    if not amount or _is_number(amount):
        return None
    if "garantia de pago" not in fold(row.get("tipo_obligacion", "")):
        return None
    return _(
        "garantía de pago oportuno con texto en el monto («%(text)s»): no es un monto en pesos; "
        "no se guarda"
    ) % {"text": amount}


def _tidy_format(key, label, columns, *, skip) -> FileFormat:
    """Our tidy CSV layout (a header holding `columns`), leaving out the rows `skip` names a
    reason for: the file says what they are, and the summary counts them."""
    template = template_format(key, label, columns)

    def parse(table_file) -> ParsedFile:
        kept, skipped = [], []
        for line, row in template.parse(table_file).rows:
            reason = skip(row)
            if reason:
                skipped.append((line, reason))
            else:
                kept.append((line, row))
        return ParsedFile(rows=kept, skipped=skipped)

    return dataclasses.replace(template, parse=parse)


REGISTRY_2015_LABEL = gettext_lazy(
    "Registro de Obligaciones y Empréstitos, saldos al 30 de junio de 2015 (SHCP)"
)


@importer(
    key="shcp-registry-2015",
    label=REGISTRY_2015_LABEL,
    formats=[
        _tidy_format(
            "shcp-registry-2015",
            REGISTRY_2015_LABEL,
            REGISTRY_2015_COLUMNS,
            skip=registry_2015_skip_reason,
        ),
        *raw_formats_for("shcp_registro_obligaciones_emprestitos_saldo_2015-06-30.csv"),
    ],
    shipped=["official/shcp_registro_obligaciones_emprestitos_saldo_2015-06-30.csv"],
    order=35,
)
def shcp_registry_2015_import(*, rows) -> ImportSummary:
    """Write the loans of SHCP's 2015 registry with their balance at 30 Jun 2015."""
    states = _states()
    names = _states_by_name(states)
    errors, parsed = [], []
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        debtor = _limited_text(reader, "acreditado", RegistryLoan, "debtor", required=True)
        values = {
            "state": _state_named(reader, names),
            "debtor": debtor,
            "debtor_type": _registry_debtor_type(debtor),
            "creditor": _limited_text(reader, "acreedor", RegistryLoan, "creditor", required=True),
            "obligation_type": _limited_text(
                reader, "tipo_obligacion", RegistryLoan, "obligation_type", required=True
            ),
            "signed_on": _day(reader, "fecha_firma"),
            "inscribed_on": _day(reader, "fecha_inscripcion"),
            "amount_contracted": _pesos(reader, "monto_original_contratado"),
            "term_months": _decimal(reader, "plazo_pactado_meses", places=2),
            "payment_source": _limited_text(
                reader, "fuente_o_garantia_pago", RegistryLoan, "payment_source"
            ),
            "purpose": _limited_text(reader, "destino", RegistryLoan, "purpose"),
        }
        parsed.append((values, _pesos(reader, REGISTRY_2015_BALANCE)))
    if errors:
        raise ImportRejected(errors)
    return _write_registry(
        parsed, registry=LoanRegistry.ROE, as_of=REGISTRY_2015_AS_OF, spec=REGISTRY_2015_SOURCE
    )


RPU_BALANCE = "saldo_al_2023_06_30_pesos"
RPU_AS_OF = datetime.date(2023, 6, 30)
# Text columns of the RPU listing and the fields that keep them as SHCP wrote them.
RPU_TEXT = {
    "tipo_obligacion": "obligation_type",
    "tasa_interes": "reference_rate",
    "fuente_pago": "payment_source",
    "destino": "purpose",
    "garantia_tipo": "guarantee_type",
    "garantia_garante": "guarantee_guarantor",
    "garantia_monto_o_porcentaje": "guarantee_amount",
    "garantia_fecha_contratacion": "guarantee_signed",
    "garantia_fecha_vencimiento": "guarantee_maturity",
    "derivado_tipo_instrumento": "hedge_instrument",
    "derivado_institucion_financiera": "hedge_institution",
    "derivado_tasa_garantizada": "hedge_rate",
    "derivado_fecha_contratacion": "hedge_signed",
    "derivado_fecha_vencimiento": "hedge_maturity",
}
RPU_COLUMNS = [
    "entidad",
    "deudor_u_obligado",
    "institucion_financiera",
    "tipo_obligacion",
    "fecha_contratacion",
    "fecha_inscripcion",
    "monto_original_contratado_pesos",
    RPU_BALANCE,
    "plazo_meses",
    "plazo_dias",
    "tasa_interes",
    "sobretasa",
    "fecha_vencimiento",
    "tasa_efectiva",
    "fecha_ultima_modificacion",
    "fuente_pago",
    "porcentaje_afectado",
    "destino",
    "garantia_tipo",
    "garantia_garante",
    "garantia_monto_o_porcentaje",
    "garantia_fecha_contratacion",
    "garantia_fecha_vencimiento",
    "derivado_tipo_instrumento",
    "derivado_institucion_financiera",
    "derivado_tasa_garantizada",
    "derivado_fecha_contratacion",
    "derivado_fecha_vencimiento",
]
RPU_SOURCE = OfficialSource(
    key="shcp-registro-publico-unico-2023-06-30",
    reported_by="SHCP",
    published_in=(
        "Registro Público Único de financiamientos y obligaciones de entidades federativas y "
        "municipios (Disciplina Financiera, registro_deuda.xlsx), saldos al 30 de junio de 2023"
    ),
    notes=_copy_note(
        "Inscritos hasta el 9 de noviembre de 2023; pesos; tasas como fracciones. Los créditos "
        "firmados después del 30 de junio de 2023 (75, de corto y de largo plazo) aparecen con "
        "saldo 0. La suma "
        "de saldos registrados (654,760 mdp) no es la deuda total que reporta la SHCP.",
        "IvanZamoranoR/Municipal_Debt (registro_deuda (1).xlsx, commit e7f87040)",
        "shcp_rpu_financiamientos_obligaciones_saldo_2023-06-30.csv",
    ),
)


@importer(
    key="shcp-rpu-2023",
    label=gettext_lazy("Registro Público Único, saldos al 30 de junio de 2023 (SHCP)"),
    columns=RPU_COLUMNS,
    shipped=["official/shcp_rpu_financiamientos_obligaciones_saldo_2023-06-30.csv"],
    formats=raw_formats_for("shcp_rpu_financiamientos_obligaciones_saldo_2023-06-30.csv"),
    order=36,
)
def shcp_rpu_import(*, rows) -> ImportSummary:
    """Write the loans of SHCP's Registro Público Único with their balance at 30 Jun 2023."""
    states = _states()
    names = _states_by_name(states)
    pledged_places = RegistryLoan._meta.get_field("pledged_fraction").decimal_places
    rate_places = RegistryLoan._meta.get_field("spread").decimal_places
    errors, parsed = [], []
    for line, row in rows:
        reader = RowReader(line, row, errors, states)
        debtor = _limited_text(reader, "deudor_u_obligado", RegistryLoan, "debtor", required=True)
        pledged = reader.text("porcentaje_afectado")
        # A number is a share (0.25); SHCP also writes «80% Fideicomiso Maestro» or «12%,12%».
        pledged_is_number = _is_number(pledged)
        term_days = _decimal(reader, "plazo_dias", places=0)
        values = {
            "state": _state_named(reader, names),
            "debtor": debtor,
            "debtor_type": _registry_debtor_type(debtor),
            "creditor": _limited_text(
                reader, "institucion_financiera", RegistryLoan, "creditor", required=True
            ),
            "signed_on": _day(reader, "fecha_contratacion"),
            "inscribed_on": _day(reader, "fecha_inscripcion"),
            "amount_contracted": _pesos(reader, "monto_original_contratado_pesos"),
            "term_months": _decimal(reader, "plazo_meses", places=2),
            "term_days": int(term_days) if term_days is not None else None,
            "spread": _decimal(reader, "sobretasa", places=rate_places),
            "effective_rate": _decimal(reader, "tasa_efectiva", places=rate_places),
            "maturity_on": _day(reader, "fecha_vencimiento"),
            "last_modified_on": _day(reader, "fecha_ultima_modificacion"),
            "pledged_fraction": (
                _decimal(reader, "porcentaje_afectado", places=pledged_places)
                if pledged_is_number
                else None
            ),
            "pledged_text": "" if pledged_is_number else pledged,
            **{
                field: _limited_text(
                    reader, column, RegistryLoan, field, required=column == "tipo_obligacion"
                )
                for column, field in RPU_TEXT.items()
            },
        }
        parsed.append((values, _pesos(reader, RPU_BALANCE)))
    if errors:
        raise ImportRejected(errors)
    return _write_registry(parsed, registry=LoanRegistry.RPU, as_of=RPU_AS_OF, spec=RPU_SOURCE)
