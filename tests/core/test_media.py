"""Evidence files and citizen-report PDFs: checked by content and size on upload, served by
the portal with safe headers, and only when the object that holds them is published."""

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from debt.models import CitizenReport
from states.models import State
from tests.factories import CommitmentFactory, ProgressUpdateFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def admin_form_errors(model, field, upload, user):
    """The errors the admin's own form gives `field` for this upload."""
    request = RequestFactory().post("/")
    request.user = user
    form_class = admin.site._registry[model].get_form(request)
    form = form_class(data={}, files={field: upload})
    form.is_valid()
    return form.errors.get(field, [])


@pytest.fixture
def superuser(db):
    return StaffUserFactory(username="raiz", is_superuser=True)


@pytest.mark.parametrize(
    "name, content, found",
    [
        pytest.param("informe.pdf", HTML, "HTML/XML", id="page-with-a-script-renamed"),
        pytest.param("informe.pdf", PNG, "PNG", id="picture-renamed"),
    ],
)
def test_citizen_report_refuses_a_file_that_is_not_a_pdf(superuser, name, content, found):
    errors = admin_form_errors(CitizenReport, "pdf", SimpleUploadedFile(name, content), superuser)

    assert errors == [
        f"«{name}» no es un archivo permitido: por su contenido es {found}. Se aceptan: PDF."
    ]


@pytest.mark.parametrize("name", ["evidencia.html", "evidencia.txt", "evidencia.csv"])
def test_evidence_refuses_a_page_with_a_script_whatever_its_name(superuser, name):
    from commitments.models import ProgressUpdate

    errors = admin_form_errors(
        ProgressUpdate, "evidence_file", SimpleUploadedFile(name, HTML), superuser
    )

    assert len(errors) == 1 and "por su contenido es HTML/XML" in errors[0]


def test_an_oversized_file_is_refused_naming_the_limit(superuser, settings):
    settings.MEDIA_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("informe.pdf", PDF + bytes(1024 * 1024))

    errors = admin_form_errors(CitizenReport, "pdf", big, superuser)

    assert errors == ["El archivo pesa 1.0 MB; el máximo es 1 MB."]


def test_a_valid_pdf_and_a_csv_pass_the_checks(superuser):
    from commitments.models import ProgressUpdate

    pdf = SimpleUploadedFile("informe.pdf", PDF)
    csv = SimpleUploadedFile("avance.csv", b"municipio,monto\nFresnillo,12\n")
    assert admin_form_errors(CitizenReport, "pdf", pdf, superuser) == []
    assert admin_form_errors(ProgressUpdate, "evidence_file", csv, superuser) == []


def make_report(*, published):
    report = CitizenReport.objects.create(
        state=State.objects.get(cve_ent="32"),
        year=2095 if published else 2096,
        title="Informe de prueba",
        is_published=published,
    )
    report.pdf.save("informe-prueba.pdf", ContentFile(PDF))
    return report


def test_a_published_reports_pdf_is_served_inline_with_safe_headers(client, states):
    report = make_report(published=True)

    response = client.get(report.pdf.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_evidence_downloads_as_an_attachment_typed_by_its_content(client, states):
    update = ProgressUpdateFactory(commitment=CommitmentFactory())
    # Named .pdf, but a PNG: served as what it is, and saved rather than opened.
    update.evidence_file.save("evidencia.pdf", ContentFile(PNG))

    response = client.get(update.evidence_file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="evidencia.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_unpublished_files_and_unknown_paths_are_not_found(client, states):
    draft = make_report(published=False)
    update = ProgressUpdateFactory(commitment=CommitmentFactory(), is_published=False)
    update.evidence_file.save("borrador.png", ContentFile(PNG))

    assert client.get(draft.pdf.url).status_code == 404
    assert client.get(update.evidence_file.url).status_code == 404
    assert client.get("/media/importaciones/cualquiera.csv").status_code == 404
    assert client.get("/media/../portal/settings/base.py").status_code == 404


def test_staff_who_may_view_reports_see_an_unpublished_pdf(client, states, superuser):
    draft = make_report(published=False)
    client.force_login(superuser)

    response = client.get(draft.pdf.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_staff_of_another_state_do_not_get_an_unpublished_pdf(client, states):
    draft = make_report(published=False)  # Zacatecas's
    garante = ["Órgano garante: deuda"]
    client.force_login(StaffUserFactory(username="garante-son", groups=garante, state="26"))
    assert client.get(draft.pdf.url).status_code == 404

    client.force_login(StaffUserFactory(username="garante-zac", groups=garante, state="32"))
    assert client.get(draft.pdf.url).status_code == 200
