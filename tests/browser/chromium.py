"""Which Chromium the browser tests drive: Debian's, never one that Playwright downloads.

Debian's headless shell (package chromium-headless-shell: the same Chromium release as the
chromium package, built without the desktop browser around it), which is what Playwright
itself runs for headless tests. Measured here on the 60 browser tests: 129 s of CPU with
/usr/bin/chromium, 86 s with the headless shell (same results). CHROMIUM_PATH picks another.

A plain module (not a conftest), so the root conftest can name the browser in the test
log without loading the browser fixtures.
"""

import os
import subprocess
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium-headless-shell"))
# Keep Chromium off the network: this machine has none beyond localhost.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def describe_chromium():
    """Return the test log's line about the browser: its path and version, or that it is missing."""
    if not CHROMIUM.exists():
        return f"browser: {CHROMIUM} missing (browser tests skip, or fail under CI)"
    version = subprocess.run(
        [str(CHROMIUM), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return f"browser: {CHROMIUM} ({version})"
