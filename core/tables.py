"""The base of every dataset's table: one list of columns for the page and for its CSV.

The page shows each column's `verbose_name`, in the reader's language; the CSV is headed by
each column's `name` (stable snake_case) and holds plain values (numbers, ISO dates, codes),
so a file downloaded in English reads, and imports, like one downloaded in Spanish.
"""

import datetime
import functools

import django_tables2 as tables
import django_tables2.utils
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core import formatting
from core.datasets import stored_value
from core.models import Confidence, known_reporter, known_reporter_in_database

# On a phone, tables with the "data-table--stack" class show each row as a card; every
# cell carries its column's name so the card still says what each value is.
STACKED_CELL_ATTRS = {"td": {"data-label": lambda bound_column: bound_column.header}}
# Right-aligned figures (a column's attrs replace the table's, so the label is kept here).
NUMBER_ATTRS = {
    "th": {"class": "num"},
    "td": {**STACKED_CELL_ATTRS["td"], "class": "num"},
}


_tables2_signature = django_tables2.utils.signature
_signatures: dict = {}


def signature(fn):
    """django-tables2's `signature()`, remembered per function.

    django-tables2 asks `inspect.signature` which arguments a column's render/value function
    takes for every cell it writes (a third of a long table's time). A function's arguments do
    not change: they are worked out once. A bound method (a new object on every access) is
    remembered by its function: its arguments are the same whatever the instance.
    """
    function = getattr(fn, "__func__", None)
    key = (function, "bound") if function is not None else fn
    try:
        return _signatures[key]
    except KeyError:
        if len(_signatures) > 4096:  # lambdas made per table would otherwise pile up
            _signatures.clear()
        found = _signatures[key] = _tables2_signature(fn)
        return found
    except TypeError:  # an unhashable callable: asked every time, as django-tables2 does
        return _tables2_signature(fn)


django_tables2.utils.signature = signature


def _as_in_template(value) -> str:
    """A value as {{ value }} writes it: local time, localized, escaped."""
    return conditional_escape(localize(template_localtime(value)))


