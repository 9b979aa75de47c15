"""Two app processes on one database and one Redis: a change saved in one shows at once in
the other, though both cache whole pages (the portal keeps no state in the process)."""

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
PAGE = "/estados/zacatecas/"
ROOT = Path(__file__).resolve().parents[2]


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def shared_database_url(tmp_path) -> str:
    """A copy of the test database (shipped data included) that both processes open."""
    path = tmp_path / "portal.sqlite3"
    target = sqlite3.connect(path)
    connection.ensure_connection()
    connection.connection.backup(target)  # the test database lives in this process's memory
    target.close()
    return f"sqlite:///{path}"


class AppProcess:
    def __init__(self, environment):
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(ROOT / "tests" / "core" / "page_cache_worker.py")],
            cwd=ROOT,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.mark.skipif(not redis_answers(), reason=f"Redis does not answer at {REDIS_URL}")
# On PostgreSQL the processes would write to the suite's own test database, outside the test's
# transaction, and leave the change there for the tests after; the SQLite run covers it.
@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs on a copy of the SQLite database")
def test_a_change_in_one_process_is_seen_at_once_by_the_other(shipped_data, tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": shared_database_url(tmp_path),
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # no leftovers from another run
        "PUBLIC_PAGE_CACHE_SECONDS": "600",
    }
    reader, editor = AppProcess(environment), AppProcess(environment)
    try:
        first = reader.ask(f"GET {PAGE}")
        assert first["status"] == 200 and "Zacatecas" in first["body"]
        assert first["queries"] > 0
        # The page the reader rendered is in the shared cache: the editor's process serves it
        # without touching the database.
        assert editor.ask(f"GET {PAGE}")["queries"] == 0
        assert reader.ask(f"GET {PAGE}")["queries"] == 0

        editor.ask("RENAME zacatecas Zacatecas (corregido)")

        after = reader.ask(f"GET {PAGE}")
        assert "Zacatecas (corregido)" in after["body"]
        assert after["queries"] > 0
    finally:
        reader.stop()
        editor.stop()
