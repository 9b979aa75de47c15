"""The published datasets: each declared once, served as files, a catalogue and (later) an API.

An app declares each dataset it publishes in its `AppConfig.ready()`::

    from core.datasets import PublishedDataset, published_datasets
    published_datasets.register(PublishedDataset(key="deuda-historica", ...))

and everything else is derived from that one declaration: the downloads at
`/datos/<key>.<formato>` (CSV, Excel CSV, XLSX, JSON), the page `/datos/<key>/` with its data
dictionary, `/datos/datapackage.json` (Frictionless) and `/datos/catalogo.json` (DCAT).
`core` imports no app: the app hands over its form, its table builder and its models.

Interface (what a consumer such as a JSON API uses)
---------------------------------------------------
- `published_datasets`: iterate for every `PublishedDataset` in catalogue order;
  `published_datasets.get(key)` for one (None when unknown).
- `dataset.key`, `.title`, `.description`, `.licence` (a `Licence`), `.sources()` (Sources),
  `.coverage()` (a `Coverage`: state names, first and last date), `.last_updated()`.
- `dataset.filter_form(data)`: a plain Django form over the query parameters (GET names, in
  Spanish: `estado`, `medida`, ...). `dataset.clean_filters(query)` returns
  `(filters, errors)`: the cleaned dict, or None and the form's errors by field.
- `dataset.columns(filters)`: the `Field`s of that download, in order (name, type, unit,
  title, description, example); the types are Table Schema's: string, integer, number, date,
  boolean (a URL is a string with `format="uri"`). `dataset.dictionary()`: every column any
  download of the dataset can have.
- `dataset.rows(filters, request=None)`: an iterator of dicts {column name: plain value}:
  `Decimal`/`int` numbers, ISO 8601 date strings (with a `*_precision` column where a date
  is only a month or a year), `bool`, text, None for unknown. Streams: a QuerySet is read
  with `.iterator()`.
- `dataset.row_values(filters, request=None)`: the header, then the same rows as lists
  (cheaper). With the request, the portal's own pages are full addresses (https://...).
- `dataset.table(filters, request=None)`: the `DataTable` both read (the API pages it).
- `dataset.version(filters, dataset.last_updated())`: a short fingerprint of the data behind
  a download (ETags).

The columns come from the dataset's `DataTable` (the one definition of the page's table and of
its downloads): `ExportPlan` reads each column's accessor and value function once, so a row
costs one call per cell, not django-tables2's signature inspection per cell.
"""

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import django_tables2 as tables
from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Count, Max, Value
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_tables2 import A
from django_tables2.utils import signature

from core.models import Source
from core.registries import Registry

# Table Schema's field types (https://specs.frictionlessdata.io/table-schema/#types-and-formats).
STRING, INTEGER, NUMBER, DATE, BOOLEAN = "string", "integer", "number", "date", "boolean"
URI = "uri"  # a format of the string type


@dataclass(frozen=True)
class Licence:
    name: str  # SPDX-like identifier
    title: str
    url: str


def portal_licence() -> Licence:
    """The licence this copy of the portal publishes its data under (PORTAL_DATA_LICENSE)."""
    name = settings.PORTAL_DATA_LICENSE
    return Licence(name.replace(" ", "-"), name, settings.PORTAL_DATA_LICENSE_URL)


@dataclass(frozen=True)
class FieldInfo:
    """What a dataset says of one of its columns beyond the table's own (all optional)."""

    type: str = ""
    unit: str = ""
    description: str = ""
    format: str = ""


@dataclass(frozen=True)
class Field:
    """One column of a download, as the data dictionary gives it."""

    name: str  # stable snake_case, the header of every format
    type: str  # Table Schema type
    title: str  # the page's header, in the portal's language
    description: str = ""
    unit: str = ""
    format: str = ""  # "uri" for a URL
    enum: tuple = ()  # the codes a coded column may hold
    example: Any = None

    def table_schema(self) -> dict:
        schema = {"name": self.name, "type": self.type, "title": str(self.title)}
        if self.description:
            schema["description"] = str(self.description)
        if self.format:
            schema["format"] = self.format
        if self.enum:
            schema["constraints"] = {"enum": list(self.enum)}
        if self.unit:
            schema["unit"] = str(self.unit)
        return schema


@dataclass(frozen=True)
class Coverage:
    states: tuple = ()  # names
    start: date | None = None
    end: date | None = None


