"""Admin imports as background jobs (django-tasks; the database backend in production).

A 20,000-row file takes longer than a web request may (gunicorn's 30 s), so the admin's
preview and confirm steps each enqueue `run_admin_import`; a worker (`manage.py db_worker`)
runs it and the admin page polls its progress. The import itself is still one transaction:
all or nothing. Progress can't be written to the database from inside that transaction
(nobody else would see it before the commit, and SQLite allows one writer), so it goes to a
cache shared by the web and the worker processes (`IMPORT_PROGRESS_CACHE_URL`).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django_tasks import TaskContext, task

from core.imports import ImportRejected
from core.readers import read_file

PROGRESS_CACHE = "import_progress"
PROGRESS_TTL = 60 * 60 * 24


def progress_of(job_id: str) -> dict[str, int | None]:
    """Rows done and total of a job so far (total None while the file is being read)."""
    return caches[PROGRESS_CACHE].get(f"import:{job_id}", {"done": 0, "total": None})


def _report(job_id: str, done: int, total: int | None) -> None:
    caches[PROGRESS_CACHE].set(f"import:{job_id}", {"done": done, "total": total}, PROGRESS_TTL)


def _model_admin(label: str):
    """The ModelAdmin whose import page enqueued the job (`debt.debtfigure`)."""
    return admin.site._registry[apps.get_model(label)]


def _as_user(user_id: int) -> HttpRequest:
    """A request standing for the staff user, for the admin's import_state_limit (their state)."""
    request = HttpRequest()
    request.user = get_user_model()._default_manager.get(pk=user_id)
    return request


@task(takes_context=True)
def run_admin_import(
    context: TaskContext,
    *,
    model_admin: str,
    stored_name: str,
    file_name: str,
    user_id: int,
    dry_run: bool,
    options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Preview (dry_run) or import a kept upload; return the summary or the rows' errors.

    The upload is deleted once imported, or once it proves unreadable; a previewed one waits
    for its confirmation (or `clean_imports`).
    """
    job_id = context.task_result.id
    _report(job_id, 0, None)
    delete_upload = not dry_run
    try:
        with default_storage.open(stored_name, "rb") as handle:
            table_file = read_file(handle, file_name)
        summary = _model_admin(model_admin).run_import(
            _as_user(user_id),
            table_file,
            dry_run=dry_run,
            progress=lambda done, total: _report(job_id, done, total),
            options=options,
        )
    except ImportRejected as rejected:
        delete_upload = True
        return {"errors": [asdict(error) for error in rejected.errors]}
    finally:
        if delete_upload:
            default_storage.delete(stored_name)
    _report(job_id, summary.total_rows, summary.total_rows)
    return {"summary": asdict(summary)}
