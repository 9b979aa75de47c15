"""Import text or files in tests through the same path staff use (read_file + import_file)."""

import io

from core.imports import import_file, importers_for
from core.readers import read_file


def import_path(path, *, app_label=None, **kwargs):
    """Import a file on disk as `manage.py import_file` would."""
    with open(path, "rb") as handle:
        table_file = read_file(handle, path.name)
    return import_file(table_file, candidates=importers_for(app_label), **kwargs)


def import_bytes(content: bytes, filename="archivo.csv", *, app_label=None, keys=None, **kwargs):
    """Import the bytes of a file named `filename`; kwargs go to the importer."""
    table_file = read_file(io.BytesIO(content), filename)
    return import_file(table_file, candidates=importers_for(app_label, keys), **kwargs)


def import_text(text: str, filename="archivo.csv", **kwargs):
    """Import CSV text (UTF-8)."""
    return import_bytes(text.encode("utf-8"), filename, **kwargs)