def _class_names(column) -> set[str]:
    return {klass.__name__ for klass in type(column).__mro__}


def default_field_info(column) -> FieldInfo:
    """Guess a column's type and unit from its class (core's columns and the apps' alike)."""
    names = _class_names(column)
    if "DateColumn" in names:
        return FieldInfo(DATE)
    if "MillionsColumn" in names or "PesosColumn" in names:
        return FieldInfo(NUMBER, _("pesos mexicanos (MXN)"))
    if "PercentColumn" in names:
        return FieldInfo(NUMBER, _("por ciento"))
    if "SourceColumn" in names and getattr(column, "field", "") == "url":
        return FieldInfo(STRING, format=URI)
    return FieldInfo(STRING)


MODEL_FIELD_TYPES = {
    "AutoField": INTEGER,
    "BigAutoField": INTEGER,
    "IntegerField": INTEGER,
    "BigIntegerField": INTEGER,
    "SmallIntegerField": INTEGER,
    "PositiveIntegerField": INTEGER,
    "PositiveSmallIntegerField": INTEGER,
    "PositiveBigIntegerField": INTEGER,
    "DecimalField": NUMBER,
    "FloatField": NUMBER,
    "DateField": DATE,
    "BooleanField": BOOLEAN,
}


def model_field_info(model, accessor) -> FieldInfo | None:
    """The Table Schema type of the model field an accessor ends at (None if not a field)."""
    try:
        model_field = A(accessor).get_field(model)
    except Exception:
        return None
    if model_field is None:
        return None
    if isinstance(model_field, models.URLField):
        return FieldInfo(STRING, format=URI)
    if getattr(model_field, "choices", None):
        return None  # django-tables2 passes the choice's label
    if isinstance(model_field, models.ForeignKey):
        model_field = model_field.target_field
    kind = MODEL_FIELD_TYPES.get(model_field.get_internal_type())
    return FieldInfo(kind) if kind else None


@dataclass(frozen=True)
class StoredValue:
    """What a value function marked `@stored_value` declares: its cell is the stored value at
    its column's accessor, or `in_database` of it (a database expression of the same type)."""

    in_database: Callable | None = None


def stored_value(function=None, *, in_database=None):
    """Mark a column's value function whose cell is the stored value at the column's
    accessor (through `in_database`, the same thing as a database expression, when given).

    What lets PostgreSQL write the column of a CSV download itself (core.exports): a value
    function without the mark keeps the download in Python. A function that takes `value` is
    given a choice field's label, not its code: the mark does not cover it there.
    """

    def mark(value_function):
        value_function.stored_value = StoredValue(in_database)
        return value_function

    return mark(function) if function is not None else mark


@dataclass(frozen=True)
class PlannedColumn:
    name: str
    accessor: A
    value: Callable
    arguments: frozenset
    takes_all: bool
    empty_values: tuple
    column: Any
    bound: Any

    @property
    def passes_value_through(self) -> bool:
        """No value function: the cell is the value the accessor reaches."""
        return self.value is _passed_through

    @property
    def receives_value(self) -> bool:
        """The value function is given the accessor's value (a choice field's label)."""
        return self.passes_value_through or self.takes_all or "value" in self.arguments


