"""Issue 13's benchmark: a national-scale PostgreSQL database, gunicorn as in the Dockerfile,
every public page and download under load next to the static ceiling, and latest.json.

    make bench                          # full run: 1, 8 and 32 clients, 5 s per point
    make bench BENCH_ARGS=--quick       # 1 s per point (a smoke run, noisier)
    make bench BENCH_ARGS="--lighthouse --lighthouse-pages inicio,historica,estados"
    make bench BENCH_ARGS=--lighthouse-only   # Lighthouse scores only, into latest.json
"""

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import results as results_module  # noqa: E402
from bench.database import copy_ceiling, copy_of_download, database_url, ensure  # noqa: E402
from bench.load import RssSampler, drive, require_wrk  # noqa: E402
from bench.server import Gunicorn  # noqa: E402

DEFAULT_DATABASE = "sigue_bench"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each load point")
    parser.add_argument("--quick", action="store_true", help="1 s per load point")
    parser.add_argument("--clients", default="1,8,32", help="concurrencies, comma separated")
    parser.add_argument("--only", default="", help="page/export names to run, comma separated")
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--lighthouse", action="store_true", help="also run Lighthouse")
    parser.add_argument("--lighthouse-only", action="store_true")
    parser.add_argument("--lighthouse-pages", default="", help="names; default: every page")
    parser.add_argument("--output", type=Path, default=results_module.LATEST)
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds = 1.0
    args.clients = [int(value) for value in args.clients.split(",")]
    args.only = {name for name in args.only.split(",") if name}
    return args


