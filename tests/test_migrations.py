"""Every change to a model has its migration (what `makemigrations --check` checks, here in
the suite's own Django rather than in a process of its own at the start of `make test`)."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_every_model_change_has_its_migration():
    written = io.StringIO()
    try:
        call_command("makemigrations", check=True, dry_run=True, stdout=written)
    except SystemExit as exit_:
        pytest.fail(f"makemigrations would write (exit {exit_.code}):\n{written.getvalue()}")
