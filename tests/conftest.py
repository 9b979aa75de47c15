import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests.browser.conftest import CHROMIUM


def pytest_report_header(config):
    """Say in the log which database and browser the suite runs on."""
    settings = connection.settings_dict
    lines = [f"database: {connection.vendor} ({settings['ENGINE']}, name={settings['NAME']})"]
    if CHROMIUM.exists():
        version = subprocess.run(
            [str(CHROMIUM), "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
        lines.append(f"browser: {CHROMIUM} ({version})")
    else:
        lines.append(f"browser: {CHROMIUM} missing (browser tests skip, or fail under CI)")
    return lines


FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures"


def load_shipped_data():
    """Load what `make run` loads, through the same command."""
    call_command("load_shipped_data", verbosity=0)


@pytest.fixture
def states(db):
    """The 32 states as shipped in fixtures/states.json."""
    call_command("loaddata", "fixtures/states.json", verbosity=0)
    from states.models import State

    return State.objects.all()


@pytest.fixture
def shipped_data(db):
    """Everything the portal ships with, as after `make run`."""
    load_shipped_data()
