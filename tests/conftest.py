from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests.browser.chromium import describe_chromium


def pytest_report_header(config):
    """Say in the log which database and browser the suite runs on."""
    settings = connection.settings_dict
    return [
        f"database: {connection.vendor} ({settings['ENGINE']}, name={settings['NAME']})",
        describe_chromium(),
    ]


FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"


def load_shipped_data():
    """Load what `make run` loads, through the same command."""
    call_command("load_shipped_data", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped data once, into the fresh test database; every test rolls back to it."""
    with django_db_blocker.unblock():
        load_shipped_data()


@pytest.fixture
def states(db):
    """The 32 states as shipped in fixtures/states.json (loaded once per session)."""
    from states.models import State

    return State.objects.all()


@pytest.fixture
def shipped_data(db):
    """Everything the portal ships with, as after `make run` (loaded once per session)."""


@pytest.fixture
def with_activity(shipped_data):
    """The shipped data has no commitment activities: one, so that their rows can be checked
    (downloads, the API)."""
    from tests.factories import CommitmentFactory

    commitment = CommitmentFactory()
    commitment.activities.create(
        title="Publicar el contrato", weight=2, evidence_url="https://example.org/contrato.pdf"
    )
