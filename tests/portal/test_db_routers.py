"""The read replica router: public reads leave the primary, reads that must see a write stay."""

import runpy
from pathlib import Path

from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from portal.db_routers import PrimaryForWritesMiddleware, PrimaryReplicaRouter, reads_from_primary
from states.models import State

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "portal" / "settings" / "base.py"


def test_public_reads_go_to_the_replica_and_writes_to_the_primary():
    router = PrimaryReplicaRouter()

    assert router.db_for_read(State) == "replica"
    assert router.db_for_write(State) == "default"
    assert router.allow_migrate("default", "states")
    assert not router.allow_migrate("replica", "states")


def test_reads_inside_a_transaction_or_after_a_write_stay_on_the_primary(monkeypatch):
    router = PrimaryReplicaRouter()

    with reads_from_primary():
        assert router.db_for_read(State) == "default"
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert router.db_for_read(State) == "default"


def test_requests_that_may_write_and_the_admin_read_from_the_primary():
    router = PrimaryReplicaRouter()
    seen = []
    middleware = PrimaryForWritesMiddleware(
        lambda request: seen.append(router.db_for_read(State)) or HttpResponse()
    )
    factory = RequestFactory()

    middleware(factory.get("/deuda/zacatecas/"))
    middleware(factory.post("/deuda/zacatecas/"))
    middleware(factory.get("/admin/debt/loan/"))

    assert seen == ["replica", "default", "default"]


def test_the_replica_and_its_router_exist_only_when_database_replica_url_is_set(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://portal@primary.example.org:5432/portal")
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://portal@replica.example.org:5432/portal")
    with_replica = runpy.run_path(str(BASE_SETTINGS))
    monkeypatch.setenv("DATABASE_REPLICA_URL", "")
    without = runpy.run_path(str(BASE_SETTINGS))

    assert with_replica["DATABASES"]["replica"]["HOST"] == "replica.example.org"
    assert with_replica["DATABASE_ROUTERS"] == ["portal.db_routers.PrimaryReplicaRouter"]
    assert "portal.db_routers.PrimaryForWritesMiddleware" in with_replica["MIDDLEWARE"]
    assert "replica" not in without["DATABASES"]
    assert "DATABASE_ROUTERS" not in without
    assert "portal.db_routers.PrimaryForWritesMiddleware" not in without["MIDDLEWARE"]
