import functools
import gc
import hashlib
import os
from contextlib import closing, suppress
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests.browser.chromium import describe_chromium


def pytest_configure(config):
    """Collect garbage cycles less often in the test processes: a test makes and drops many
    short-lived objects (requests, querysets, templates) while the session keeps a large heap
    that each full collection walks again. Measured here: 5–15% less CPU for the non-browser
    tests with (50000, 50, 50) instead of Python's (700, 10, 10); (200000, 100, 100) no less."""
    gc.set_threshold(50_000, 50, 50)


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


# A migrated database holding the shipped data costs each xdist worker ~12 s (two thirds of
# it rendering migration states). It is kept under a name that hashes everything it was built
# from, so any change to the code, migrations or fixtures builds it again: on SQLite as a file
# in var/test-db/, copied into the next run's in-memory databases; on PostgreSQL as a template
# database in the server, which the next run's test databases are created from
# (CREATE DATABASE … TEMPLATE copies the files: no migration, no load). TEST_DB_CACHE=0 skips both.
TEST_DB_CACHE = Path(__file__).resolve().parents[1] / "var" / "test-db"
BUILT_FROM = ("core", "debt", "states", "commitments", "portal", "fixtures")
POSTGRES_TEMPLATE_PREFIX = "sigue_test_template_"


def _caches_test_db() -> bool:
    return os.environ.get("TEST_DB_CACHE", "1") != "0"


def _uses_sqlite() -> bool:
    return connection.vendor == "sqlite" and _caches_test_db()


def _uses_postgres_template() -> bool:
    return connection.vendor == "postgresql" and _caches_test_db()


def _test_db_key(root: Path = FIXTURES_DIR.parent) -> str:
    """A hash of everything the cached test database was built from."""
    import sqlite3

    import django

    digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version}".encode())
    # The pinned packages: a new release of one with models (axes, otp, …) may migrate too.
    digest.update((root / "requirements-dev.txt").read_bytes())
    for folder in BUILT_FROM:
        for path in sorted((root / folder).rglob("*")):  # a missing folder adds nothing
            if path.is_file() and path.suffix not in (".pyc", ".mo", ".po"):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


@functools.cache
def _project_test_db_key() -> str:
    """This checkout's key, hashed once per process (it reads every file it was built from)."""
    return _test_db_key()


def _cached_test_db() -> Path:
    return TEST_DB_CACHE / f"shipped-{_project_test_db_key()}.sqlite3"


def _postgres_template() -> str:
    return POSTGRES_TEMPLATE_PREFIX + _project_test_db_key()


def _postgres_databases(prefix: str) -> list[str]:
    """Names of the server's databases that start with `prefix` (asked of its `postgres` one)."""
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [prefix])
        return [name for (name,) in cursor.fetchall()]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_blocker):
    """With a cached copy to restore, the test database is created without migrations, or
    (PostgreSQL) as a copy of the template database."""
    from django.conf import settings

    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    if _uses_sqlite() and _cached_test_db().exists():
        test_settings["MIGRATE"] = False
    elif _uses_postgres_template():
        with django_db_blocker.unblock():
            template_exists = bool(_postgres_databases(_postgres_template()))
        if template_exists:
            test_settings["TEMPLATE"] = _postgres_template()
            test_settings["MIGRATE"] = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped data once, into the fresh test database; every test rolls back to it."""
    with django_db_blocker.unblock():
        if connection.settings_dict["TEST"].get("TEMPLATE"):
            return  # a copy of the template: the shipped data are in it
        if _uses_postgres_template():
            load_shipped_data()
            _save_postgres_template()
            return
        if not _uses_sqlite():
            load_shipped_data()
            return
        cached = _cached_test_db()
        connection.ensure_connection()
        if cached.exists():
            import sqlite3

            with closing(sqlite3.connect(cached)) as source:
                source.backup(connection.connection)
            from django.contrib.contenttypes.models import ContentType

            ContentType.objects.clear_cache()  # ids of the restored copy, not syncdb's
            return
        load_shipped_data()
        _save_test_db(cached)


def _save_test_db(cached: Path) -> None:
    import sqlite3

    TEST_DB_CACHE.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(f".{os.getpid()}.partial")
    with closing(sqlite3.connect(partial)) as target:
        connection.connection.backup(target)
    partial.replace(cached)  # atomic: another worker never reads half a copy
    for older in TEST_DB_CACHE.glob("shipped-*.sqlite3"):
        if older != cached:
            older.unlink(missing_ok=True)


def _save_postgres_template() -> None:
    """Copy this worker's freshly loaded test database as the template of the next runs, and
    drop the templates of earlier code. Another worker may be doing the same: the first copy
    wins, and a template in use by a run is not dropped (PostgreSQL refuses; it is left)."""
    from django.db import DatabaseError

    template = _postgres_template()
    earlier = [name for name in _postgres_databases(POSTGRES_TEMPLATE_PREFIX) if name != template]
    loaded = connection.settings_dict["NAME"]
    connection.close()  # PostgreSQL copies a database only while nobody is connected to it
    with connection._nodb_cursor() as cursor:
        for statement in [
            f'CREATE DATABASE "{template}" TEMPLATE "{loaded}"',
            *(f'DROP DATABASE IF EXISTS "{name}"' for name in earlier),
        ]:
            # Made by the other worker meanwhile, or in use by another run: left as it is.
            with suppress(DatabaseError):
                cursor.execute(statement)


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