class DataTable(tables.Table):
    """A dataset's columns: headers and cells on the page, names and plain values in the CSV.

    Subclasses declare `class Meta(DataTable.Meta)` to keep the stacked layout and template.
    """

    class Meta:
        template_name = "includes/_data_table.html"
        attrs = {"class": "data-table data-table--stack", **STACKED_CELL_ATTRS}
        orderable = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # django-tables2 reads only a class's own Meta: without one, a table would lose
        # the stacked layout, the caption and the scoped headers without a word.
        meta = cls.__dict__.get("Meta")
        if meta is None or not issubclass(meta, DataTable.Meta):
            raise TypeError(f"{cls.__name__} needs its own `class Meta(DataTable.Meta)`.")

    def __init__(self, *args, caption="", **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = caption
        for bound in self.columns.iterall():
            # django-tables2 exports render_<name> when there is no value_<name>: that is
            # HTML and words in the reader's language. The CSV takes the column's value.
            if not hasattr(self, f"value_{bound.name}"):
                bound.value = bound.column.value

    def body_html(self):
        """The rows of the page's table as HTML, costing per row rather than per cell.

        django-tables2's template works out each cell's <td> attributes again for every cell
        (our `data-label` is the column's translated header). They depend on the column only,
        so here they are worked out once per column; each cell is then written as the
        template would write it ({{ cell }}: local time, localized, escaped).
        """
        columns = list(self.columns)
        td_attrs = []
        for column in columns:
            column.current_record = column.current_value = None  # no per-record attributes
            td_attrs.append(column.attrs["td"].as_html())
        rows = []
        for row in self.paginated_rows:
            cells = "".join(
                f"<td {attrs}>{_as_in_template(row.get_cell(column.name))}</td>"
                for column, attrs in zip(columns, td_attrs, strict=True)
            )
            rows.append(f"<tr {row.attrs.as_html()}>{cells}</tr>")
        return mark_safe("\n".join(rows))  # noqa: S308 (every cell escaped above)

    def export_columns(self):
        """Return the bound columns of the CSV: hidden ones included, in the page's order."""
        return [
            column for column in self.columns.iterall() if not column.column.exclude_from_export
        ]

    def as_values(self, exclude_columns=()):
        """Yield the CSV: the columns' names, then each row's plain values."""
        columns = [c for c in self.export_columns() if c.name not in exclude_columns]
        yield [column.name for column in columns]
        for row in self.rows:
            yield [force_str(row.get_cell_value(c.name), strings_only=True) for c in columns]


class ChoiceColumn(tables.Column):
    """A choice: its label on the page, in the reader's language; its code in the CSV."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    @staticmethod
    def code(record, bound_column):
        # Not the cell's value: for a model field, django-tables2 passes get_FOO_display().
        return bound_column.accessor.resolve(record, quiet=True)

    def render(self, record, bound_column):
        code = self.code(record, bound_column)
        return _label_once_per_language(self.choices, code)

    @stored_value
    def value(self, record, bound_column):
        return self.code(record, bound_column)


# Labels and dates repeat down a table: each is written once per language, not once per cell.
# (`language` is only part of the key: the active language does the translating.)
@functools.lru_cache(maxsize=1024)
def _choice_label(language, choices, code) -> str:
    return str(choices(code).label)


@functools.lru_cache(maxsize=8192)
def _long_date(language, value) -> str:
    return formatting.long_date(value)


def _label_once_per_language(choices, code) -> str:
    if code not in choices.values:
        return code
    return _choice_label(get_language(), choices, code)


class DateColumn(tables.Column):
    """A date: written out on the page («3 de diciembre de 2016»), ISO in the CSV."""

    def render(self, value):
        if isinstance(value, datetime.datetime):  # the local day depends on the time zone
            return formatting.long_date(value)
        return _long_date(get_language(), value)

    @stored_value  # a date field's value, in ISO 8601 as every download writes a date
    def value(self, value):
        if isinstance(value, datetime.datetime):
            # The day as lived in Mexico City, as the page says it.
            value = timezone.localdate(value)
        return value.isoformat()


class MillionsColumn(tables.Column):
    """An amount in pesos: $7,698.6 mdp on the page; the exact amount (a number) in the CSV."""

    def render(self, value):
        return formatting.millions_of_pesos(value)

    @stored_value
    def value(self, value):
        return value


class SourceColumn(tables.Column):
    """One field of the row's source; the table's `source_accessor` says where the source is."""

    def __init__(self, field, verbose_name, **kwargs):
        super().__init__(verbose_name=verbose_name, visible=False, **kwargs)
        self.field = field


class SourceConfidenceColumn(SourceColumn, ChoiceColumn):
    """How far to trust the source: «media» on the page, `medium` in the CSV."""


SOURCE_COLUMNS = ("source_reported_by", "source_published_in", "source_url", "source_confidence")


def source_columns_note() -> str:
    """Say, in the open-data catalogue, where a CSV with these columns gives each row's source."""
    return gettext("Una fuente por fila (columnas %(columns)s)") % {
        "columns": ", ".join(SOURCE_COLUMNS)
    }


class SourceColumnsMixin(tables.Table):
    """Where each row comes from, spelled the same in every CSV; hidden on the page.

    A table whose rows reach their source by another path sets `source_accessor`
    ("report__source"); one that shows some of them lists them in `shown_source_columns`.
    """

    source_accessor = "source"
    shown_source_columns = ()

    source_reported_by = SourceColumn("reported_by", _("Quién lo reporta"))
    source_published_in = SourceColumn("published_in", _("Dónde se publicó"))
    source_url = SourceColumn("url", _("URL de la fuente"))
    source_confidence = SourceConfidenceColumn("confidence", _("Confianza"), choices=Confidence)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SOURCE_COLUMNS:
            if name not in self.columns:
                continue
            bound = self.columns[name]
            bound.column.accessor = bound.accessor = tables.A(
                f"{self.source_accessor}__{bound.column.field}"
            )
            bound.column.visible = name in self.shown_source_columns

    @stored_value(in_database=known_reporter_in_database)
    def value_source_reported_by(self, value):
        """«No indicado» is a placeholder for readers; a download leaves unknown empty."""
        return known_reporter(value)

    def render_source_published_in(self, value, record):
        """Link where it was published to its URL, when there is one (on the page only)."""
        url = tables.A(f"{self.source_accessor}__url").resolve(record, quiet=True)
        return format_html('<a href="{}">{}</a>', url, value) if url else value
