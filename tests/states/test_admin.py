"""National coordination staff edit the national progress in the admin, with history."""

import pytest

from states.models import ProgressStatus, StateMilestone
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

COORDINATION = "Coordinación nacional"
ADMIN_PAGES = [
    "/admin/states/report/",
    "/admin/states/reportentry/",
    "/admin/states/progressstatus/",
    "/admin/states/milestonekind/",
    "/admin/states/statemilestone/",
    "/admin/states/statestory/",
    "/admin/states/statestory/add/",
    "/admin/portal/source/",
]


@pytest.fixture
def coordinator(client, shipped_data):
    user = StaffUserFactory(username="coordinacion", groups=[COORDINATION])
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_coordination_staff_can_open_every_national_progress_page(client, coordinator, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_staff_without_the_role_cannot(client, shipped_data, url):
    client.force_login(StaffUserFactory(username="otra-persona"))

    assert client.get(url).status_code == 403


def test_a_change_is_recorded_with_who_and_what(client, coordinator):
    stage = ProgressStatus.objects.get(slug="sensibilizacion")
    url = f"/admin/states/progressstatus/{stage.pk}/change/"

    response = client.post(
        url,
        {
            "slug": stage.slug,
            "name": stage.name,
            "order": stage.order,
            "color": "#ffcc00",
            "description": stage.description,
            "reported_as": stage.reported_as,
        },
    )

    assert response.status_code == 302
    record = stage.history.latest()
    assert record.history_user == coordinator
    assert record.color == "#ffcc00"
    assert record.history_type == "~"
    previous = record.prev_record
    assert previous is None or previous.color == "#fde725"
    history_page = client.get(f"{url.removesuffix('change/')}history/").content.decode()
    assert "coordinacion" in history_page


def test_a_bad_colour_is_refused_and_the_form_keeps_what_was_typed(client, coordinator):
    stage = ProgressStatus.objects.get(slug="sensibilizacion")

    response = client.post(
        f"/admin/states/progressstatus/{stage.pk}/change/",
        {"slug": stage.slug, "name": "Sensibilización (editada)", "order": 2, "color": "verde"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Un color como #21918c." in html
    assert 'value="Sensibilización (editada)"' in html
    stage.refresh_from_db()
    assert stage.color == "#fde725"


def test_staff_can_add_a_new_stage_as_data(client, coordinator):
    response = client.post(
        "/admin/states/progressstatus/add/",
        {"slug": "segundo-pal", "name": "Segundo PAL", "order": 8, "color": "#440154"},
    )

    assert response.status_code == 302
    assert ProgressStatus.objects.filter(name="Segundo PAL").exists()


def test_milestone_edit_is_kept_in_history(client, coordinator):
    milestone = StateMilestone.objects.get(state__cve_ent="32", kind__code="pal_launched")
    data = {
        "state": milestone.state_id,
        "kind": milestone.kind_id,
        "status": "done",
        "occurred_on": "2016-08-22",
        "date_precision": "day",
        "date_as_stated": "",
        "evidence": milestone.evidence,
        "evidence_url": "",
        "source": milestone.source_id,
    }

    response = client.post(f"/admin/states/statemilestone/{milestone.pk}/change/", data)

    assert response.status_code == 302
    changed, before = milestone.history.all()[:2]
    delta = changed.diff_against(before)
    assert {change.field for change in delta.changes} == {"occurred_on", "date_as_stated"}
    assert changed.history_user == coordinator
