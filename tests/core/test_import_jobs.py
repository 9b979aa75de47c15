"""Admin imports run as background jobs: the page shows progress, then the preview, then the
result, and the worker writes everything or nothing."""

from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from debt.models import Population
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# 32 states × 100 years far from the shipped ones (1990–2040): 3,200 valid rows.
YEARS = range(2200, 2300)


def population_csv() -> bytes:
    lines = ["year,cve_ent,population_start_year,population_mid_year"]
    lines += [f"{year},{cve:02d},1000,1001" for year in YEARS for cve in range(1, 33)]
    return ("\n".join(lines) + "\n").encode()


def run_worker():
    """What `manage.py db_worker --batch` does: run every queued job, then stop.

    It closes "old" connections between jobs, as Django does between requests; the test
    client skips that too, since closing would end the test's transaction (on PostgreSQL).
    """
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch(f"{Worker.__module__}.close_old_connections"):
        worker.run()


@pytest.fixture
def garante(client, shipped_data, settings):
    settings.TASKS = DATABASE_TASKS
    user = StaffUserFactory(
        username="garante-tareas", groups=["Órgano garante: deuda"], every_state=True
    )
    client.force_login(user)
    return user


def test_a_3200_row_file_is_previewed_and_imported_by_the_worker(client, garante):
    import_url = reverse("admin:debt_debtfigure_import")
    upload = SimpleUploadedFile("poblacion.csv", population_csv())

    queued = client.post(import_url, {"file": upload})

    # The request only queues the preview: the page shows a bar and reloads itself.
    job = DBTaskResult.objects.get()
    job_url = reverse("admin:debt_debtfigure_import_job", args=[job.id])
    assert queued.status_code == 302 and queued["Location"] == job_url
    waiting = client.get(job_url)
    assert b"<progress" in waiting.content and b'http-equiv="refresh"' in waiting.content
    status_url = reverse("admin:debt_debtfigure_import_job_status", args=[job.id])
    assert client.get(status_url).json()["finished"] is False

    run_worker()

    status = client.get(status_url).json()
    assert status == {"status": "SUCCESSFUL", "finished": True, "done": 3200, "total": 3200}
    preview = client.get(job_url)
    assert preview.context["summary"]["created"] == 3200
    assert not Population.objects.filter(year__in=YEARS).exists()  # a preview writes nothing

    confirmed = client.post(import_url, {"confirm": "1", "upload_id": preview.context["upload_id"]})
    confirm_job = DBTaskResult.objects.exclude(id=job.id).get()
    assert confirmed["Location"] == reverse(
        "admin:debt_debtfigure_import_job", args=[confirm_job.id]
    )
    assert not Population.objects.filter(year__in=YEARS).exists()

    run_worker()

    done = client.get(confirmed["Location"], follow=True)
    assert "3200 nuevas" in str(list(done.context["messages"])[0])
    assert Population.objects.filter(year__in=YEARS).count() == 3200
    assert not default_storage.exists(confirm_job.args_kwargs["kwargs"]["stored_name"])


def test_a_bad_file_ends_as_a_job_with_its_row_errors_and_writes_nothing(client, garante):
    import_url = reverse("admin:debt_debtfigure_import")
    bad = b"year,cve_ent,population_start_year,population_mid_year\n2201,01,mil,1001\n"

    job_url = client.post(import_url, {"file": SimpleUploadedFile("p.csv", bad)})["Location"]
    run_worker()

    page = client.get(job_url)
    assert [(error.line, error.column) for error in page.context["errors"]] == [
        (2, "population_start_year")
    ]
    assert b"no se import" in page.content
    assert not Population.objects.filter(year=2201).exists()


def test_another_users_job_is_not_found(client, garante):
    client.post(
        reverse("admin:debt_debtfigure_import"),
        {"file": SimpleUploadedFile("p.csv", population_csv()[:200])},
    )
    job = DBTaskResult.objects.get()
    client.force_login(
        StaffUserFactory(
            username="otro-garante", groups=["Órgano garante: deuda"], every_state=True
        )
    )

    url = reverse("admin:debt_debtfigure_import_job", args=[job.id])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("admin:debt_debtfigure_import_job", args=["no-es-uuid"])).status_code
        == 404
    )


def test_without_a_result_store_a_job_page_is_not_found(client, shipped_data):
    # The tests' ImmediateBackend (like any backend that keeps no results) runs imports in
    # the request: a job address answers 404, never 500.
    client.force_login(
        StaffUserFactory(
            username="garante-inmediato", groups=["Órgano garante: deuda"], every_state=True
        )
    )
    url = reverse("admin:debt_debtfigure_import_job", args=["0b7a3c1e-8a8e-4c56-9a43-6d1f0d3c2b11"])

    assert client.get(url).status_code == 404
