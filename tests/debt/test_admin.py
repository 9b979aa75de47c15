"""Garante staff edit the debt data and load files through the admin, with preview."""

import os
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from debt.models import DebtFigure
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

GARANTE = "Órgano garante: deuda"
IMPORT_URL = "/admin/debt/debtfigure/importar/"
CSV = (
    "cve_ent,as_of,scope,amount_mxn_millions,reported_by,published_in,url,confidence,note\n"
    "32,2023-12-31,state_government,6942.5,SHCP,Obligaciones financieras 4T 2023,,high,\n"
)


@pytest.fixture
def garante(client, shipped_data):
    user = StaffUserFactory(username="izai", groups=[GARANTE], every_state=True)
    client.force_login(user)
    return user


def upload(client, text, name="cifras.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, text.encode("utf-8"))})


@pytest.mark.parametrize(
    "url",
    [
        "/admin/debt/debtfigure/",
        "/admin/debt/loan/",
        "/admin/debt/citizenreport/",
        "/admin/debt/glossaryterm/",
        "/admin/debt/debtmicrosite/",
        IMPORT_URL,
    ],
)
def test_garante_staff_can_open_the_debt_admin(client, garante, url):
    assert client.get(url).status_code == 200


def test_other_staff_cannot_import(client, shipped_data):
    client.force_login(StaffUserFactory(username="coordinacion", groups=["Coordinación nacional"]))

    assert client.get(IMPORT_URL).status_code == 403


def test_preview_then_confirm_imports_and_records_who(client, garante):
    before = DebtFigure.objects.count()

    preview = upload(client, CSV)

    html = preview.content.decode()
    assert "Vista previa" in html
    assert "se crearían 1" in html
    assert DebtFigure.objects.count() == before  # nothing written yet
    upload_id = preview.context["upload_id"]

    confirmed = client.post(IMPORT_URL, {"confirm": "1", "upload_id": upload_id})

    assert confirmed.status_code == 302
    figure = DebtFigure.objects.get(as_of="2023-12-31")
    assert figure.history.latest().history_user == garante


def test_bad_file_lists_every_error_and_writes_nothing(client, garante):
    before = DebtFigure.objects.count()

    response = upload(client, CSV + "32,2024-13,total,abc,SHCP,X,,high,\n")

    html = response.content.decode()
    assert "El archivo tiene 2 errores; no se importó nada." in html
    assert "<td>3</td><td>as_of</td><td>2024-13</td>" in html
    assert "<td>3</td><td>amount_mxn_millions</td><td>abc</td>" in html
    assert DebtFigure.objects.count() == before


@pytest.mark.parametrize(
    "sent",
    [
        {"upload_id": "importaciones/../secreto.txt"},
        {"upload_id": "../secreto.txt"},
        {"upload_id": "importaciones/otro.csv"},
        {"stored_name": "importaciones/../secreto.txt"},
    ],
)
def test_confirming_a_path_instead_of_an_upload_id_deletes_nothing(client, garante, sent):
    secret = default_storage.save("secreto.txt", ContentFile(b"no borrar"))
    other = default_storage.save("importaciones/otro.csv", ContentFile(CSV.encode()))

    response = client.post(IMPORT_URL, {"confirm": "1", **sent}, follow=True)

    assert "El archivo ya no está disponible" in response.content.decode()
    assert default_storage.exists(secret)
    assert default_storage.exists(other)
    default_storage.delete(secret)
    default_storage.delete(other)


def test_an_upload_id_is_good_for_one_confirmation_by_the_same_session(client, garante):
    upload_id = upload(client, CSV).context["upload_id"]
    client.post(IMPORT_URL, {"confirm": "1", "upload_id": upload_id})

    again = client.post(IMPORT_URL, {"confirm": "1", "upload_id": upload_id}, follow=True)

    assert "El archivo ya no está disponible" in again.content.decode()


def test_unconfirmed_uploads_older_than_a_day_are_cleaned(client, garante):
    upload_id = upload(client, CSV).context["upload_id"]
    (stored_name,) = [
        f"importaciones/{name}"
        for name in default_storage.listdir("importaciones")[1]
        if name.startswith(upload_id)
    ]

    call_command("clean_imports", stdout=StringIO())
    assert default_storage.exists(stored_name)  # a fresh upload waits for its confirmation

    old = (timezone.now() - timedelta(days=2)).timestamp()
    os.utime(default_storage.path(stored_name), (old, old))
    call_command("clean_imports", stdout=StringIO())

    assert not default_storage.exists(stored_name)


def test_state_page_links_its_debt_microsite(client, shipped_data):
    html = client.get("/estados/zacatecas/").content.decode()
    assert 'href="/deuda/zacatecas/"' in html
    assert "$6,573.0 mdp" in html

    # Every state has a microsite, filled from the official data.
    assert 'href="/deuda/sonora/"' in client.get("/estados/sonora/").content.decode()
