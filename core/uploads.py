"""What staff may upload as evidence or as a citizen report, judged by content, not by name.

A file's extension says nothing (an `.html` page with a script renamed `.pdf` is still a page),
so its type comes from its first bytes (`filetype`, magic numbers), and the size from
`MEDIA_MAX_UPLOAD_MB`. The same detection picks the Content-Type when the file is served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEAD_BYTES = 8192
PDF = "application/pdf"
# Types a reader can open safely once downloaded: documents, spreadsheets, pictures.
EVIDENCE_TYPES = {
    PDF: "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/webp": "WebP",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "text/csv": "CSV",
    "text/plain": "TXT",
}
TEXT_EXTENSIONS = {"csv": "text/csv", "txt": "text/plain"}
# Markup a browser would render or run, if the file were ever opened as a page.
MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|svg|iframe|object|\?xml)", re.I)


@dataclass(frozen=True)
class Detected:
    content_type: str | None  # None: no type we know
    label: str  # what the file really is, for the message ("HTML", "PNG")


def detect(head: bytes, name: str = "") -> Detected:
    """The file's type from its first bytes; plain text only for .csv/.txt without markup."""
    kind = filetype.guess(head)
    if kind is not None:
        return Detected(kind.mime, kind.extension.upper())
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if MARKUP.search(head):
        return Detected(None, "HTML/XML")
    if b"\x00" in head:
        return Detected(None, _("binario desconocido"))
    if extension in TEXT_EXTENSIONS:
        return Detected(TEXT_EXTENSIONS[extension], extension.upper())
    return Detected(None, _("texto"))


def _head(upload) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(position)
    return head


class UploadCheck:
    """A form-field validator: size under MEDIA_MAX_UPLOAD_MB and a type of `allowed`."""

    def __init__(self, allowed: dict[str, str]):
        self.allowed = allowed

    def __call__(self, upload) -> None:
        if upload is None or not hasattr(upload, "read"):
            return
        limit_mb = settings.MEDIA_MAX_UPLOAD_MB
        if upload.size > limit_mb * 1024 * 1024:
            raise ValidationError(
                _("El archivo pesa %(size).1f MB; el máximo es %(limit)s MB."),
                code="file_too_large",
                params={"size": upload.size / 1024 / 1024, "limit": limit_mb},
            )
        detected = detect(_head(upload), upload.name)
        if detected.content_type not in self.allowed:
            raise ValidationError(
                _(
                    "«%(name)s» no es un archivo permitido: por su contenido es %(found)s. "
                    "Se aceptan: %(allowed)s."
                ),
                code="file_type",
                params={
                    "name": upload.name,
                    "found": detected.label,
                    "allowed": ", ".join(sorted(set(self.allowed.values()))),
                },
            )


check_evidence_file = UploadCheck(EVIDENCE_TYPES)
check_pdf = UploadCheck({PDF: "PDF"})


class UploadChecksAdminMixin:
    """Checks each named file field of an admin form: `upload_checks = {"pdf": check_pdf}`.

    On the form, not the model, so the apps' migrations stay as they are.
    """

    upload_checks: dict = {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.upload_checks:
            field.validators = [*field.validators, self.upload_checks[db_field.name]]
        return field
