"""A logical backup (dumpdata → flush → loaddata, as the README says) finds every row again."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from simple_history.signals import post_create_historical_record

from tests.factories import (
    CommitmentFactory,
    DebtFigureFactory,
    LoanFactory,
    ProgressUpdateFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

# What the README's backup command leaves out: rebuilt by `migrate`, or not worth keeping.
NOT_DUMPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def dumped_models():
    return [model for model in apps.get_models() if model._meta.label_lower not in NOT_DUMPED]


def every_row():
    """Every row of every backed-up table (history tables included), keyed by model."""
    return {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values())
        for model in dumped_models()
    }


def backup(path):
    call_command(
        "dumpdata",
        natural_foreign=True,
        # XML keeps microseconds; Django's JSON rounds every timestamp to the millisecond.
        format="xml",
        exclude=sorted(NOT_DUMPED),
        output=str(path),
        verbosity=0,
    )


def flush():
    """`manage.py flush`, inside the test's transaction."""
    if connection.vendor != "postgresql":
        call_command("flush", interactive=False, verbosity=0)
        return
    # PostgreSQL refuses TRUNCATE while foreign-key checks are still pending; loaddata then
    # needs them deferred again, as they are outside a test.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        call_command("flush", interactive=False, verbosity=0)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_dumpdata_then_loaddata_restores_every_row_and_history_entry(tmp_path):
    # Small on purpose: the whole shipped dataset takes ~9 s to load. The case that broke
    # (a loan refinanced by another: history written again by loaddata) is in it.
    flush()
    editor = StaffUserFactory(username="respaldo")
    old, new = LoanFactory(), LoanFactory()
    old.refinanced_by.add(new)
    old.notes = "Refinanciado en 2090."
    old.save()
    DebtFigureFactory(state=old.state)
    ProgressUpdateFactory(commitment=CommitmentFactory())
    before = every_row()
    assert len(before["debt.historicalloan"]) == 4  # two created, one m2m change, one edit
    assert before["auth.user"][0]["username"] == editor.username

    dump = tmp_path / "respaldo.xml"
    try:
        backup(dump)
        flush()
        assert not any(every_row().values())
        written_by_restore = []

        def record(history_instance, **kwargs):
            written_by_restore.append(history_instance)

        post_create_historical_record.connect(record)
        try:
            call_command("loaddata", str(dump), verbosity=0)
        finally:
            post_create_historical_record.disconnect(record)
        after = every_row()
    finally:
        # flush rebuilt the content types under new ids; the test's rollback brings the old
        # ones back, so the cache must forget the new ones.
        ContentType.objects.clear_cache()

    # Restoring writes no history of its own: it brings its own. (Before the fix, the m2m of
    # the refinanced loan wrote one, which broke the restore on PostgreSQL.)
    assert written_by_restore == []
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    assert after == before
