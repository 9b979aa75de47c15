"""A commitment's public change history says what changed and when, and which institution
answers for it, never the login of the staff member who saved it."""

import re

import pytest

from commitments.models import CommitmentStatus
from tests.factories import CommitmentFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def history_items(html):
    section = html[html.index('id="history-title"') :]
    section = section[: section.index("</section>")]
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", section)]


def test_change_history_names_the_institution_not_the_staff_user(client):
    user = StaffUserFactory(username="stl_zac", first_name="Paula", last_name="Pérez")
    commitment = CommitmentFactory()
    commitment._history_user = user
    commitment.status = CommitmentStatus.IN_PROGRESS
    commitment.save()
    commitment.save()  # saved again with nothing changed: no change to show

    html = client.get(commitment.get_absolute_url()).content.decode()
    items = history_items(html)

    assert "stl_zac" not in html and "Paula" not in html
    assert commitment.history.count() == 3
    assert len(items) == 2, items
    assert items[0].startswith("Cambiado en el portal el ") and ": estatus." in items[0]
    assert items[1].startswith("Registrado en el portal el ")
    assert all("Secretariado Técnico Local de Zacatecas" in item for item in items)
    assert "sin cambios de campos" not in html


def test_a_commitment_without_history_records_shows_its_page(client):
    # Rows written in bulk (or before history was kept) have no history record at all.
    commitment = CommitmentFactory()
    commitment.history.all().delete()

    answer = client.get(commitment.get_absolute_url())

    assert answer.status_code == 200
    assert commitment.title in answer.content.decode()
