"""Time `make run` on a fresh clone of this commit until the home page answers 200.

    python3 bench/cold_start.py [--keep]

What it measures is a newcomer's first run: a new virtualenv, the pinned dependencies
installed (by uv, from its cache when it is warm, as it is on a machine that installed them
before: say which when quoting the figure), migrations, the shipped data, collectstatic and
runserver. Only committed files are cloned. The standard library only: it runs before any
virtualenv exists.
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the clone (and its log)")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sigue-cold-start-"))
    clone = workdir / "portal"
    port = random.randint(20000, 40000)
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL",)}
    env.pop("VIRTUAL_ENV", None)
    log = (workdir / "make-run.log").open("w")
    started = time.monotonic()
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=clone,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    seconds = None
    try:
        while time.monotonic() - started < args.timeout and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    if answer.status == 200:
                        seconds = time.monotonic() - started
                        break
            except OSError:
                time.sleep(0.25)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        log.close()
    if seconds is None:
        print(f"no 200 from the home page; see {workdir / 'make-run.log'}", file=sys.stderr)
        sys.exit(1)
    print(f"cold start: {seconds:.1f} s from `make run` on a fresh clone to the home page (200)")
    if args.keep:
        print(f"kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
