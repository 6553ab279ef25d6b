"""report.html in a real browser: headless Chromium at desktop and phone widths.

Chromium renders the page (``--dump-dom``: the DOM after loading) and records every network
request in a net log, with host names resolving nowhere so that nothing could leave even by
mistake. Chromium makes requests of its own (update checks, sign-in); those carry no
initiator, while anything a page asks for carries the page's origin ("null" for a file), so
the test counts only the latter. A control page with an external image proves the log does
catch a page's request. Skipped when Chromium is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from html import escape
from pathlib import Path

import pytest

from roster.report.html import write_report_html
from roster.report.tables import Published
from tests.reports import report_case

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")

DESKTOP = (1280, 900)
PHONE = (390, 844)
FLAGS = (
    "--headless",
    "--no-sandbox",  # tests may run as root in a container
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def chromium(page: Path, *args: str, size: tuple[int, int] = DESKTOP) -> str:
    """Run headless Chromium on a local page and return what it prints."""
    assert CHROMIUM is not None
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--window-size={size[0]},{size[1]}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=page.parent,
        check=False,
        env={**os.environ, "HOME": str(page.parent)},  # a throw-away profile and cache
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def page_requests(net_log: Path) -> list[str]:
    """URLs the page itself asked for, from a Chromium net log."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start_job
        and "url" in event.get("params", {})
        and event["params"].get("initiator", "not an origin") != "not an origin"
    ]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = report_case("zh")
    path = tmp_path_factory.mktemp("browser") / "report.html"
    return write_report_html(path, case, "zh")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_browser_renders_the_grid_and_the_strips_without_any_request(
    report: Path, size: tuple[int, int], tmp_path: Path
) -> None:
    net_log = tmp_path / "net.json"
    dom = chromium(report, "--dump-dom", f"--log-net-log={net_log}", size=size)

    assert dom.count('class="grid"') == 1
    assert dom.count('class="strip"') == 2 * 2
    assert dom.count('class="empty night"') == 12  # B's Monday night
    assert page_requests(net_log) == []


def test_the_net_log_does_catch_a_pages_request(tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text('<!DOCTYPE html><img src="http://example.invalid/x.png">', encoding="utf-8")
    net_log = tmp_path / "net.json"
    chromium(control, "--dump-dom", f"--log-net-log={net_log}")
    assert page_requests(net_log) == ["http://example.invalid/x.png"]


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots_at_desktop_and_phone_width(
    report: Path, size: tuple[int, int], tmp_path: Path
) -> None:
    shot = tmp_path / "shot.png"
    chromium(report, f"--screenshot={shot}", size=size)
    width, height, colours = png_summary(shot.read_bytes())
    assert (width, height) == size
    assert colours > 8  # not a blank page


def png_summary(data: bytes) -> tuple[int, int, int]:
    """Width, height and how many distinct byte values the first rows hold (a crude "is
    anything drawn" without an imaging library)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        length = struct.unpack(">I", data[offset : offset + 4])[0]
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels[: width * 4 * 200]))


@pytest.mark.skipif(
    not os.environ.get("ROSTER_DOCS_SCREENSHOTS"),
    reason="refreshes docs/report-*.png: set ROSTER_DOCS_SCREENSHOTS=1 (solves the example)",
)
def test_refresh_the_docs_screenshots(tmp_path: Path) -> None:
    """The README's screenshots: the example solved, at desktop and phone width."""
    from constraints import all_rules
    from roster.check.gaps import gaps
    from roster.check.violations import check
    from roster.engine.solve import solve
    from roster.io import load_plan
    from roster.plan.index import PlanIndex
    from roster.result import SolverConfig

    root = Path(__file__).resolve().parent.parent
    index = PlanIndex(load_plan(root / "examples" / "nanchang-road"))
    rules = all_rules()
    result = solve(index, rules, SolverConfig(time_limit=40, workers=2, seed=0))
    assert result.roster is not None
    violations = check(result.roster, rules)
    found = gaps(result.roster, violations, rules, "zh")
    page = write_report_html(
        tmp_path / "report.html", Published(result.roster, violations, found, rules, result), "zh"
    )
    chromium(page, f"--screenshot={root / 'docs' / 'report-desktop.png'}", size=(1280, 2000))
    phone = ("--force-device-scale-factor=2", f"--screenshot={root / 'docs' / 'report-phone.png'}")
    chromium(page, *phone, size=(390, 2700))


def test_the_fairness_table_and_each_persons_week_fit_a_phone(tmp_path: Path) -> None:
    """At 390 px the fairness table (hours, nights, weekend and 24-hour duties: every
    measure) and each person's week are no wider than the screen, so nobody scrolls
    sideways to compare people.

    Headless Chromium will not make its window narrower than 500 px, so the page is shown
    in a 390 px frame; a script of the frame's parent (the page itself runs none) measures
    the boxes and writes their widths into the DOM that Chromium dumps.
    """
    from constraints import all_rules
    from roster.check.gaps import gaps
    from roster.check.violations import check
    from roster.plan.index import PlanIndex
    from roster.report.html import render_report
    from tests.helpers import roster_of
    from tests.plans import fair_plan

    index = PlanIndex(fair_plan())
    duties = [("s1", 0, "N", "A"), ("s3", 2, "F", "A"), ("s2", 5, "D", "A"), ("s4", 6, "D", "A")]
    roster = roster_of(index, duties)
    rules = all_rules()
    violations = check(roster, rules)
    page = render_report(
        Published(roster, violations, gaps(roster, violations, rules, "zh"), rules), "zh"
    )
    assert page.count("<th>") > 4  # name and four measures at least
    measure = (
        "const d = this.contentDocument; const b = document.body;"
        "b.setAttribute('data-screen', d.documentElement.clientWidth);"
        "for (const [name, css] of [['fair', 'table.fair'], ['people', '#people']]) {"
        "const box = d.querySelector(css);"
        "b.setAttribute('data-' + name, box ? Math.ceil(box.getBoundingClientRect().right) : -1);}"
    )
    frame = (
        f'<!DOCTYPE html><body style="margin:0"><iframe width="{PHONE[0]}" height="{PHONE[1]}" '
        f'style="border:0" onload="{escape(measure)}" srcdoc="{escape(page)}"></iframe></body>'
    )
    path = tmp_path / "frame.html"
    path.write_text(frame, encoding="utf-8")
    dom = chromium(path, "--dump-dom", size=PHONE)
    widths = {k: int(v) for k, v in re.findall(r'data-(fair|people|screen)="(-?\d+)"', dom)}
    assert widths["screen"] == PHONE[0]
    assert 0 < widths["fair"] <= PHONE[0]
    assert 0 < widths["people"] <= PHONE[0]