def bench_environment(database: str) -> dict[str, str]:
    """The production settings, as in the Dockerfile, on 127.0.0.1 over plain HTTP."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DATABASE_URL=database_url(database),
        SECRET_KEY="bench-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    # As compose.yaml runs it: one Redis for every worker (127.0.0.1:6379 here and in CI), on a
    # database number of its own; the caller's REDIS_URL wins.
    env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/3")
    return env


def log(message: str) -> None:
    print(message, flush=True)


def count_queries(urls: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Return, per URL, the SQL queries of a first request (empty caches) and of a second one."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, url in urls.items():
        for cache in caches.all(initialized_only=True):
            cache.clear()
        with CaptureQueriesContext(connection) as cold:
            status = client.get(url).status_code
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        if status != 200:
            raise SystemExit(f"{name} {url} answered {status}")
        counts[name] = (len(cold), len(warm))
    return counts


def measure_page(server, name, url, static_url, args, queries) -> dict:
    from bench.pages import transfer_size

    entry = {"name": name, "url": url}
    entry["queries"], entry["queries_warm"] = queries
    entry.update(transfer_size(server.base_url + url))
    entry.update(rps={}, p95_ms={}, errors={}, static_rps={}, static_p95_ms={})
    for clients in args.clients:
        # The static file right before the page: what slows one slows the other alike.
        static = drive(server.base_url + static_url, clients, args.seconds)
        server.wait_idle()
        page = drive(server.base_url + url, clients, args.seconds)
        server.wait_idle()
        key = str(clients)
        entry["static_rps"][key] = round(static.rps, 1)
        entry["static_p95_ms"][key] = round(static.p95_ms, 1)
        entry["rps"][key] = round(page.rps, 2)
        entry["p95_ms"][key] = round(page.p95_ms, 1)
        entry["errors"][key] = page.errors
    reference = results_module.REFERENCE_CLIENTS
    static_rps = entry["static_rps"].get(reference)
    # None when the run has no point at 8 clients (--clients without 8).
    entry["ratio_to_static"] = (
        round(entry["rps"][reference] / static_rps, 4) if static_rps else None
    )
    return entry


def csv_rows(base_url: str, url: str) -> tuple[int, int, int]:
    from bench.pages import fetch

    answer = fetch(base_url + url)
    if answer.status != 200 or "csv" not in answer.content_type:
        raise SystemExit(f"{url} answered {answer.status} {answer.content_type}")
    rows = sum(1 for _ in csv.reader(io.StringIO(answer.body.decode("utf-8-sig"))))
    return rows - 1, answer.wire_bytes, len(answer.body)


def measure_export(server, name, url, args, copy) -> dict:
    rows, size, body_bytes = csv_rows(server.base_url, url)
    idle = {pid: rss for pid in server.worker_pids() if (rss := _rss(pid))}
    entry = {"name": name, "url": url, "rows": rows, "bytes_compressed": size}
    entry.update(rps={}, p95_ms={}, errors={})
    with RssSampler(server.worker_pids) as sampler:
        for clients in args.clients:
            result = drive(server.base_url + url, clients, args.seconds)
            server.wait_idle()
            entry["rps"][str(clients)] = round(result.rps, 3)
            entry["p95_ms"][str(clients)] = round(result.p95_ms, 1)
            entry["errors"][str(clients)] = result.errors
    # One client against COPY's one stream: rows per second of one download at a time.
    entry["rows_per_s"] = round(entry["rps"][str(args.clients[0])] * rows, 1)
    entry["ratio_to_copy"] = round(entry["rows_per_s"] / copy["rows_per_s"], 5)
    # The ceiling is COPY of the narrowest big table (~35 bytes a row); a download joins
    # tables and writes 200-400 bytes a row. COPY of the download's own rows bounds it too.
    entry["bytes_per_s"] = round(entry["rps"][str(args.clients[0])] * body_bytes, 1)
    entry["ratio_to_copy_bytes"] = round(
        entry["bytes_per_s"] / (copy["bytes"] / copy["seconds"]), 5
    )
    same_rows = copy_of_download(url)
    if same_rows is not None:
        entry["copy_same_rows"] = same_rows
        entry["ratio_to_copy_same_rows"] = round(entry["rows_per_s"] / same_rows["rows_per_s"], 5)
    if sampler.peak:
        worker, peak = max(sampler.peak.items(), key=lambda item: item[1])
        entry["peak_rss_mb"] = round(peak, 1)
        # A worker started during the run (recycled) has no idle figure: the others' median.
        entry["idle_rss_mb"] = round(idle.get(worker) or statistics.median(idle.values()), 1)
    else:
        entry["peak_rss_mb"] = entry["idle_rss_mb"] = None
    return entry


def _or_error(measure, server, name, url, *rest) -> dict:
    """Measure one URL; a failure (a timeout under load) is recorded, the run goes on."""
    try:
        return measure(server, name, url, *rest)
    except (OSError, subprocess.SubprocessError, ValueError, StopIteration) as error:
        log(f"  failed: {error!r}")
        server.wait_idle(timeout=300)
        keys = results_module.PAGE_KEYS if measure is measure_page else results_module.EXPORT_KEYS
        return {**dict.fromkeys(keys), "name": name, "url": url, "error": repr(error)}


def _rss(pid):
    from bench.server import rss_mb

    return rss_mb(pid)


def static_url_of(base_url: str) -> str:
    """Return the path of the first stylesheet the home page links (served by WhiteNoise)."""
    from bench.pages import fetch, page_assets

    assets, _ = page_assets(base_url + "/", fetch(base_url + "/").body)
    css = next(url for url in assets if url.split("?")[0].endswith(".css"))
    return css[len(base_url) :]


def run_lighthouse(server, pages: list[dict], names: set[str], output: Path) -> None:
    from bench.lighthouse import lighthouse

    for page in pages:
        if names and page["name"] not in names:
            continue
        if page["url"].split("?")[0].endswith(".atom"):  # feeds: no page for Lighthouse
            page["lighthouse"] = {"performance": None, "skipped": "not an HTML page"}
            continue
        log(f"lighthouse {page['name']} …")
        report = output.parent / "lighthouse" / f"{page['name']}.json"
        try:
            page["lighthouse"] = lighthouse(server.base_url + page["url"], report)
        except (OSError, subprocess.SubprocessError, KeyError, ValueError) as error:
            # A missing Node.js or a crashed Chromium loses the score, not the whole run.
            page["lighthouse"] = {"performance": None, "error": str(error)[-500:]}
        log(f"  performance {page['lighthouse']['performance']}")


def main(argv=None):
    args = parse_args(argv)
    require_wrk()
    env = bench_environment(args.database)
    os.environ.update(env)
    os.chdir(ROOT)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.pages import EXPORTS, PAGES, url_values

    started = time.monotonic()
    machine = results_module.machine()
    log(f"load average at start: {machine['load_average']} ({machine['cores']} cores)")
    ensure(args.database, args.rebuild, log=log)
    call_command("collectstatic", interactive=False, verbosity=0)
    values = url_values()
    pages = {name: url.format(**values) for name, url in PAGES}
    exports = {name: url.format(**values) for name, url in EXPORTS}
    if args.only:
        pages = {name: url for name, url in pages.items() if name in args.only}
        exports = {name: url for name, url in exports.items() if name in args.only}
    if args.no_exports or args.lighthouse_only:
        exports = {}
    log_path = args.output.parent / "gunicorn.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)

    if args.lighthouse_only:
        saved = json.loads(args.output.read_text(encoding="utf-8"))
        with Gunicorn(env, log_path) as server:
            lighthouse_names = set(filter(None, args.lighthouse_pages.split(","))) or set(pages)
            run_lighthouse(server, saved["pages"], lighthouse_names, args.output)
        saved["lighthouse_date"] = results_module.now()
        results_module.write(saved, args.output)
        log(results_module.format_table(saved))
        return

    queries = count_queries(pages)
    with Gunicorn(env, log_path) as server:
        log(f"gunicorn at {server.base_url}, workers {server.worker_pids()}")
        from bench.pages import fetch

        for url in [*pages.values(), *exports.values()]:  # templates compiled, 200 checked
            if (status := fetch(server.base_url + url).status) != 200:
                raise SystemExit(f"{url} answered {status}")
        static_url = static_url_of(server.base_url)
        page_results = []
        for name, url in pages.items():
            log(f"page {name} {url}")
            page_results.append(
                _or_error(measure_page, server, name, url, static_url, args, queries[name])
            )
        if args.lighthouse:
            names = set(filter(None, args.lighthouse_pages.split(",")))
            run_lighthouse(server, page_results, names, args.output)
    copy = copy_ceiling(args.database)
    export_results = []
    # A fresh server: workers keep the memory they grew on the pages, which would hide an
    # export's growth. The largest export comes first, on workers that served nothing else.
    if exports:
        with Gunicorn(env, log_path.with_name("gunicorn-exports.log")) as server:
            for name, url in exports.items():
                log(f"export {name} {url}")
                export_results.append(_or_error(measure_export, server, name, url, args, copy))

    measured = [page for page in page_results if "error" not in page]
    static = measured and {
        "url": static_url,
        "clients": args.clients,
        "rps": {
            str(c): round(statistics.median(p["static_rps"][str(c)] for p in measured), 1)
            for c in args.clients
        },
        "p95_ms": {
            str(c): round(statistics.median(p["static_p95_ms"][str(c)] for p in measured), 1)
            for c in args.clients
        },
        "note": "median over the runs interleaved with the pages; each page keeps its own",
    }
    machine["load_average_end"] = [round(value, 2) for value in os.getloadavg()]
    results = {
        "pages": page_results,
        "exports": export_results,
        "ceilings": {"static": static or {}, "copy": copy},
        "machine": machine,
        "commit": results_module.commit(),
        "date": results_module.now(),
        "settings": {
            "seconds_per_point": args.seconds,
            "clients": args.clients,
            "load_tool": "wrk (Accept-Encoding: gzip, br)",
            "server": "gunicorn portal.wsgi --config gunicorn.conf.py (production settings)",
            "database": f"PostgreSQL {args.database} (shipped data + bench/synthetic.py)",
            "wall_seconds": round(time.monotonic() - started),
        },
    }
    results_module.write(results, args.output)
    log("")
    log(results_module.format_table(results))
    log(f"\nwritten to {args.output}")