class ExportPlan:
    """How to read each exported column of a table: worked out once, applied to every record.

    Reproduces django-tables2's `BoundRow.get_cell_value` (accessor, get_FOO_display for a
    choices field, empty values give None, then the column's or table's value function) with
    the value function's arguments looked up once per column instead of once per cell.
    """

    def __init__(self, table, exclude_columns=()):
        self.table = table
        self.columns = []
        for bound in table.export_columns():
            if bound.name in exclude_columns:
                continue
            value = self._value_function(bound)
            arguments, takes_all = signature(value)
            self.columns.append(
                PlannedColumn(
                    name=bound.name,
                    accessor=A(bound.accessor),
                    value=value,
                    arguments=frozenset(arguments),
                    takes_all=bool(takes_all),
                    empty_values=bound.column.empty_values,
                    column=bound.column,
                    bound=bound,
                )
            )
        self.names = [column.name for column in self.columns]
        self._uses_display = {}

    @staticmethod
    def _value_function(bound):
        """The column's value function; django-tables2's default one calls `render` through
        a per-call signature lookup, so it is replaced by `render` itself (or by nothing)."""
        value = bound.value
        if getattr(value, "__func__", None) is tables.Column.value:
            render = bound.column.render
            if getattr(render, "__func__", None) is tables.Column.render:
                return _passed_through
            return render
        return value

    def _resolve(self, planned, record):
        accessor = planned.accessor
        if isinstance(record, models.Model):
            key = (planned.name, type(record))
            if key not in self._uses_display:
                self._uses_display[key] = self._choices_field(accessor, record)
            if self._uses_display[key]:
                penultimate, remainder = accessor.penultimate(record)
                display = getattr(penultimate, f"get_{remainder}_display", None)
                if display is not None:
                    return display()
        try:
            return accessor.resolve(record)
        except Exception:  # django-tables2 leaves a column it cannot resolve empty too
            return None

    @staticmethod
    def _choices_field(accessor, record) -> bool:
        try:
            field = accessor.get_field(record)
        except Exception:
            return False
        return bool(getattr(field, "choices", None))

    def values(self, record) -> list:
        """Return one record's plain values, in the plan's column order."""
        row = []
        for planned in self.columns:
            value = self._resolve(planned, record)
            if value in planned.empty_values:
                row.append(None)
                continue
            if planned.arguments == VALUE_ONLY and not planned.takes_all:
                row.append(plain(planned.value(value)))
                continue
            offered = {
                "value": value,
                "record": record,
                "column": planned.column,
                "bound_column": planned.bound,
                "bound_row": None,
                "table": self.table,
            }
            if planned.takes_all:
                cell = planned.value(**offered)
            elif planned.arguments <= offered.keys():
                cell = planned.value(**{name: offered[name] for name in planned.arguments})
            else:
                cell = None
            row.append(plain(cell))
        return row


VALUE_ONLY = frozenset({"value"})


def plain(cell):
    """A cell as every format writes it: None for unknown, ISO dates, str for a choice."""
    cell = force_str(cell, strings_only=True)
    if isinstance(cell, str):
        # A choice (a str subclass) as its plain code; an empty text is unknown.
        return str(cell) if cell != "" else None
    if isinstance(cell, date):  # a column without a value function: ISO 8601
        return cell.isoformat()
    return cell


def _passed_through(value):
    return value


def table_records(table) -> Iterable:
    """The records behind a table, in its order; a QuerySet is streamed in chunks."""
    data = table.data.data
    if isinstance(data, models.QuerySet):
        return in_stable_order(data).iterator(chunk_size=2000)
    return data


def in_stable_order(queryset):
    """The QuerySet with its ties broken by primary key, so every read of the same rows gives
    them in the same order: a download's bytes then depend on its data only, whichever
    query plan (or writer: Python or PostgreSQL's COPY) reads them."""
    query = queryset.query
    if query.is_sliced or query.combinator or query.distinct_fields or query.extra_order_by:
        return queryset  # ordering cannot be added to these
    ordering = list(query.order_by)
    if not ordering and query.default_ordering:
        ordering = list(queryset.model._meta.ordering)
    primary_key = queryset.model._meta.pk
    names = {"pk", primary_key.name, primary_key.attname}
    if any(isinstance(term, str) and term.lstrip("-") in names for term in ordering):
        return queryset
    return queryset.order_by(*ordering, "pk")


def for_request(table, request=None):
    """The table, giving the portal's own pages as full addresses when the request is known."""
    if request is not None:
        table.request = request  # as RequestConfig does
    return table


def plain_rows(table, exclude_columns=(), request=None) -> Iterator[list]:
    """Yield a table's header (its columns' names) then each row's plain values.

    Texts the portal writes itself come out in its own language, whatever the reader's: a
    download reads, and imports, the same in English and in Spanish.
    """
    for_request(table, request)
    with override(settings.LANGUAGE_CODE):
        plan = ExportPlan(table, exclude_columns)
        yield plan.names
        for record in table_records(table):
            yield plan.values(record)


class NoFilters(forms.Form):
    """The filter form of a dataset that is always downloaded whole."""


