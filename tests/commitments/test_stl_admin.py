"""STL staff of Sonora cannot see, change or delete anything of Zacatecas, by any admin URL."""

import pytest

from commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentActivity,
    PlanEvaluation,
    ProgressUpdate,
)
from states.models import State, StateStaff
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

STL = "Secretariado Técnico Local"
MODELS = {
    "actionplan": ActionPlan,
    "commitment": Commitment,
    "commitmentactivity": CommitmentActivity,
    "progressupdate": ProgressUpdate,
    "planevaluation": PlanEvaluation,
}
# The way from each model to its state, as the admin scopes it.
STATE_PATHS = {
    "actionplan": "state",
    "commitment": "plan__state",
    "commitmentactivity": "commitment__plan__state",
    "progressupdate": "commitment__plan__state",
    "planevaluation": "plan__state",
}


def filter_selecting(model_name, obj):
    """Return a changelist filter (query parameters) that selects `obj` when unscoped."""
    # The sidebar's state filter for plans and commitments, its "published" filter for
    # updates; activities have no sidebar filter, but their changelist takes one on their
    # own commitment. A lookup a changelist does not take answers 302 ?e=1, showing no rows.
    if model_name == "actionplan":
        return {"state__id__exact": obj.state_id}
    if model_name == "commitment":
        return {"plan__state__id__exact": obj.plan.state_id}
    if model_name == "commitmentactivity":
        return {"commitment__id__exact": obj.commitment_id}
    # Updates and evaluations: their "published" filter.
    return {"is_published__exact": "1" if obj.is_published else "0"}


@pytest.fixture
def zacatecas_objects(shipped_data):
    commitment = Commitment.objects.get(plan__state__cve_ent="32", plan__slug="1-pal", number=1)
    activity = commitment.activities.create(title="Hito de Zacatecas", weight=2)
    return {
        "actionplan": commitment.plan,
        "commitment": commitment,
        "commitmentactivity": activity,
        "progressupdate": commitment.updates.first(),
        "planevaluation": PlanEvaluation.objects.create(
            plan=commitment.plan,
            evaluated_on="2017-06-01",
            summary="Evaluación de Zacatecas",
            recommendations="Publicar las evidencias",
        ),
    }


@pytest.fixture
def sonora_stl(client, shipped_data):
    user = StaffUserFactory(username="stl-sonora", groups=[STL])
    StateStaff.objects.create(user=user, state=State.objects.get(cve_ent="26"))
    sonora_plan = ActionPlan.objects.create(
        state=State.objects.get(cve_ent="26"), name="1° Plan de Acción Local", slug="1-pal"
    )
    client.force_login(user)
    return sonora_plan


def state_of(obj, path):
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj


def snapshot(obj):
    obj.refresh_from_db()
    return {f.name: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.parametrize("model_name", MODELS)
def test_sonora_stl_cannot_reach_zacatecas_through_any_admin_url(
    client, sonora_stl, zacatecas_objects, model_name
):
    obj = zacatecas_objects[model_name]
    before = snapshot(obj)
    base = f"/admin/commitments/{model_name}/"
    label = str(obj)[:40]
    history_id = obj.history.first().history_id

    listing = client.get(base).content.decode()
    assert label not in listing
    assert label not in client.get(f"{base}?q={label[:12]}").content.decode()
    lookup = filter_selecting(model_name, obj)
    assert MODELS[model_name].objects.filter(pk=obj.pk, **lookup).exists()  # it would match
    filtered = client.get(base, lookup)
    assert filtered.status_code == 200, f"{base}: the filter {lookup} was refused"
    shown = list(filtered.context["cl"].result_list)
    assert obj not in shown
    assert {state_of(row, STATE_PATHS[model_name]) for row in shown} <= {sonora_stl.state}
    assert label not in filtered.content.decode()
    for url in (
        f"{base}{obj.pk}/change/",
        f"{base}{obj.pk}/delete/",
        f"{base}{obj.pk}/history/",
        f"{base}{obj.pk}/history/{history_id}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert label not in response.content.decode(), url

    client.post(f"{base}{obj.pk}/change/", {"title": "Cambiado por Sonora", "name": "X"})
    client.post(f"{base}{obj.pk}/delete/", {"post": "yes"})
    client.post(base, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})

    assert snapshot(obj) == before


def test_autocomplete_offers_only_the_users_own_plans(client, sonora_stl, zacatecas_objects):
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "commitments", "model_name": "commitment", "field_name": "plan", "term": ""},
    )

    ids = [int(item["id"]) for item in response.json()["results"]]
    assert ids == [sonora_stl.pk]


