"""Signal handlers every app shares (connected in CoreConfig.ready)."""


def skip_history_of_raw_saves(sender, instance, raw=False, **kwargs):
    """Record no history for rows `loaddata` writes: a backup brings its own history rows.

    django-simple-history skips raw saves itself, but not the many-to-many `set()` loaddata
    does right after (Loan.refinanced_by): it wrote a new history row there, whose id then
    collided with a restored one (`debt_historicalloan_pkey` on PostgreSQL) or replaced it.
    The flag lives on the deserialised instance only, so ordinary saves keep their history.
    """
    if raw:
        instance.skip_history_when_saving = True