@dataclass(frozen=True)
class PublishedDataset:
    """One dataset the portal publishes, declared once by the app that holds it.

    - `build_table(filters)` returns the dataset's `DataTable` holding the filtered records
      (the same call the page makes), `filters` being `filter_form`'s cleaned data.
    - `filter_form` is a Django form class over the query parameters; `example_filters()`
      gives the filters of a representative download (the catalogue links it, tests use it);
      `dictionary_filters()` lists filters whose downloads together have every column.
    - `fields` refines the table's columns for the dictionary: type, unit, description.
    - `models` are the models the rows are read from (for `version()` and `last_updated()`).
    - `page_url(filters)` is the portal page that shows the same rows.
    """

    key: str
    title: str
    description: str
    build_table: Callable[[dict], Any]
    filter_form: type[forms.Form]
    example_filters: Callable[[], dict]
    page_url: Callable[[dict], str]
    models: tuple = ()
    fields: dict = field(default_factory=dict)
    coverage: Callable[[], Coverage] = Coverage
    sources: Callable[[], Iterable[Source]] = tuple
    source_note: str = ""  # who publishes the data, when no Source row names it
    dictionary_filters: Callable[[], list[dict]] | None = None
    # The tables of `dictionary_filters`, built from the example filters, when building them
    # one by one would read the same rows again (a page must run few queries).
    dictionary_tables: Callable[[dict], list] | None = None
    filename_parts: Callable[[dict], list[str]] | None = None
    own_licence: Licence | None = None  # when not the portal's (PORTAL_DATA_LICENSE)
    order: int = 100

    @property
    def licence(self) -> Licence:
        return self.own_licence or portal_licence()

    # Filters.

    def clean_filters(self, query) -> tuple[dict | None, dict]:
        """Validate query parameters: (cleaned filters, {}) or (None, {field: [messages]})."""
        form = self.filter_form(query)
        if form.is_valid():
            return form.cleaned_data, {}
        return None, {name: [str(e) for e in errors] for name, errors in form.errors.items()}

    def query_string(self, filters: dict) -> str:
        """The query parameters that ask for these filters (to build links)."""
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        form = self.filter_form()
        for name, bound in form.fields.items():
            value = filters.get(name)
            if value in (None, "", [], ()):
                continue
            if hasattr(bound, "prepare_filter_value"):
                value = bound.prepare_filter_value(value)
            elif isinstance(value, models.Model):
                value = getattr(value, getattr(bound, "to_field_name", None) or "pk")
            elif isinstance(value, date):
                value = value.isoformat()
            query[name] = str(value)
        return query.urlencode()

    # Columns.

    def columns(self, filters: dict, table=None) -> list[Field]:
        table = table if table is not None else self.build_table(filters)
        model = getattr(table.data, "model", None)  # a QuerySet's model; None for a list
        with override(settings.LANGUAGE_CODE):
            return [self._field(bound, table, model) for bound in table.export_columns()]

    def _field(self, bound, table, model) -> Field:
        guessed = default_field_info(bound.column)
        plain = type(bound.column) is tables.Column and not hasattr(table, f"value_{bound.name}")
        if plain and model is not None:
            # A column that passes a model field through: the field says its type.
            guessed = model_field_info(model, bound.accessor) or guessed
        declared = self.fields.get(bound.name, FieldInfo())
        choices = getattr(bound.column, "choices", None)
        return Field(
            name=bound.name,
            type=declared.type or guessed.type,
            title=force_str(bound.column.verbose_name or bound.name),
            description=force_str(declared.description),
            unit=force_str(declared.unit or guessed.unit),
            format=declared.format or guessed.format,
            enum=tuple(choices.values) if choices is not None else (),
        )

    def dictionary(self, request=None, example: dict | None = None) -> list[Field]:
        """Every column any download of this dataset has, each with an example value (the
        portal's own pages as full addresses with the request, else no example for them).

        `example`: the example filters when the caller has them already.
        """
        seen: dict[str, Field] = {}
        examples: dict[str, Any] = {}
        for table in self._dictionary_tables(example):
            fields = self.columns({}, table)
            for current in fields:
                seen.setdefault(current.name, current)
            formats = {current.name: current.format for current in fields}
            rows = plain_rows(table, request=request)
            names = next(rows)
            for count, values in enumerate(rows):
                for name, value in zip(names, values, strict=True):
                    if value in (None, "") or name in examples:
                        continue
                    # Without a request the portal's own pages are paths, not the full
                    # addresses a URI column gives: no example rather than a wrong one.
                    if formats.get(name) == URI and not str(value).startswith(("http:", "https:")):
                        continue
                    examples[name] = value
                if count > 200 or len(examples) == len(names):
                    break
        return [
            Field(**{**current.__dict__, "example": examples.get(current.name)})
            for current in seen.values()
        ]

    def _dictionary_tables(self, example: dict | None) -> list:
        if self.dictionary_tables is not None or self.dictionary_filters is None:
            example = example if example is not None else self.example_filters()
        if self.dictionary_tables is not None:
            return self.dictionary_tables(example)
        if self.dictionary_filters is not None:
            return [self.build_table(filters) for filters in self.dictionary_filters()]
        return [self.build_table(example)]

    # Rows.

    def row_values(self, filters: dict, request=None) -> Iterator[list]:
        """Yield the header, then each row's plain values (the downloads' stream).

        With the request, the portal's own pages are given as full addresses (https://...).
        """
        return plain_rows(self.table(filters, request))

    def table(self, filters: dict, request=None):
        """The dataset's table over the filtered records (full addresses with the request)."""
        return for_request(self.build_table(filters), request)

    def rows(self, filters: dict, request=None) -> Iterator[dict]:
        stream = self.row_values(filters, request)
        names = next(stream)
        for values in stream:
            yield dict(zip(names, values, strict=True))

    # Freshness.

    def _watched_models(self) -> tuple:
        # Sources too: every row that cites one shows its fields (source_* columns).
        return (*self.models, Source) if self.models else ()

    def last_updated(self) -> datetime | None:
        """The newest change recorded in the history of the dataset's models and of the
        sources (None if none): one query, whatever the number of models."""
        latest = [
            aggregate_of_all(history.all(), newest=Max("history_date"))
            for model in self._watched_models()
            if (history := getattr(model, "history", None)) is not None
        ]
        if not latest:
            return None
        newest = latest[0].union(*latest[1:], all=True) if len(latest) > 1 else latest[0]
        return max((row["newest"] for row in newest if row["newest"]), default=None)

    def version(self, filters: dict, updated: datetime | None) -> str:
        """A fingerprint of the data behind a download: rows added, removed or edited.
        `updated` is `last_updated()`, which the caller needs too (Last-Modified)."""
        parts = [self.key, self.query_string(filters), settings.LANGUAGE_CODE]
        for model in self._watched_models():
            summary = model._default_manager.aggregate(rows=Count("pk"), last=Max("pk"))
            parts.append(f"{model._meta.label}:{summary['rows']}:{summary['last']}")
        parts.append(updated.isoformat() if updated else "")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]

    # Addresses.

    def get_absolute_url(self) -> str:
        return reverse("open-data-dataset", args=[self.key])

    def download_url(self, file_format: str, filters: dict | None = None) -> str:
        url = reverse("open-data-download", args=[self.key, file_format])
        query = self.query_string(filters or {})
        return f"{url}?{query}" if query else url

    def filename(self, filters: dict, stamp: date) -> str:
        parts = self.filename_parts(filters) if self.filename_parts else []
        return "-".join([self.key, *[str(part) for part in parts if part], stamp.isoformat()])


