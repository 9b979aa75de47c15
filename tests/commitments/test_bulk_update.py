"""Bulk update of commitments from the public CSV: preview, row-level errors, all or nothing."""

import io

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.models import Commitment, CommitmentStatus
from commitments.services import BULK_COLUMNS, BULK_OPTIONAL
from core.imports import ImportRejected
from states.models import State, StateStaff
from tests.factories import StaffUserFactory
from tests.importing import import_bytes

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/commitments/commitment/importar/"


def exported(client, query="estado=zacatecas", language="es-mx"):
    """The CSV a citizen downloads (with the site in `language`), as a DataFrame to edit."""
    prefix = "" if language == "es-mx" else f"/{language}"
    response = client.get(f"{prefix}/compromisos/?{query}&formato=csv")
    return pd.read_csv(io.BytesIO(response.content), dtype=str, encoding="utf-8-sig").fillna("")


def bulk_update(frame, **context):
    """Import an edited download through the same importer the admin page uses."""
    content = frame.to_csv(index=False).encode("utf-8")
    return import_bytes(content, "compromisos.csv", keys=["commitments-bulk"], **context)


def test_the_exported_csv_imports_back_unchanged(client, shipped_data):
    summary = bulk_update(exported(client))

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 8)


def test_a_csv_downloaded_in_english_imports_back_unchanged(client, shipped_data):
    frame = exported(client, language="en")

    assert "In progress" in client.get("/en/compromisos/").content.decode()  # the page is English
    assert set(frame["status"]) <= set(CommitmentStatus.values)  # the file is not
    summary = bulk_update(frame)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 8)


def test_the_import_reads_the_columns_of_the_download(client, shipped_data):
    columns = set(exported(client).columns)

    assert set(BULK_COLUMNS) == {"state", "plan", "title", "status"} <= columns
    downloaded = [name for name in BULK_OPTIONAL if name in columns]
    assert downloaded == ["number", "follows_the_money", "theme", "url"]


def test_editing_the_export_updates_status_and_adds_a_progress_line(client, shipped_data):
    frame = exported(client)
    row = frame["title"] == "Código Urbano"
    frame.loc[row, "status"] = "fulfilled"
    frame["new_update"] = ""
    frame["new_update_date"] = ""
    frame.loc[row, "new_update"] = "Se aprobó el Código Urbano."
    frame.loc[row, "new_update_date"] = "2018-06"

    summary = bulk_update(frame)

    assert (summary.updated, summary.unchanged) == (1, 7)
    code = Commitment.objects.get(title="Código Urbano")
    assert code.status == "fulfilled"
    assert code.updates.filter(
        text="Se aprobó el Código Urbano.", reported_on="2018-06-01"
    ).exists()


def test_a_bad_file_names_each_problem_and_changes_nothing(client, shipped_data):
    frame = exported(client)
    frame.loc[0, "status"] = "Casi listo"
    frame.loc[1, "plan"] = "3° Plan de Acción Local"
    frame.loc[2, "status"] = "Cumplido"  # valid on its own (a label), but the file is not
    frame.loc[3, "follows_the_money"] = "Sí"  # valid: what people type
    before = list(Commitment.objects.values_list("pk", "status"))

    with pytest.raises(ImportRejected) as rejected:
        bulk_update(frame)

    assert [str(error) for error in rejected.value.errors] == [
        "Fila 2, columna «status», valor «Casi listo»: estatus desconocido",
        "Fila 3, columna «plan», valor «3° Plan de Acción Local»: no hay un plan con ese nombre en ese estado",
    ]
    assert list(Commitment.objects.values_list("pk", "status")) == before


def test_stl_staff_cannot_touch_another_states_rows(client, shipped_data):
    frame = exported(client)
    sonora = State.objects.get(cve_ent="26")

    with pytest.raises(ImportRejected, match="sólo puede importar filas de Sonora"):
        bulk_update(frame, only_state=sonora)


def test_admin_preview_then_confirm(client, shipped_data):
    user = StaffUserFactory(username="stl-zac", groups=["Secretariado Técnico Local"])
    StateStaff.objects.create(user=user, state=State.objects.get(cve_ent="32"))
    client.force_login(user)
    frame = exported(client)
    frame.loc[frame["title"] == "Red de movilidad ciclista", "status"] = "cancelled"
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)

    preview = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("c.csv", buffer.getvalue().encode())}
    )

    assert "se actualizarían 1" in preview.content.decode()
    assert Commitment.objects.get(title="Red de movilidad ciclista").status == "in_progress"
    confirmed = client.post(IMPORT_URL, {"confirm": "1", "upload_id": preview.context["upload_id"]})
    assert confirmed.status_code == 302
    commitment = Commitment.objects.get(title="Red de movilidad ciclista")
    assert commitment.status == "cancelled"
    assert commitment.history.latest().history_user == user
