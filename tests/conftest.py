import io
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


DEBT_FILES = ["inpc_monthly", "population_conapo", "gdp_zacatecas_inegi", "debt_figures", "loans"]


def load_shipped_data():
    """Load what `make run` loads: fixtures, national reports and the debt data files."""
    from commitments.services import import_commitments, import_progress_updates
    from core.imports import read_table
    from debt.services import import_debt_rows
    from states.services import import_national_report_csv

    call_command(
        "loaddata",
        "fixtures/states.json",
        "fixtures/national_progress.json",
        "fixtures/debt_content.json",
        "fixtures/commitments.json",
        verbosity=0,
    )
    import_national_report_csv((FIXTURES_DIR / "state_progress.csv").read_text(encoding="utf-8"))
    for name in DEBT_FILES:
        path = FIXTURES_DIR / f"{name}.csv"
        import_debt_rows(*read_table(path, path.name))
    for name, importer in (
        ("commitments", import_commitments),
        ("progress_updates", import_progress_updates),
    ):
        path = FIXTURES_DIR / f"{name}.csv"
        importer(read_table(path, path.name)[1])
    # Rows loaded from fixtures get a first history record, so later edits show what changed.
    call_command("populate_history", auto=True, stdout=io.StringIO(), stderr=io.StringIO())


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