def aggregate_of_all(queryset, **aggregates):
    """`queryset.aggregate(...)` as a one-row QuerySet (to UNION or use as a Subquery).

    A plain `.values(name=Max(...))` groups by every column: grouping by a constant does not.
    """
    return (
        queryset.order_by()
        .annotate(whole=Value(1))
        .values("whole")
        .annotate(**aggregates)
        .values(*aggregates)
    )


class DatasetRegistry(Registry):
    def get(self, key: str) -> PublishedDataset | None:
        return next((dataset for dataset in self if dataset.key == key), None)

    def version(self) -> str:
        """A fingerprint of everything the datasets are read from, and of what their filters
        offer (a state's slug, a report's code): what the API's schema is built from."""
        watched: dict[str, type[models.Model]] = {}
        for dataset in self:
            for model in dataset._watched_models():
                watched[model._meta.label] = model
            for form_field in dataset.filter_form.base_fields.values():
                if isinstance(form_field, forms.ModelChoiceField):
                    model = form_field.queryset.model
                    watched[model._meta.label] = model
        parts = [settings.LANGUAGE_CODE, *(dataset.key for dataset in self)]
        parts += [model_fingerprint(watched[label]) for label in sorted(watched)]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def model_fingerprint(model) -> str:
    """Its rows' count, its last key and its history's last change: rows added, removed, edited."""
    summary = model._default_manager.aggregate(rows=Count("pk"), last=Max("pk"))
    history = getattr(model, "history", None)
    changed = history.aggregate(newest=Max("history_date"))["newest"] if history else None
    return f"{model._meta.label}:{summary['rows']}:{summary['last']}:{changed}"


published_datasets = DatasetRegistry()
