"""Staff see whether each «¿Cómo vamos?» line is public, publish it on purpose, and readers keep
the published version of a line while its edits wait as a draft."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import ProgressUpdate
from states.models import State
from tests.commitments.test_bulk_update import IMPORT_URL, bulk_update, exported
from tests.factories import CommitmentFactory, ProgressUpdateFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

STL = "Secretariado Técnico Local"
CHANGELIST = reverse("admin:commitments_progressupdate_changelist")


@pytest.fixture
def commitment(shipped_data):
    return CommitmentFactory(plan__state=State.objects.get(cve_ent="32"))


@pytest.fixture
def stl(client, shipped_data):
    client.force_login(StaffUserFactory(username="stl-zac-publica", groups=[STL], state="32"))


def public_text(client, commitment):
    return client.get(commitment.get_absolute_url()).content.decode()


def test_the_changelist_says_which_lines_are_drafts(client, stl, commitment):
    ProgressUpdateFactory(commitment=commitment, text="Línea publicada")
    ProgressUpdateFactory(commitment=commitment, text="Línea en borrador", is_published=False)

    page = client.get(CHANGELIST, {"commitment__id__exact": commitment.pk}).content.decode()
    drafts = client.get(CHANGELIST, {"publicacion": "borrador"}).context["cl"].result_list

    assert '<td class="field-publication">Borrador (no se ve en el portal)</td>' in page
    assert '<td class="field-publication">Publicado</td>' in page
    assert [update.text for update in drafts if update.commitment == commitment] == [
        "Línea en borrador"
    ]


def test_publish_selected_then_withdraw(client, stl, commitment):
    draft = ProgressUpdateFactory(
        commitment=commitment, text="Se instaló la mesa.", is_published=False
    )
    assert "Se instaló la mesa." not in public_text(client, commitment)

    action = {"_selected_action": [draft.pk], "index": "0"}
    client.post(CHANGELIST, {**action, "action": "publish_selected"})
    assert "Se instaló la mesa." in public_text(client, commitment)

    client.post(CHANGELIST, {**action, "action": "withdraw_selected"})
    assert "Se instaló la mesa." not in public_text(client, commitment)
    assert draft.history.latest().history_user.username == "stl-zac-publica"


def test_editing_a_published_line_as_a_draft_keeps_the_published_version_live(
    client, stl, commitment
):
    line = ProgressUpdateFactory(commitment=commitment, text="Versión publicada.")
    change = reverse("admin:commitments_progressupdate_change", args=[line.pk])
    form = {
        "commitment": commitment.pk,
        "reported_on": "2018-01-15",
        "date_precision": "day",
        "text": "Versión corregida, todavía sin revisar.",
        # "is_published" left unchecked: save as a draft
    }

    assert client.post(change, form).status_code == 302

    page = public_text(client, commitment)
    assert "Versión publicada." in page
    assert "Versión corregida" not in page
    assert (
        "Borrador (el portal muestra la versión publicada)"
        in client.get(CHANGELIST).content.decode()
    )
    downloads = [
        client.get(f"/datos/avances-compromisos.{extension}", {"compromiso": commitment.pk})
        for extension in ("csv", "json")
    ] + [client.get("/api/avances-compromisos/", {"compromiso": commitment.pk})]
    for download in downloads:
        text = b"".join(download.streaming_content if download.streaming else [download.content])
        assert "Versión publicada." in text.decode()
        assert "Versión corregida" not in text.decode()

    client.post(change, {**form, "is_published": "on"})
    page = public_text(client, commitment)
    assert "Versión corregida, todavía sin revisar." in page
    assert "Versión publicada." not in page


def test_a_new_line_saved_in_the_commitment_form_says_it_is_a_draft(client, stl, commitment):
    data = {
        "plan": commitment.plan_id,
        "number": "1",
        "title": commitment.title,
        "status": "unknown",
        "is_published": "on",
        **{
            f"{prefix}-{key}": "0"
            for prefix in ("activities", "outputs")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
        "updates-TOTAL_FORMS": "1",
        "updates-INITIAL_FORMS": "0",
        "updates-0-reported_on": "2018-02-01",
        "updates-0-date_precision": "day",
        "updates-0-text": "Línea nueva sin publicar.",
    }
    change = reverse("admin:commitments_commitment_change", args=[commitment.pk])

    answer = client.post(change, data, follow=True)

    assert "1 avance quedó como borrador" in answer.content.decode()
    assert not commitment.updates.get().is_published
    form_page = client.get(change).content.decode()
    assert "Borrador (no se ve en el portal)" in form_page


def with_new_line(client):
    frame = exported(client)
    row = frame["title"] == "Código Urbano"
    frame["new_update"] = ""
    frame["new_update_date"] = ""
    frame.loc[row, "new_update"] = "Se aprobó el Código Urbano."
    frame.loc[row, "new_update_date"] = "2018-06"
    return frame


def test_a_row_whose_only_change_is_a_new_line_counts_as_updated(client, shipped_data):
    summary = bulk_update(with_new_line(client), dry_run=True)

    assert (summary.updated, summary.unchanged) == (1, 7)


@pytest.mark.parametrize("choice, published", [("publish", True), ("draft", False)])
def test_the_import_asks_whether_to_publish_new_lines(client, stl, choice, published):
    buffer = io.StringIO()
    with_new_line(client).to_csv(buffer, index=False)
    preview = client.post(
        IMPORT_URL, {"file": SimpleUploadedFile("c.csv", buffer.getvalue().encode())}
    )
    assert "Publicarlas ahora en el portal" in preview.content.decode()

    client.post(
        IMPORT_URL,
        {"confirm": "1", "upload_id": preview.context["upload_id"], "new_updates": choice},
    )

    line = ProgressUpdate.objects.get(text="Se aprobó el Código Urbano.")
    assert line.is_published is published
