"""A PNG of a page, taken by headless Chromium with no network (for READMEs and reports).

>>> chromium_path() is None or chromium_path().endswith(("chromium", "chrome", "chromium-browser"))
True
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from graphkit.files.atomic import write_atomic

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
# Without these, Chromium tries to reach Google's services at start-up.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium_path() -> str | None:
    """The Chromium executable on this machine, or None."""
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


def screenshot(page: str | Path, png: str | Path, width: int = 1280, height: int = 800) -> Path:
    """Save a screenshot of the HTML file ``page`` to ``png`` (written whole or not at all)."""
    exe = chromium_path()
    if exe is None:
        raise FileNotFoundError("no Chromium found: install it (Debian: apt-get install chromium)")
    png = Path(png)
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        tmp = Path(profile) / "shot.png"
        subprocess.run(
            [
                exe,
                *FLAGS,
                f"--user-data-dir={profile}/user",
                f"--window-size={width},{height}",
                "--virtual-time-budget=15000",
                f"--screenshot={tmp}",
                Path(page).resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        write_atomic(png, Path(tmp).read_bytes())
    return png
