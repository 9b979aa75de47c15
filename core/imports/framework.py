"""The one import framework: every dataset's importer is registered here, with the file layouts
it reads, and every way of loading a file (admin upload, `manage.py import_*`,
`load_shipped_data`) goes through `import_file`.

A dataset's service is written once, as a function of tidy rows:

    @importer(key="debt-figures", label=_("cifras de deuda"), columns=FIGURE_COLUMNS,
              shipped=["debt_figures.csv"], order=40)
    def debt_figures_import(*, rows) -> ImportSummary: ...

and the decorator turns it into `debt_figures_import(*, rows, dry_run=False, progress=None)`:
one transaction, all or nothing, and with dry_run the real import rolled back (the preview).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core import readers
from core.imports.rows import (
    ImportRejected,
    ImportSummary,
    RowError,
    atomic_import,
    limited_to_state,
    refuse_rows_without_state,
)
from core.registries import Registry

if TYPE_CHECKING:
    from core.readers import TableFile

Rows = list[tuple[int, dict[str, str]]]
PREVIEW_ROWS = 20


@dataclass
class ParsedFile:
    """A file turned into tidy rows, with what was recognised and what was left out."""

    rows: Rows
    description: str = ""
    skipped: list[tuple[int, str]] = field(default_factory=list)


class Layout(Protocol):
    """What an importer needs of a file layout: a name, a test and a parser to tidy rows."""

    @property
    def key(self) -> str: ...

    @property
    def label(self) -> Any: ...

    @property
    def recognise(self) -> Callable[[TableFile], bool]: ...

    @property
    def parse(self) -> Callable[[TableFile], Any]: ...


@dataclass(frozen=True)
class FileFormat:
    """A layout an importer reads: one of our column templates, or an official publication."""

    key: str
    label: str | Promise
    recognise: Callable[[TableFile], bool]
    parse: Callable[[TableFile], ParsedFile]
    columns: tuple[str, ...] = ()  # for templates: the columns a file must have


def _header(table_file: TableFile) -> list[str]:
    """Return the first row of the first sheet, as text (empty when it is no header at all)."""
    if not table_file.sheets:
        return []
    try:
        return readers.header_of(table_file.sheets[0])
    except ImportRejected:
        # Not one of our templates (e.g. an official spreadsheet with a title on top).
        return []


def template_format(key: str, label: str | Promise, columns: Iterable[str]) -> FileFormat:
    """Return the format of our own templates: a header row holding at least `columns`."""
    columns = tuple(columns)

    def recognise(table_file: TableFile) -> bool:
        # The header row says which template it is; its rows are read (and any error in
        # them named) once the file is parsed, not once per template it is tried against.
        header = readers.header_of(table_file.sheets[0]) if table_file.sheets else []
        return set(columns) <= set(header)

    def parse(table_file: TableFile) -> ParsedFile:
        _header, rows = readers.header_and_rows(table_file.sheets[0])
        return ParsedFile(rows=rows)

    return FileFormat(key, label, recognise, parse, columns)


@dataclass(frozen=True)
class Importer:
    """One dataset's way in: the layouts it reads and the service that writes its rows."""

    key: str
    label: str | Promise
    app_label: str
    # run(*, rows, dry_run=False, progress=None, only_state=None, **context)
    run: Callable[..., ImportSummary]
    formats: tuple[Layout, ...]
    # Files in fixtures/ that `load_shipped_data` loads through this importer (JSON files go
    # through loaddata), and where in the load order: later datasets point at earlier ones.
    shipped: tuple[str, ...] = ()
    order: int = 100


importers = Registry()


def _with_progress(rows: Rows, progress):
    """Yield the rows, telling `progress(done, total)` every 200 rows and at the end."""
    total = len(rows)
    for done, row in enumerate(rows, start=1):
        if progress and (done % 200 == 0 or done == total):
            progress(done, total)
        yield row


def importer(
    *,
    key: str,
    label: str | Promise,
    columns: Iterable[str] = (),
    formats: Iterable[Layout] = (),
    shipped: Iterable[str] = (),
    order: int = 100,
):
    """Register a service as a dataset's importer; return it with dry_run and progress."""

    def decorate(service):
        @functools.wraps(service)
        def run(*, rows, dry_run=False, progress=None, only_state=None, **context) -> ImportSummary:
            rows = list(rows)

            def limited_run():
                with limited_to_state(only_state) as limit:
                    summary = service(rows=_with_progress(rows, progress), **context)
                refuse_rows_without_state([line for line, _row in rows], limit)
                return summary

            summary = atomic_import(limited_run, dry_run=dry_run)
            summary.kind = summary.kind or str(label)
            return summary

        layouts: tuple[Layout, ...] = tuple(formats)
        if columns:
            layouts = (template_format(key, label, columns), *layouts)
        importers.register(
            Importer(
                key=key,
                label=label,
                app_label=service.__module__.split(".")[0],
                run=run,
                formats=layouts,
                shipped=tuple(shipped),
                order=order,
            )
        )
        return run

    return decorate


def importers_for(app_label: str | None = None, keys: Iterable[str] | None = None):
    """Return the registered importers, of one app or with the given keys, in load order."""
    keys = set(keys) if keys is not None else None
    return [
        entry
        for entry in importers
        if (app_label is None or entry.app_label == app_label)
        and (keys is None or entry.key in keys)
    ]


def _columns(layout) -> tuple[str, ...]:
    """Return the columns a template requires; official layouts have none to list."""
    return getattr(layout, "columns", ())


def _recognises(layout, table_file: TableFile) -> bool:
    try:
        return layout.recognise(table_file)
    except ImportRejected:
        # Reading it as this layout failed (e.g. no header row where a template needs one).
        return False


def recognise(table_file: TableFile, candidates) -> tuple[Importer, Layout]:
    """Return the importer and layout that read this file, or reject it naming the options."""
    for entry in candidates:
        for layout in entry.formats:
            if _recognises(layout, table_file):
                return entry, layout
    header = _header(table_file)
    templates = [layout for entry in candidates for layout in entry.formats if _columns(layout)]
    closest = max(templates, key=lambda t: len(set(_columns(t)) & set(header)), default=None)
    if closest is not None and set(_columns(closest)) & set(header):
        # Most likely one of our templates with a column missing: say which.
        raise ImportRejected(
            RowError(1, column, "", _("falta esta columna en el encabezado"))
            for column in closest.columns
            if column not in header
        )
    known = "; ".join(
        f"{layout.label} ({', '.join(_columns(layout))})" if _columns(layout) else str(layout.label)
        for entry in candidates
        for layout in entry.formats
    )
    raise ImportRejected(
        [
            RowError(
                1,
                ", ".join(name for name in header if name)[:300],
                "",
                _("no reconozco este archivo. Se pueden importar aquí: %(known)s")
                % {"known": known},
            )
        ]
    )


def import_file(
    table_file: TableFile,
    *,
    candidates,
    dry_run=False,
    progress=None,
    only_state=None,
    **context,
) -> ImportSummary:
    """Recognise the file among `candidates`, read its rows and import them; all or nothing.

    With `only_state`, any row of another state, or of no state, rejects the file.
    """
    entry, layout = recognise(table_file, candidates)
    parsed = layout.parse(table_file)
    summary = entry.run(
        rows=parsed.rows, dry_run=dry_run, progress=progress, only_state=only_state, **context
    )
    summary.description = parsed.description or str(layout.label)
    summary.skipped = parsed.skipped
    summary.total_rows = len(parsed.rows)
    summary.preview = [row for _line, row in parsed.rows[:PREVIEW_ROWS]]
    return summary
