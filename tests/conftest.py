import pytest
from django.core.management import call_command
from django.db import connection


def pytest_report_header(config):
    """Say in the log which database the suite runs on (SQLite locally, PostgreSQL in CI)."""
    settings = connection.settings_dict
    return f"database: {connection.vendor} ({settings['ENGINE']}, name={settings['NAME']})"


@pytest.fixture
def states(db):
    """The 32 states as shipped in fixtures/states.json."""
    call_command("loaddata", "fixtures/states.json", verbosity=0)
    from states.models import State

    return State.objects.all()
