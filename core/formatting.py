"""Number and date formatting for the public pages (es-MX): one place, used by filters and CSVs."""

import datetime
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

MILLION = Decimal(1_000_000)
_translated: dict[tuple[str | None, str], str] = {}


def _once_per_language(message: str) -> str:
    """gettext of a word written in many cells («sin dato», «mdp»), looked up once per
    language rather than once per cell (a big table has thousands)."""
    key = (get_language(), message)
    if key not in _translated:
        _translated[key] = _(message)
    return _translated[key]


def _grouped(value: Decimal, decimals: int) -> str:
    """Return value rounded half-up with comma thousands and a point decimal, as in Mexico."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}"


def unknown() -> str:
    """Return the words shown where a figure is not known."""
    return _once_per_language(gettext_noop("sin dato"))


def number(value, decimals: int = 0) -> str:
    """Return 1234.5 as '1,234.5' (or 'sin dato' for None)."""
    if value is None or value == "":
        return unknown()
    return _grouped(Decimal(str(value)), decimals)


def pesos(value, decimals: int = 2) -> str:
    """Return an amount in pesos as '$1,234.50' (or 'sin dato' for None)."""
    if value is None or value == "":
        return unknown()
    amount = Decimal(str(value))
    sign = "-" if amount < 0 else ""
    return f"{sign}${_grouped(abs(amount), decimals)}"


def millions_of_pesos(value, decimals: int = 1) -> str:
    """Return an amount in pesos as millions: 7698600000 -> '$7,698.6 mdp'."""
    if value is None or value == "":
        return unknown()
    amount = Decimal(str(value)) / MILLION
    sign = "-" if amount < 0 else ""
    # Translators: abbreviation of "millones de pesos" after an amount.
    unit = _once_per_language(gettext_noop("mdp"))
    return f"{sign}${_grouped(abs(amount), decimals)} {unit}"


def percent(value, decimals: int = 1) -> str:
    """Return 12.345 as '12.3 %' (or 'sin dato' for None)."""
    if value is None or value == "":
        return unknown()
    return f"{_grouped(Decimal(str(value)), decimals)} %"


def long_date(value) -> str:
    """Return a date as '3 de diciembre de 2016' (in the active language)."""
    if value is None or value == "":
        return unknown()
    if isinstance(value, datetime.datetime):
        # The day as lived in Mexico City, not in UTC.
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return formats.date_format(value, "DATE_FORMAT")


def month_year(value) -> str:
    """Return a date as 'diciembre de 2016' (in the active language)."""
    if value is None or value == "":
        return unknown()
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


def date_with_precision(value, precision) -> str:
    """Return a date only as precisely as it is known: 2015, «mayo de 2017» or a full date."""
    if value is None or value == "":
        return unknown()
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return month_year(value)
    return long_date(value)


def fold(text: str) -> str:
    """Return text without accents, case or repeated spaces, for matching what people type."""
    bare = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).casefold().split())


def _interpolate(template, values: dict) -> str:
    return str(template) % {name: str(value) for name, value in values.items()}


# A translated text with values, put into words only when shown: a page in the reader's
# language, a download always in the portal's (see core.exports.table_csv_response).
interpolate_lazy = lazy(_interpolate, str)
