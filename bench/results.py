"""latest.json: what one run measured, its schema, the targets of issue 13 and a table to read."""

import datetime
import json
import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LATEST = Path(__file__).with_name("results") / "latest.json"

TOP_KEYS = ("pages", "exports", "ceilings", "machine", "commit", "date")
PAGE_KEYS = ("name", "url", "queries", "bytes_compressed_total", "rps", "p95_ms", "ratio_to_static")
EXPORT_KEYS = ("name", "url", "rows", "ratio_to_copy", "peak_rss_mb")
# Issue 13's targets.
MIN_RATIO_TO_STATIC = 0.5
MAX_P95_TIMES_STATIC = 3
MAX_CHART_PAGE_BYTES = 500_000
MIN_LIGHTHOUSE = 90
MAX_QUERIES = 10
MIN_RATIO_TO_COPY = 0.5
MAX_RSS_GROWTH = 1.5
# The concurrency the ratios are taken at.
REFERENCE_CLIENTS = "8"


def schema_errors(results: dict) -> list[str]:
    """Return what latest.json lacks to answer issue 13 (an empty list when nothing)."""
    errors = [f"missing {key}" for key in TOP_KEYS if key not in results]
    for kind, keys in (("pages", PAGE_KEYS), ("exports", EXPORT_KEYS)):
        for number, entry in enumerate(results.get(kind, [])):
            name = entry.get("name", f"#{number}")
            errors += [f"{kind} {name}: missing {key}" for key in keys if key not in entry]
    return errors


def machine() -> dict:
    load = os.getloadavg()
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cores": os.cpu_count(),
        "cpu_model": model,
        "load_average": [round(value, 2) for value in load],
        "python": platform.python_version(),
    }


def commit() -> str:
    def git(*args):
        return subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
        ).stdout.strip()

    head = git("rev-parse", "--short", "HEAD")
    return f"{head}-dirty" if git("status", "--porcelain", "--untracked-files=no") else head


def now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def page_checks(page: dict) -> dict[str, bool]:
    """Issue 13's targets for one page, each True (met) or False."""
    checks = {}
    if page.get("ratio_to_static") is not None:
        checks["ratio>=0.5"] = page["ratio_to_static"] >= MIN_RATIO_TO_STATIC
    static_p95 = page.get("static_p95_ms", {}).get(REFERENCE_CLIENTS)
    p95 = page.get("p95_ms", {}).get(REFERENCE_CLIENTS)
    if static_p95 and p95 is not None:
        checks["p95<=3xstatic"] = p95 <= MAX_P95_TIMES_STATIC * static_p95
    if page.get("queries") is not None:
        checks["queries<=10"] = page["queries"] <= MAX_QUERIES
    if page.get("has_chart") and page.get("bytes_compressed_total") is not None:
        checks["chart<=500KB"] = page["bytes_compressed_total"] <= MAX_CHART_PAGE_BYTES
    if page.get("lighthouse", {}).get("performance") is not None:
        checks["lighthouse>=90"] = page["lighthouse"]["performance"] >= MIN_LIGHTHOUSE
    return checks


def export_checks(export: dict) -> dict[str, bool]:
    checks = {}
    if export.get("ratio_to_copy") is not None:
        checks["copy>=0.5"] = export["ratio_to_copy"] >= MIN_RATIO_TO_COPY
    if export.get("peak_rss_mb") and export.get("idle_rss_mb"):
        checks["rss<=1.5xidle"] = export["peak_rss_mb"] <= MAX_RSS_GROWTH * export["idle_rss_mb"]
    return checks


def _verdict(checks: dict[str, bool]) -> str:
    failed = [name for name, ok in checks.items() if not ok]
    return "PASS" if not failed else "FAIL " + ",".join(failed)


def _optional(ratio) -> str:
    return "-" if ratio is None else f"{ratio:.4f}"


def _per_clients(values: dict, fmt: str) -> str:
    return "/".join(
        fmt.format(values[key]) if key in values else "-" for key in sorted(values, key=int)
    )


def format_table(results: dict) -> str:
    """Return the run as text: one line per page and per export, with the targets' verdicts."""
    machine_info = results["machine"]
    lines = [
        f"commit {results['commit']} · {results['date']} · {machine_info['cores']} cores "
        f"({machine_info['cpu_model']}) · load average at start {machine_info['load_average']}"
        f", at end {machine_info.get('load_average_end', '?')}",
    ]
    static = results["ceilings"].get("static", {})
    copy = results["ceilings"].get("copy", {})
    if static:
        lines.append(
            f"static ceiling {static.get('url')}: rps {_per_clients(static['rps'], '{:.0f}')} "
            f"p95 ms {_per_clients(static['p95_ms'], '{:.1f}')} (clients {static.get('clients')})"
        )
    if copy:
        lines.append(
            f"COPY ceiling {copy['table']}: {copy['rows']} rows in {copy['seconds']:.3f} s "
            f"= {copy['rows_per_s']:.0f} rows/s"
        )
    lines.append("")
    lines.append(
        f"{'page':24} {'q':>3} {'KB':>6} {'rps 1/8/32':>20} {'p95 ms 1/8/32':>22} "
        f"{'ratio':>6} {'LH':>4}  targets"
    )
    for page in results["pages"]:
        if "error" in page:
            lines.append(f"{page['name'][:24]:24} not measured: {page['error'][:80]}")
            continue
        lighthouse = page.get("lighthouse", {}).get("performance")
        rps = _per_clients(page["rps"], "{:.1f}")
        p95 = _per_clients(page["p95_ms"], "{:.0f}")
        queries = "?" if page["queries"] is None else page["queries"]
        ratio = "-" if page["ratio_to_static"] is None else page["ratio_to_static"]
        lines.append(
            f"{page['name'][:24]:24} {queries:>3} {page['bytes_compressed_total'] / 1000:6.0f} "
            f"{rps:>20} {p95:>22} {ratio:>6} {lighthouse if lighthouse is not None else '-':>4}  "
            f"{_verdict(page_checks(page))}"
        )
    if results["exports"]:
        lines.append("")
        lines.append(
            f"{'export':26} {'rows':>7} {'rps 1/8/32':>20} {'rows/s':>9} {'/COPY':>7} "
            f"{'/bytes':>7} {'/same':>7} "
            f"{'idle MB':>7} {'peak MB':>7}  targets"
        )
    for export in results["exports"]:
        if "error" in export:
            lines.append(f"{export['name'][:26]:26} not measured: {export['error'][:80]}")
            continue
        rps = _per_clients(export["rps"], "{:.2f}")
        lines.append(
            f"{export['name'][:26]:26} {export['rows']:7d} {rps:>20} "
            f"{export.get('rows_per_s', 0):9.0f} {export['ratio_to_copy']:7.4f} "
            f"{_optional(export.get('ratio_to_copy_bytes')):>7} "
            f"{_optional(export.get('ratio_to_copy_same_rows')):>7} "
            f"{export.get('idle_rss_mb') or 0:7.1f} {export['peak_rss_mb'] or 0:7.1f}  "
            f"{_verdict(export_checks(export))}"
        )
    return "\n".join(lines)


def write(results: dict, path: Path = LATEST) -> None:
    """Write latest.json; refuse a result that lacks a field issue 13 asks for."""
    errors = schema_errors(results)
    if errors:
        raise ValueError("; ".join(errors))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
