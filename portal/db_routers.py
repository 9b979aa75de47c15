"""Public reads from a read replica; writes, staff and anything after a write on the primary.

Installed by portal/settings/base.py only when DATABASE_REPLICA_URL is set (the replica is the
database alias "replica"). A replica lags its primary by a moment, so reads that must see a
write just made stay on the primary: inside a transaction (every service is atomic), in a
request that may write (any method but GET, HEAD, OPTIONS) and in the admin (staff expect to
see what they saved on the next page).
"""

import contextlib
import contextvars

from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_reads_from_primary = contextvars.ContextVar("reads_from_primary", default=False)


@contextlib.contextmanager
def reads_from_primary():
    """Send every read in the block to the primary."""
    token = _reads_from_primary.set(True)
    try:
        yield
    finally:
        _reads_from_primary.reset(token)


class PrimaryReplicaRouter:
    """Reads go to the replica unless they must see a fresh write; everything else to primary."""

    def db_for_read(self, model, **hints):
        if _reads_from_primary.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from either is the same row.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary's schema by replication, never by migrate.
        return db == PRIMARY


class PrimaryForWritesMiddleware:
    """Keep a request's reads on the primary when it may write or is the admin's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS and not request.path.startswith("/admin/"):
            return self.get_response(request)
        with reads_from_primary():
            return self.get_response(request)
