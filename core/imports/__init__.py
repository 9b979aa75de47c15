"""The import framework: reading files, recognising their layout, importing rows.

from core.imports import importer, ImportSummary, RowReader, upsert
"""

from core.imports.framework import (
    FileFormat,
    Importer,
    ParsedFile,
    import_file,
    importer,
    importers,
    importers_for,
    recognise,
    template_format,
)
from core.imports.rows import (
    ImportRejected,
    ImportSummary,
    RowError,
    RowReader,
    atomic_import,
    bulk_upsert,
    current_state_limit,
    max_length_of,
    upsert,
)

__all__ = [
    "FileFormat",
    "ImportRejected",
    "ImportSummary",
    "Importer",
    "ParsedFile",
    "RowError",
    "RowReader",
    "atomic_import",
    "bulk_upsert",
    "current_state_limit",
    "import_file",
    "importer",
    "importers",
    "importers_for",
    "max_length_of",
    "recognise",
    "template_format",
    "upsert",
]
