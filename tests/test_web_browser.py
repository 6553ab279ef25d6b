"""``roster serve`` in a real browser: Playwright drives Debian's Chromium through the main
path at desktop (1280 px, English) and phone width (390 px, Chinese): upload the example
workbook → solve (live progress) → the grid → mark the busiest person ill → changes and
messages → download roster.xlsx, which the project's checker finds free of hard
violations; then a person's page, and the downloaded workbook checked on the plan's page.

Every request the page makes must go to the server itself (nothing from the internet).
Screenshots go to the test's folder, and also to ``$ROSTER_WEB_SHOTS`` when set
(``ROSTER_WEB_SHOTS=docs`` refreshes the ones in ``docs/``). Skipped without Chromium
(``.ci/run`` installs it); Playwright's own browsers are never downloaded.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from constraints import all_rules
from roster.io import load_plan
from roster.io.roster_file import read_roster
from roster.jobs.check import check_roster
from tests.web_helpers import WORKBOOK

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

WIDTHS = {"desktop": (1280, 900, "en"), "phone": (390, 844, "zh")}
#: Seconds for each solve and repair (the screenshots in docs/ were taken with 20).
LIMIT = os.environ.get("ROSTER_WEB_LIMIT", "3")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server (uvicorn, in a thread) over a fresh store."""
    import uvicorn

    from roster.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(tmp_path_factory.mktemp("served"), None)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _shot(page: object, folder: Path, name: str, selector: str | None = None) -> None:
    from playwright.sync_api import Page

    assert isinstance(page, Page)
    path = folder / name
    if selector is None:
        page.screenshot(path=path)
    else:
        page.locator(selector).screenshot(path=path)
    extra = os.environ.get("ROSTER_WEB_SHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / name)


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_main_path(server: str, tmp_path: Path, width: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    wide, high, lang = WIDTHS[width]
    suffix = "" if width == "phone" else "-desktop"
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context(
                viewport={"width": wide, "height": high}, accept_downloads=True
            )
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.goto(f"{server}/?lang={lang}")
            _shot(page, tmp_path, f"web-upload{suffix}.png")

            page.set_input_files("#upload input[type=file]", str(WORKBOOK))
            page.click("#upload button")
            page.wait_for_url("**/plans/*")
            plan_url = page.url
            page.fill("#solve input[name=time_limit]", LIMIT)
            page.click("#solve button")
            page.wait_for_url("**/jobs/*")
            expect(page.locator("#job")).to_have_attribute("data-state", "running", timeout=30000)
            expect(page.locator("#tier")).not_to_have_text("–", timeout=30000)
            _shot(page, tmp_path, f"web-solve-progress{suffix}.png")
            page.wait_for_url("**/versions/*", timeout=90000)

            expect(page.locator("#grid table.grid").first).to_be_visible()
            _shot(page, tmp_path, f"web-grid{suffix}.png", "#grid")
            _shot(page, tmp_path, f"web-watch{suffix}.png", "#watch .compound.unmanaged >> nth=0")

            busiest = page.locator("#ill-form option[data-busiest]").get_attribute("value")
            assert busiest
            page.select_option("#ill-form select[name=staff]", busiest)
            page.fill("#ill-form input[name=time_limit]", LIMIT)
            page.click("#ill-form button[type=submit]:not([formaction])")
            page.wait_for_url("**/jobs/*")
            page.wait_for_selector("#changes", timeout=90000)
            expect(page.locator("#changes table.changes")).to_be_visible()
            messages = page.locator("#messages").input_value()
            assert len(messages.splitlines()) >= 2
            _shot(page, tmp_path, f"web-changes{suffix}.png", "#changes")

            with page.expect_download() as downloading:
                page.click("#dl-roster-xlsx")
            workbook = tmp_path / "roster.xlsx"
            downloading.value.save_as(workbook)
            plan = load_plan(WORKBOOK)
            source = read_roster(workbook, plan)
            assert not source.problems
            ill = plan.model_copy(update={"absences": ()})
            assert check_roster(ill, source.assignments, all_rules()).hard == []

            page.click("#by-person td.place a >> nth=0")
            page.wait_for_url("**/people/*")
            expect(page.locator("ul.duties li").first).to_be_visible()
            _shot(page, tmp_path, f"web-person{suffix}.png")

            page.goto(plan_url)
            page.set_input_files("#check input[type=file]", str(workbook))
            page.click("#check button")
            expect(page.locator("#findings")).to_be_visible()
        finally:
            browser.close()
    outside = [url for url in requests if not url.startswith(server)]
    assert outside == []
