"""Headless Debian Chromium for the browser tests, driven by Playwright (no browser download)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# The machine's network is closed: no background networking, no component updates, no sync.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SKIP_REASON = "needs Debian chromium (make test installs it)"


@contextmanager
def chromium() -> Iterator:
    """Debian's chromium launched headless through Playwright; closed (with Playwright) on exit.
    Callers skip first when ``CHROMIUM`` or the playwright package is missing."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
