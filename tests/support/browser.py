"""Headless Debian Chromium for the browser tests, driven by Playwright (no browser download)."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# The machine's network is closed: no background networking, no component updates, no sync.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SKIP_REASON = "needs Debian chromium (make test installs it)"
