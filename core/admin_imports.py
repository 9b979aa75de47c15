"""Upload → preview → confirm, for admin imports. All or nothing, every error listed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from core.forms import ImportFileForm
from core.imports import ImportRejected, import_file, importers_for
from core.readers import read_file

IMPORT_DIR = "importaciones"


class ImportAdminMixin:
    """Adds `<changelist>/importar/`, reading any file one of `importer_keys` recognises."""

    # The registered importers (core.imports) this page offers: every importer of an app,
    # so a dataset added later is offered too, or only the listed keys.
    importer_app_label: str | None = None
    importer_keys: list[str] | None = None
    import_permissions: list[str] = []
    import_title = ""
    import_help = ""
    change_list_template = "admin/portal/change_list_with_import.html"

    def import_context(self, request) -> dict:
        """Extra keyword arguments for the importer (e.g. the state a user may edit)."""
        return {}

    def _importers(self):
        return importers_for(self.importer_app_label, self.importer_keys)

    def run_import(self, request, table_file, *, dry_run):
        """Import (or, with dry_run, only validate) and return a summary; raise ImportRejected."""
        return import_file(
            table_file,
            candidates=self._importers(),
            dry_run=dry_run,
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
        if not request.user.has_perms(self.import_permissions):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": self.import_title,
            "import_help": self.import_help,
            "opts": self.model._meta,
            "formats": [layout for entry in self._importers() for layout in entry.formats],
        }
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, request.POST.get("stored_name", ""))
        form = ImportFileForm(request.POST or None, request.FILES or None)
        context["form"] = form
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            stored_name = default_storage.save(f"{IMPORT_DIR}/{upload.name}", upload)
            try:
                with default_storage.open(stored_name, "rb") as handle:
                    table_file = read_file(handle, upload.name)
                summary = self.run_import(request, table_file, dry_run=True)
            except ImportRejected as rejected:
                default_storage.delete(stored_name)
                context["errors"] = rejected.errors
            else:
                context.update(
                    summary=summary,
                    header=list(summary.preview[0]) if summary.preview else [],
                    preview=summary.preview,
                    total_rows=summary.total_rows,
                    stored_name=stored_name,
                )
        return TemplateResponse(request, "admin/portal/import.html", context)

    def _confirm(self, request, stored_name):
        if not stored_name.startswith(f"{IMPORT_DIR}/") or not default_storage.exists(stored_name):
            messages.error(request, _("El archivo ya no está disponible: súbelo otra vez."))
            return redirect(self._import_url())
        try:
            with default_storage.open(stored_name, "rb") as handle:
                table_file = read_file(handle, stored_name)
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