def test_a_forged_form_cannot_add_a_commitment_to_another_state(
    client, sonora_stl, zacatecas_objects
):
    zacatecas_plan = zacatecas_objects["actionplan"]
    count = Commitment.objects.count()

    response = client.post(
        "/admin/commitments/commitment/add/",
        {
            "plan": zacatecas_plan.pk,
            "title": "Compromiso intruso",
            "status": "in_progress",
            "activities-TOTAL_FORMS": "0",
            "activities-INITIAL_FORMS": "0",
            "outputs-TOTAL_FORMS": "0",
            "outputs-INITIAL_FORMS": "0",
            "updates-TOTAL_FORMS": "0",
            "updates-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200  # the form comes back with an error on «plan»
    assert "plan" in response.context["adminform"].form.errors
    assert Commitment.objects.count() == count


def test_sonora_stl_edits_its_own_commitment_with_inline_updates_and_history(client, sonora_stl):
    data = {
        "plan": sonora_stl.pk,
        "number": "1",
        "title": "Transparencia del gasto en obra",
        "status": "in_progress",
        "is_published": "on",
        "activities-TOTAL_FORMS": "1",
        "activities-INITIAL_FORMS": "0",
        "outputs-TOTAL_FORMS": "0",
        "outputs-INITIAL_FORMS": "0",
        "activities-0-title": "Diagnóstico",
        "activities-0-weight": "3",
        "activities-0-done_on": "2026-10-01",
        "updates-TOTAL_FORMS": "1",
        "updates-INITIAL_FORMS": "0",
        "updates-0-reported_on": "2026-10-01",
        "updates-0-date_precision": "day",
        "updates-0-text": "Se publicó el diagnóstico.",
        "updates-0-is_published": "on",
    }

    response = client.post("/admin/commitments/commitment/add/", data)

    assert response.status_code == 302, response.content.decode()[:2000]
    commitment = Commitment.objects.get(title="Transparencia del gasto en obra")
    assert commitment.activities.get().weight == 3
    assert commitment.updates.get().text == "Se publicó el diagnóstico."
    assert commitment.history.get().history_user.username == "stl-sonora"


def test_commitment_page_shows_what_changed_and_the_institution_not_the_login(client, shipped_data):
    editor = StaffUserFactory(username="stl-zacatecas", groups=[STL])
    StateStaff.objects.create(user=editor, state=State.objects.get(cve_ent="32"))
    client.force_login(editor)
    commitment = Commitment.objects.get(plan__state__cve_ent="32", plan__slug="1-pal", number=3)
    data = {
        "plan": commitment.plan_id,
        "number": "3",
        "title": commitment.title,
        "status": "fulfilled",
        "source": commitment.source_id,
        "is_published": "on",
        "activities-TOTAL_FORMS": "0",
        "activities-INITIAL_FORMS": "0",
        "outputs-TOTAL_FORMS": "0",
        "outputs-INITIAL_FORMS": "0",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": str(commitment.updates.count()),
    }
    for index, update in enumerate(commitment.updates.all()):
        data.update(
            {
                f"updates-{index}-id": update.pk,
                f"updates-{index}-commitment": commitment.pk,
                f"updates-{index}-reported_on": update.reported_on.isoformat(),
                f"updates-{index}-date_precision": update.date_precision,
                f"updates-{index}-text": update.text,
                f"updates-{index}-source": update.source_id or "",
                f"updates-{index}-is_published": "on",
            }
        )
    data["updates-TOTAL_FORMS"] = str(commitment.updates.count())

    response = client.post(f"/admin/commitments/commitment/{commitment.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]

    client.logout()
    html = client.get(commitment.get_absolute_url()).content.decode()
    # The change history dates what happened in the portal, and says so.
    assert "Cambiado en el portal el" in html
    assert "estatus. Responsable: Secretariado Técnico Local de Zacatecas." in html
    assert "stl-zacatecas" not in html


def test_admin_lists_show_dates_only_as_precisely_as_known(client, shipped_data):
    client.force_login(StaffUserFactory(is_superuser=True))

    updates = client.get("/admin/commitments/progressupdate/").content.decode()
    reports = client.get("/admin/states/report/").content.decode()

    # Zacatecas's May 2017 updates are month-precision: no invented «1 de mayo de 2017».
    assert "mayo de 2017" in updates and "1 de mayo de 2017" not in updates
    assert "mayo de 2017" in reports and "1 de mayo de 2017" not in reports
