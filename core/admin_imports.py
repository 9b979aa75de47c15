"""Upload → preview → confirm, for admin imports. All or nothing, every error listed.

The uploaded file waits on the server between preview and confirm under a name the server
chose; the browser only sends back a random id that this user's session maps to that name,
so no client-sent path ever reaches the storage.
"""

import secrets
from datetime import timedelta
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import ImportFileForm
from core.imports import ImportRejected, import_file, importers_for
from core.readers import read_file

IMPORT_DIR = "importaciones"
SESSION_KEY = "pending_imports"
STALE_AFTER = timedelta(days=1)


def delete_stale_uploads(now=None) -> int:
    """Delete uploads never confirmed that are older than a day; return how many."""
    if not default_storage.exists(IMPORT_DIR):
        return 0
    cutoff = (now or timezone.now()) - STALE_AFTER
    deleted = 0
    for name in default_storage.listdir(IMPORT_DIR)[1]:
        stored = f"{IMPORT_DIR}/{name}"
        if default_storage.get_modified_time(stored) < cutoff:
            default_storage.delete(stored)
            deleted += 1
    return deleted


def _keep_upload(request, upload) -> tuple[str, str]:
    """Store an upload under a server-chosen name; return the id the browser sends back."""
    upload_id = secrets.token_urlsafe(16)
    suffix = PurePath(upload.name).suffix.lower()[:10]
    stored_name = default_storage.save(f"{IMPORT_DIR}/{upload_id}{suffix}", upload)
    pending = request.session.get(SESSION_KEY, {})
    pending[upload_id] = {"stored_name": stored_name, "file_name": upload.name}
    request.session[SESSION_KEY] = pending
    return upload_id, stored_name


def _take_upload(request, upload_id: str) -> dict | None:
    """Return (and forget) the upload this session kept under that id; None for any other id."""
    pending = request.session.get(SESSION_KEY, {})
    kept = pending.pop(upload_id, None) if isinstance(upload_id, str) else None
    request.session[SESSION_KEY] = pending
    return kept


class ImportAdminMixin:
    """Adds `<changelist>/importar/`, reading any file one of `importer_keys` recognises."""

    # The registered importers (core.imports) this page offers: every importer of an app,
    # so a dataset added later is offered too, or only the listed keys.
    importer_app_label: str | None = None
    importer_keys: list[str] | None = None
    import_permissions: list[str] = []
    import_title = ""
    import_help = ""
    # A form shown with the confirm button (e.g. publish now or save as draft); the admin
    # reads its answer from request.POST in import_context.
    import_confirm_form = None
    change_list_template = "admin/portal/change_list_with_import.html"

    def import_context(self, request) -> dict:
        """Extra keyword arguments for the importer (e.g. whether new lines are published)."""
        return {}

    def has_import_permission(self, request) -> bool:
        return request.user.has_perms(self.import_permissions)

    def import_state_limit(self, request):
        """The one state whose rows this user may import (None: any); see states.scoping."""
        return None

    def _importers(self):
        return importers_for(self.importer_app_label, self.importer_keys)

    def run_import(self, request, table_file, *, dry_run):
        """Import (or, with dry_run, only validate) and return a summary; raise ImportRejected."""
        return import_file(
            table_file,
            candidates=self._importers(),
            dry_run=dry_run,
            only_state=self.import_state_limit(request),
            **self.import_context(request),
        )

    def _url_name(self, view):
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_{view}"

    def get_urls(self):
        return [
            path(
                "importar/",
                self.admin_site.admin_view(self.import_view),
                name=self._url_name("import"),
            ),
            *super().get_urls(),
        ]

    def _import_url(self):
        return reverse(f"admin:{self._url_name('import')}")

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": self.import_title,
            "import_help": self.import_help,
            "opts": self.model._meta,
            "formats": [layout for entry in self._importers() for layout in entry.formats],
        }
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, request.POST.get("upload_id", ""))
        form = ImportFileForm(request.POST or None, request.FILES or None)
        context["form"] = form
        if request.method == "POST" and form.is_valid():
            delete_stale_uploads()
            upload = form.cleaned_data["file"]
            upload_id, stored_name = _keep_upload(request, upload)
            try:
                with default_storage.open(stored_name, "rb") as handle:
                    table_file = read_file(handle, upload.name)
                summary = self.run_import(request, table_file, dry_run=True)
            except ImportRejected as rejected:
                _take_upload(request, upload_id)
                default_storage.delete(stored_name)
                context["errors"] = rejected.errors
            else:
                context.update(
                    summary=summary,
                    header=list(summary.preview[0]) if summary.preview else [],
                    preview=summary.preview,
                    total_rows=summary.total_rows,
                    upload_id=upload_id,
                    confirm_form=self.import_confirm_form() if self.import_confirm_form else None,
                )
        return TemplateResponse(request, "admin/portal/import.html", context)

    def _confirm(self, request, upload_id):
        kept = _take_upload(request, upload_id)
        if kept is None or not default_storage.exists(kept["stored_name"]):
            messages.error(request, _("El archivo ya no está disponible: súbelo otra vez."))
            return redirect(self._import_url())
        stored_name = kept["stored_name"]
        try:
            with default_storage.open(stored_name, "rb") as handle:
                table_file = read_file(handle, kept["file_name"])
            summary = self.run_import(request, table_file, dry_run=False)
        except ImportRejected as rejected:
            for error in rejected.errors:
                messages.error(request, str(error))
            return redirect(self._import_url())
        finally:
            default_storage.delete(stored_name)
        text = _(
            "Importado (%(kind)s): %(created)s nuevas, %(updated)s actualizadas, "
            "%(unchanged)s sin cambios."
        )
        counts = {
            "kind": summary.kind,
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
        }
        messages.success(request, text % counts)
        return redirect(reverse(f"admin:{self._url_name('changelist')}"))
