"""Writes to the debt app: importing figures, loans and reference series from files.

Every import is all or nothing: rows are validated first, errors name the line, column
and value, and only a valid file is written, in one transaction. Importing the same
file again changes nothing. The column templates are documented in debt/README.md.
"""

import re
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.imports import (
    ImportRejected,
    ImportSummary,
    RowError,
    RowReader,
    bulk_upsert,
    importer,
    template_format,
    upsert,
)
from core.models import Confidence, Source
from debt.models import (
    ConsumerPriceIndex,
    DebtFigure,
    Loan,
    LoanBalance,
    LoanStatus,
    Population,
    RateType,
    Scope,
    StateGDP,
)
from states.models import State


def _split_url(text: str) -> tuple[str, str]:
    """Split "https://portico.mx (2014/03/18 article)" into the URL and the note."""
    match = re.match(r"^(https?://\S+)\s*(?:\((.*)\))?\s*$", text)
    if not match:
        return "", text
    return match.group(1), match.group(2) or ""


def _source_from_row(reader: RowReader, cache: dict) -> Source | None:
    """Return the Source a row names (reported_by, published_in, url, confidence)."""
    reported_by = reader.text("reported_by", required=True)
    published_in = reader.text("published_in", required=True)
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
    errors, parsed, sources = [], [], {}
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
    if errors:
        raise ImportRejected(errors)
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
        rate = reader.text("rate")
        parsed.append(
            {
                "state": reader.state(),
                "creditor": reader.text("creditor", required=True),
                "label": reader.text("loan_label", required=True),
                "values": {
                    "signed_on": signed,
                    "signed_precision": precision,
                    "amount_contracted": reader.millions("amount_contracted_mxn_millions"),
                    "term": reader.text("term"),
                    "rate": rate,
                    "rate_type": _rate_type(rate),
                    "payment_source": reader.text("payment_source"),
                    "purpose": reader.text("purpose"),
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
    shipped=["gdp_zacatecas_inegi.csv"],
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
