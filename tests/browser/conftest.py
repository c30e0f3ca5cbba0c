"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), axe-core for accessibility.

Run with `make test-browser` (pytest -m browser). Screenshots go to tests/browser/screenshots/.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
SHOTS = HERE / "screenshots"
CHROMIUM = os.environ.get("AMICABLE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still
    # synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser: object, live_server: object) -> Iterator[Callable[..., object]]:
    """`new_page(user)` returns a Playwright page signed in as `user` (through a one-time login link)."""
    from amicable.accounts.services import login_link_create

    contexts = []

    def make(user: object) -> object:
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"/login/{login_link_create(user=user)}/")
        page.get_by_role("button", name="Continue to amicable").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield make
    for context in contexts:
        context.close()


def check_accessibility(page: object, name: str) -> None:
    """Screenshot the page and fail on any axe-core violation, listing rule, impact and elements."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    report = [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
               "targets": [n["target"] for n in v["nodes"]][:5]} for v in violations]
    assert not report, f"axe-core violations on {name}:\n{json.dumps(report, indent=1)}"
