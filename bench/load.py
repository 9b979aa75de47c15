"""Drive a URL with wrk (Debian's `wrk`) for a bounded time and read rps and p95."""

import json
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.server import rss_mb

REPORT_SCRIPT = Path(__file__).with_name("wrk_report.lua")
# What a browser sends: pages and files are measured compressed as served.
ACCEPT_ENCODING = "gzip, br"


@dataclass
class LoadResult:
    rps: float
    p95_ms: float
    requests: int
    errors: int

    def as_dict(self) -> dict:
        return {
            "rps": round(self.rps, 2),
            "p95_ms": round(self.p95_ms, 1),
            "requests": self.requests,
            "errors": self.errors,
        }


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    return path


def drive(url: str, clients: int, seconds: float, timeout_s: int = 35) -> LoadResult:
    """Keep `clients` connections busy on `url` for `seconds`; return throughput and p95."""
    command = [
        require_wrk(),
        f"-t{min(clients, 2)}",
        f"-c{clients}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={timeout_s}s",
        "-H",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
        "-s",
        str(REPORT_SCRIPT),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    report = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    errors = sum(value for key, value in report.items() if key.startswith("errors_"))
    requests = report["requests"]
    return LoadResult(
        rps=requests / (report["duration_us"] / 1e6) if requests else 0.0,
        # wrk records no latency when nothing completed: the whole run is the honest figure.
        p95_ms=report["p95_us"] / 1000 if requests else report["duration_us"] / 1000,
        requests=requests,
        errors=errors,
    )


class RssSampler:
    """Sample the resident memory of gunicorn's workers while a load runs (10 times a second)."""

    def __init__(self, list_pids, interval: float = 0.1):
        self.list_pids = list_pids
        self.interval = interval
        self.peak: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            for pid in self.list_pids():
                rss = rss_mb(pid)
                if rss is not None:
                    self.peak[pid] = max(rss, self.peak.get(pid, 0.0))
            time.sleep(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
