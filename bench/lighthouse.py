"""Lighthouse 12 (npm) with Debian's Chromium: mobile performance of one page."""

import json
import os
import subprocess
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LIGHTHOUSE = "lighthouse@12"
ATTEMPTS = 3


def lighthouse(url: str, report_path: Path) -> dict:
    """Run Lighthouse's performance category (mobile form factor, simulated slow 4G and a
    4× slower CPU: its defaults) and return the score with the figures behind it."""
    report_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--only-categories=performance",
        "--form-factor=mobile",
        "--output=json",
        f"--output-path={report_path}",
        "--quiet",
        # Root in a container: Chromium's sandbox needs user namespaces it has not got.
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    # The Lighthouse CLI has no flag for the browser: chrome-launcher reads CHROME_PATH.
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    for _attempt in range(ATTEMPTS):
        finished = subprocess.run(command, env=env, timeout=300, capture_output=True, text=True)
        if finished.returncode == 0:
            break
        # Lighthouse sometimes loses its own trace (NO_NAVSTART, NO_FCP): ask it again.
    else:  # say why in latest.json, not only the exit status
        raise subprocess.SubprocessError(
            f"lighthouse exited with {finished.returncode} {ATTEMPTS} times: "
            f"{finished.stderr.strip()[-400:]}"
        )
    report = json.loads(report_path.read_text(encoding="utf-8"))
    audits = report["audits"]
    score = report["categories"]["performance"]["score"]
    return {
        "performance": None if score is None else round(score * 100),
        "total_byte_weight": audits["total-byte-weight"].get("numericValue"),
        "total_blocking_time_ms": audits["total-blocking-time"].get("numericValue"),
        "largest_contentful_paint_ms": audits["largest-contentful-paint"].get("numericValue"),
        "cumulative_layout_shift": audits["cumulative-layout-shift"].get("numericValue"),
        "lighthouse_version": report.get("lighthouseVersion"),
    }
