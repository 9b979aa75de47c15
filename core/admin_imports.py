"""Upload → preview → confirm, for admin imports. All or nothing, every error listed.

The uploaded file waits on the server between preview and confirm under a name the server
chose; the browser only sends back a random id that this user's session maps to that name,
so no client-sent path ever reaches the storage.

Preview and confirm each run as a background job (core.import_jobs): the page shows its
progress until the worker is done, then its result. A task backend that runs jobs at once
(ImmediateBackend, the tests') answers with the result in the same response.
"""

import secrets
from datetime import timedelta
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from core.forms import ImportFileForm
from core.import_jobs import progress_of, run_admin_import
from core.imports import RowError, import_file, importers_for

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


def _remember_preview_job(request, upload_id: str, job_id: str) -> None:
    pending = request.session.get(SESSION_KEY, {})
    if upload_id in pending:
        pending[upload_id]["preview_job"] = job_id
        request.session[SESSION_KEY] = pending


def _upload_previewed_by(request, job_id: str) -> str | None:
    """The upload id this session previewed in that job (what its confirm button sends)."""
    for upload_id, kept in request.session.get(SESSION_KEY, {}).items():
        if kept.get("preview_job") == job_id:
            return upload_id
    return None


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
        """Extra keyword arguments for the importer (e.g. whether new lines are published).

        Read from the staff member's request when the job is queued, so they must be plain
        JSON values: the worker receives them as the job's arguments.
        """
        return {}

    def has_import_permission(self, request) -> bool:
        return request.user.has_perms(self.import_permissions)

    def import_state_limit(self, request):
        """The one state whose rows this user may import (None: any); see states.scoping."""
        return None

    def _importers(self):
        return importers_for(self.importer_app_label, self.importer_keys)

    def run_import(self, request, table_file, *, dry_run, progress=None, options=None):
        """Import (or, with dry_run, only validate) and return a summary; raise ImportRejected.

        Runs in the worker (core.import_jobs), with `request` standing for the staff user
        (whose state limits the rows) and `options` as import_context gave them when queued.
        """
        return import_file(
            table_file,
            candidates=self._importers(),
            dry_run=dry_run,
            progress=progress,
            only_state=self.import_state_limit(request),
            **(options or {}),
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
            path(
                "importar/tarea/<str:job_id>/",
                self.admin_site.admin_view(self.import_job_view),
                name=self._url_name("import_job"),
            ),
            path(
                "importar/tarea/<str:job_id>/estado/",
                self.admin_site.admin_view(self.import_job_status_view),
                name=self._url_name("import_job_status"),
            ),
            *super().get_urls(),
        ]

    def _import_url(self):
        return reverse(f"admin:{self._url_name('import')}")

    def _job_url(self, job_id, view="import_job"):
        return reverse(f"admin:{self._url_name(view)}", args=[job_id])

    def _import_context(self, request) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": self.import_title,
            "import_help": self.import_help,
            "opts": self.model._meta,
            "formats": [layout for entry in self._importers() for layout in entry.formats],
        }

    def _enqueue(self, request, kept: dict, *, dry_run: bool):
        return run_admin_import.enqueue(
            model_admin=self.model._meta.label_lower,
            stored_name=kept["stored_name"],
            file_name=kept["file_name"],
            user_id=request.user.pk,
            dry_run=dry_run,
            options=self.import_context(request),
        )

    def _own_job(self, request, job_id):
        """This user's import job from this page, or 404 (someone else's id finds nothing)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        try:
            result = run_admin_import.get_result(job_id)
        except (TaskResultDoesNotExist, ValidationError, ValueError) as missing:
            raise Http404 from missing
        except NotImplementedError as unsupported:
            # A backend that keeps no results (ImmediateBackend) has no job page to show.
            raise Http404 from unsupported
        kwargs = result.kwargs
        if (
            kwargs.get("user_id") != request.user.pk
            or kwargs.get("model_admin") != self.model._meta.label_lower
        ):
            raise Http404
        return result

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, request.POST.get("upload_id", ""))
        context = self._import_context(request)
        form = ImportFileForm(request.POST or None, request.FILES or None)
        context["form"] = form
        if request.method == "POST" and form.is_valid():
            delete_stale_uploads()
            upload = form.cleaned_data["file"]
            upload_id, stored_name = _keep_upload(request, upload)
            job = self._enqueue(
                request, {"stored_name": stored_name, "file_name": upload.name}, dry_run=True
            )
            _remember_preview_job(request, upload_id, job.id)
            if not job.is_finished:
                return redirect(self._job_url(job.id))
            return self._finished_job_response(request, job)
        return TemplateResponse(request, "admin/portal/import.html", context)

    def _confirm(self, request, upload_id):
        kept = _take_upload(request, upload_id)
        if kept is None or not default_storage.exists(kept["stored_name"]):
            messages.error(request, _("El archivo ya no está disponible: súbelo otra vez."))
            return redirect(self._import_url())
        job = self._enqueue(request, kept, dry_run=False)
        if not job.is_finished:
            return redirect(self._job_url(job.id))
        return self._finished_job_response(request, job)

    def import_job_view(self, request, job_id):
        """The job's progress until it is done (refreshing itself), then its result."""
        job = self._own_job(request, job_id)
        if job.is_finished:
            return self._finished_job_response(request, job)
        context = {
            **self._import_context(request),
            "job": job,
            "progress": progress_of(job.id),
            "status_url": self._job_url(job.id, "import_job_status"),
            "confirming": not job.kwargs["dry_run"],
        }
        return TemplateResponse(request, "admin/portal/import_progress.html", context)

    def import_job_status_view(self, request, job_id):
        """Progress as JSON, for the page's script (without it, the page refreshes itself)."""
        job = self._own_job(request, job_id)
        progress = progress_of(job.id)
        return JsonResponse(
            {
                "status": str(job.status),
                "finished": job.is_finished,
                "done": progress["done"],
                "total": progress["total"],
            }
        )

    def _finished_job_response(self, request, job):
        """The result of a finished job: the preview, the rows' errors, or what was imported."""
        context = self._import_context(request)
        outcome = job.return_value if job.status == TaskResultStatus.SUCCESSFUL else None
        if outcome is None:
            # The worker itself failed (not a bad row): nothing was written, the upload is kept
            # until clean_imports, and the staff member can try again.
            context["form"] = ImportFileForm()
            context["errors"] = [
                RowError(0, "", "", _("La importación falló en el servidor; no se guardó nada."))
            ]
            return TemplateResponse(request, "admin/portal/import.html", context)
        if "errors" in outcome:
            if job.kwargs["dry_run"]:
                _take_upload(request, _upload_previewed_by(request, job.id) or "")
            else:
                for error in outcome["errors"]:
                    messages.error(request, str(RowError(**error)))
                return redirect(self._import_url())
            context["form"] = ImportFileForm()
            context["errors"] = [RowError(**error) for error in outcome["errors"]]
            return TemplateResponse(request, "admin/portal/import.html", context)
        summary = outcome["summary"]
        if job.kwargs["dry_run"]:
            upload_id = _upload_previewed_by(request, job.id)
            if upload_id is None:
                # Already confirmed (or from another session): start again from the upload.
                return redirect(self._import_url())
            context.update(
                summary=summary,
                header=list(summary["preview"][0]) if summary["preview"] else [],
                preview=summary["preview"],
                total_rows=summary["total_rows"],
                upload_id=upload_id,
                confirm_form=self.import_confirm_form() if self.import_confirm_form else None,
            )
            return TemplateResponse(request, "admin/portal/import.html", context)
        text = _(
            "Importado (%(kind)s): %(created)s nuevas, %(updated)s actualizadas, "
            "%(unchanged)s sin cambios."
        )
        counts = {key: summary[key] for key in ("kind", "created", "updated", "unchanged")}
        messages.success(request, text % counts)
        return redirect(reverse(f"admin:{self._url_name('changelist')}"))
