import subprocess

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


@pytest.fixture
def states(db):
    """The 32 states as shipped in fixtures/states.json."""
    call_command("loaddata", "fixtures/states.json", verbosity=0)
    from states.models import State

    return State.objects.all()
