"""gunicorn.conf.py (the Dockerfile's and the benchmark's): workers are recycled rarely."""

import runpy
from pathlib import Path

CONF = str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py")


def test_workers_are_recycled_every_twenty_thousand_requests_give_or_take_ten_percent(monkeypatch):
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    conf = runpy.run_path(CONF)

    assert conf["max_requests"] == 20_000
    assert conf["max_requests_jitter"] == 2_000


def test_recycling_can_be_tuned_or_turned_off_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "0")

    assert runpy.run_path(CONF)["max_requests"] == 0
