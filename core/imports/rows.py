"""Rows of an import: row-level errors, typed reading of cells, upserts, all-or-nothing runs."""

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from core.formatting import MILLION
from core.models import DatePrecision
from core.page_cache import bump_public_generation

# Amounts are stored in pesos with 18 digits, 2 of them decimals: below 10^10 millions.
MAX_MILLIONS = Decimal(10) ** 10


def max_length_of(model, field_name: str) -> int | None:
    """Return a model field's max_length, so an importer refuses what the column cannot hold."""
    return model._meta.get_field(field_name).max_length


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


@dataclass
class ImportSummary:
    """What an import did (or, in a preview, would do)."""

    kind: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # What was recognised in the file ("Serie histórica SHCP, 33 entidades, 1993–2015").
    description: str = ""
    # (line, why) for rows the file itself marks as non-data: notes, totals, titles.
    skipped: list = field(default_factory=list)
    total_rows: int = 0
    preview: list = field(default_factory=list)  # the first rows read, as the importer saw them

    def count(self, outcome: str):
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class StateLimit:
    """An import limited to one state's rows (staff of one state); `checked`: lines whose
    state was checked, so a row that never said its state is refused too (fail closed)."""

    state: Any
    checked: set[int] = field(default_factory=set)


_state_limit: ContextVar[StateLimit | None] = ContextVar("import_state_limit", default=None)


@contextmanager
def limited_to_state(state) -> Iterator[StateLimit | None]:
    """While importing, refuse rows of any state but `state` (None: no limit)."""
    limit = StateLimit(state) if state is not None else None
    token = _state_limit.set(limit)
    try:
        yield limit
    finally:
        _state_limit.reset(token)


def current_state_limit():
    """The one state the running import is limited to, or None."""
    limit = _state_limit.get()
    return limit.state if limit is not None else None


def refuse_rows_without_state(lines, limit: StateLimit | None) -> None:
    """Raise for the rows of a limited import whose state no importer checked."""
    if limit is None:
        return
    unchecked = [line for line in lines if line not in limit.checked]
    if unchecked:
        message = _(
            "no es una fila de un estado (datos nacionales): sólo puede importar filas de %(state)s"
        ) % {"state": limit.state}
        raise ImportRejected(RowError(line, "", "", message) for line in unchecked)


class RowReader:
    """Read typed values from one row, collecting errors instead of raising."""

    def __init__(self, line: int, row: dict, errors: list, states: dict):
        self.line, self.row, self.errors, self.states = line, row, errors, states

    def error(self, column, message):
        self.errors.append(RowError(self.line, column, self.row.get(column, ""), message))

    def text(self, column, required=False, max_length=None):
        """Return the cell's text; with max_length (the model field's), refuse a longer one."""
        value = self.row.get(column, "").strip()
        if required and not value:
            self.error(column, _("no puede quedar vacío"))
        if max_length is not None and len(value) > max_length:
            self.error(
                column,
                _("tiene %(length)s caracteres; caben %(max)s")
                % {"length": len(value), "max": max_length},
            )
            return value[:max_length]
        return value

    def state(self, column="cve_ent"):
        code = self.text(column, required=True)
        # fullmatch on [0-9]: str.isdigit() also accepts "²", which int() then refuses.
        state = self.states.get(code.zfill(2)) if re.fullmatch(r"[0-9]{1,2}", code) else None
        if code and state is None:
            self.error(column, _("no es una clave INEGI de estado"))
        if state is not None:
            self.check_state(state, column)
        return state

    def check_state(self, state, column):
        """Refuse a row of another state (or a national row, state None) in a limited import."""
        limit = _state_limit.get()
        if limit is None:
            return
        limit.checked.add(self.line)
        if state != limit.state:
            self.error(column, _("sólo puede importar filas de %(state)s") % {"state": limit.state})

    def millions(self, column, required=False):
        """Return pesos from a figure in millions of pesos ("7,698.65" -> 7698650000)."""
        value = self.text(column, required)
        if not value:
            return None
        try:
            amount = Decimal(value.replace(",", ""))
        except InvalidOperation:
            amount = Decimal("NaN")
        if not amount.is_finite():  # also «NaN» and «Infinity», which Decimal() accepts
            self.error(column, _("no es un número (use punto decimal: 7698.65)"))
            return None
        if amount >= MAX_MILLIONS:
            self.error(column, _("es demasiado grande para un monto en millones de pesos"))
            return None
        if amount < 0:
            self.error(column, _("no puede ser negativo"))
            return None
        return (amount * MILLION).quantize(Decimal("0.01"))

    def number(self, column, cast=Decimal):
        value = self.text(column, required=True)
        try:
            number = cast(value) if value else None
        except (InvalidOperation, ValueError):
            number = Decimal("NaN")
        if isinstance(number, Decimal) and not number.is_finite():
            self.error(column, _("no es un número"))
            return None
        return number

    def date(self, column, required=False):
        """Return (date, precision) from 2016, 2016-10 or 2016-10-05."""
        value = self.text(column, required)
        if not value:
            return None, DatePrecision.DAY
        patterns = [
            (r"^\d{4}-\d{2}-\d{2}$", "%Y-%m-%d", DatePrecision.DAY),
            (r"^\d{4}-\d{2}$", "%Y-%m", DatePrecision.MONTH),
            (r"^\d{4}$", "%Y", DatePrecision.YEAR),
        ]
        for pattern, date_format, precision in patterns:
            if re.match(pattern, value):
                try:
                    return datetime.datetime.strptime(value, date_format).date(), precision
                except ValueError:
                    break
        self.error(column, _("no es una fecha (use 2016, 2016-10 o 2016-10-05)"))
        return None, DatePrecision.DAY

    def choice(self, column, choices, default=None, required=False):
        value = self.text(column, required)
        if not value:
            return default
        if value not in choices:
            self.error(column, _("use uno de: %(values)s") % {"values": ", ".join(choices)})
            return default
        return value


def upsert(model, lookup: dict, values: dict, summary: ImportSummary):
    """Create or update one row; count what happened. Return the instance."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        summary.count("created")
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save()
        summary.count("updated")
    else:
        summary.count("unchanged")
    return instance


def bulk_upsert(model, parsed, *, unique_fields, update_fields, summary: ImportSummary):
    """Insert or update many rows in a few queries; `parsed` holds (lookup, values) pairs.

    For large reference series (population, prices) where one query per row would be slow.
    """

    def key_of(source, get):
        return tuple(get(source, name) for name in unique_fields)

    def stored(obj, name):
        field = model._meta.get_field(name)
        return getattr(obj, field.attname)

    def given(lookup, name):
        value = lookup[name]
        return value.pk if hasattr(value, "pk") else value

    existing = {key_of(obj, stored): obj for obj in model.objects.all()}
    to_create, to_update = [], []
    for lookup, values in parsed:
        obj = existing.get(key_of(lookup, given))
        if obj is None:
            to_create.append(model(**lookup, **values))
            summary.count("created")
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            to_update.append(obj)
            summary.count("updated")
        else:
            summary.count("unchanged")
    model.objects.bulk_create(to_create, batch_size=500)
    model.objects.bulk_update(to_update, update_fields, batch_size=500)
    if to_create or to_update:
        bump_public_generation()  # bulk writes send no signals
    return summary
