"""Start gunicorn the way the Dockerfile does (gunicorn.conf.py), on 127.0.0.1, and watch it."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    """Return a port nobody listens on now (never 8000: other sessions use it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """`gunicorn portal.wsgi --config gunicorn.conf.py`, bound to 127.0.0.1:<port>."""

    def __init__(self, env: dict[str, str], log_path: Path, port: int | None = None):
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        log = self.log_path.open("w")
        # The command line's --bind wins over gunicorn.conf.py's 0.0.0.0:$PORT.
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "portal.wsgi",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_up()
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def _wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/salud/", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer in {timeout} s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        """Return the pids of the master's children (its workers), read from /proc."""
        master = self.process.pid
        children = Path(f"/proc/{master}/task/{master}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def wait_idle(self, quiet: float = 0.3, timeout: float = 300) -> float:
        """Wait until no worker uses CPU for `quiet` seconds; return the seconds waited.

        wrk stops at its deadline, but gunicorn's sync workers still finish the requests it
        left queued (up to one per connection): measuring the next URL before they are done
        would charge this URL's work to the next one.
        """
        started = time.monotonic()
        before = self._cpu_ticks()
        while time.monotonic() - started < timeout:
            time.sleep(quiet)
            now = self._cpu_ticks()
            if now - before <= 1:  # one clock tick: a heartbeat, not a request
                break
            before = now
        return time.monotonic() - started

    def _cpu_ticks(self) -> int:
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime + stime
        return total


def rss_mb(pid: int) -> float | None:
    """Return a process's resident set size in MB, or None once it is gone."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * PAGE_SIZE / 1_000_000
