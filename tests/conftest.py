import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def mini(tmp_path) -> Path:
    """A writable copy of the small hand-made data set."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def mini_kg():
    import graphkit

    return graphkit.from_tables(MINI)


@pytest.fixture(scope="session")
def kg():
    """The shipped data, built in memory."""
    import graphkit

    return graphkit.from_tables(DATA)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The shipped data built to disk as `graphkit build` does; returns the Turtle path."""
    import graphkit

    out = tmp_path_factory.mktemp("build") / "graph.ttl"
    graphkit.build(DATA, out)
    return out


IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by playwright (no browser download, no network)."""
    from graphkit.viz.screenshot import FLAGS, chromium_path

    if chromium_path() is None and not IN_CI:
        pytest.skip("Chromium is not installed (CI installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            raise
        pytest.skip("playwright is not installed")
    with sync_playwright() as p:
        args = [f for f in FLAGS if f != "--headless"]
        b = p.chromium.launch(executable_path=chromium_path(), args=args)
        yield b
        b.close()


def watched_page(browser, path: Path, width: int, height: int):
    """A new page opened on the file ``path``, and what it does as it goes: the addresses it
    requests, its console errors and its dialogs (each dismissed)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    seen = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and seen["errors"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    return page, seen
