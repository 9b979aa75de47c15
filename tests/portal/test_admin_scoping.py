"""What the permission matrix does not walk: imports of another state's rows, national data,
and the view-on-site shortcut's answer for drafts and for readers who are not logged in."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Commitment
from debt.models import ConsumerPriceIndex, DebtFigure, GlossaryTerm
from states.models import State
from tests.factories import CommitmentFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

GARANTE = "Órgano garante: deuda"
IMPORT_URL = "/admin/debt/debtfigure/importar/"
HEADER = "cve_ent,as_of,scope,amount_mxn_millions,reported_by,published_in\n"


@pytest.fixture
def zacatecas_garante(client, shipped_data):
    client.force_login(StaffUserFactory(username="izai-zac", groups=[GARANTE], state="32"))


def upload(client, text, name="cifras.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, text.encode("utf-8"))})


def test_a_states_garante_imports_its_own_rows(client, zacatecas_garante):
    preview = upload(client, HEADER + "32,2091-12-31,state_government,10.5,SHCP,Prueba\n")

    assert "se crearían 1" in preview.content.decode()


def test_a_states_garante_cannot_import_another_states_row(client, zacatecas_garante):
    before = DebtFigure.objects.count()
    text = HEADER + (
        "32,2091-12-31,state_government,10.5,SHCP,Prueba\n"
        "26,2091-12-31,state_government,20.5,SHCP,Prueba\n"
    )

    errors = [str(error) for error in upload(client, text).context["errors"]]

    assert errors == [
        "Fila 3, columna «cve_ent», valor «26»: sólo puede importar filas de Zacatecas"
    ]
    assert DebtFigure.objects.count() == before


def test_a_states_garante_cannot_import_national_data(client, zacatecas_garante):
    before = ConsumerPriceIndex.objects.count()
    text = "year,month,date,inpc\n2091,1,2091-01-01,150.5\n"

    errors = upload(client, text, "inpc.csv").context["errors"]

    assert [(error.line, error.message) for error in errors] == [
        (
            2,
            "no es una fila de un estado (datos nacionales): sólo puede importar filas de Zacatecas",
        )
    ]
    assert ConsumerPriceIndex.objects.count() == before


def test_a_states_garante_reads_but_does_not_change_national_data(client, zacatecas_garante):
    term = GlossaryTerm.objects.first()
    change = reverse("admin:debt_glossaryterm_change", args=[term.pk])

    assert client.get(change).status_code == 200
    assert client.post(change, {"term": "Otra cosa", "slug": term.slug}).status_code == 403
    assert GlossaryTerm.objects.get(pk=term.pk).term == term.term


def view_on_site(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


@pytest.fixture
def zacatecas_commitments(shipped_data):
    zacatecas = State.objects.get(cve_ent="32")
    published = CommitmentFactory(plan__state=zacatecas)
    draft = CommitmentFactory(plan=published.plan, is_published=False)
    return published, draft


def test_view_on_site_leads_staff_to_their_published_rows_only(client, zacatecas_commitments):
    published, draft = zacatecas_commitments
    staff = StaffUserFactory(groups=["Secretariado Técnico Local"], state="32")
    client.force_login(staff)

    assert client.get(view_on_site(published)).url.endswith(published.get_absolute_url())
    assert client.get(view_on_site(draft)).status_code == 404
    client.force_login(StaffUserFactory(is_superuser=True))
    assert client.get(view_on_site(draft)).status_code == 404


def test_view_on_site_tells_readers_not_logged_in_nothing(client, zacatecas_commitments):
    _published, draft = zacatecas_commitments

    answer = client.get(view_on_site(draft))

    assert answer.status_code == 302
    assert answer.url.startswith("/admin/login/")
    assert draft.get_absolute_url() not in answer.url
    assert Commitment.objects.filter(pk=draft.pk).exists()


def test_the_state_filter_lists_no_other_state(client, zacatecas_garante):
    changelist = client.get(reverse("admin:debt_debtfigure_changelist"), {"q": "ninguna"})
    cl = changelist.context["cl"]
    # With one state to offer, Django leaves the filter out altogether.
    offered = [
        choice["display"]
        for spec in cl.filter_specs
        if spec.field_path == "state"
        for choice in spec.choices(cl)
    ]

    assert "Sonora" not in offered
    assert cl.root_queryset.filter(state__cve_ent="32").exists()
