"""``roster serve``'s main path through the JSON API and the pages: upload, solve in a
worker process, download, reschedule someone who fell ill, changes and messages, cover,
publish, next week, a person's page and calendar, a check of a downloaded roster. Every
roster the server makes is judged by the project's checker, never by the solver.

The example plan is uploaded as a zip of its folder with one person renamed
``<script>alert(1)</script>``: every page must show that name as text.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from constraints import all_rules
from roster.io import load_plan
from roster.io.roster_file import read_roster
from roster.jobs.check import check_roster
from roster.plan.model import Plan
from roster.web.app import create_app
from tests.web_helpers import EXAMPLE, SCRIPT, WORKBOOK, folder_zip, upload, wait

FROM = "2026-02-11"
# The reasons behind limits and absences: only the plan's staff page may show them.
REASONS = ("孩子发烧", "家中有事", "体检", "pregnant", "post_surgery", "young_children")


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(EXAMPLE)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One server through the whole path: the example solved, then repaired."""
    data = tmp_path_factory.mktemp("web")
    with TestClient(create_app(data, None)) as client:
        zipped = folder_zip(replace={"staff.csv": ("周晓燕", SCRIPT)})
        created = upload(client, "nanchang-road.zip", zipped)
        assert created.status_code == 201, created.text
        plan_id = created.json()["id"]
        solving = client.post(f"/api/plans/{plan_id}/solve", json={"time_limit": 3})
        assert solving.status_code == 202
        solved = wait(client, solving.json()["job"])
        assert solved["state"] == "done", solved
        version = solved["version"]
        # The busiest person from that day on falls ill.
        rows = client.get(f"/api/versions/{version}/roster.csv").text.splitlines()[1:]
        later = Counter(r.split(",")[5] for r in rows if r.split(",")[0] >= FROM)
        ill = later.most_common(1)[0][0]
        repairing = client.post(
            f"/api/versions/{version}/reschedule",
            json={"staff": ill, "from": FROM, "time_limit": 3},
        )
        assert repairing.status_code == 202, repairing.text
        repaired = wait(client, repairing.json()["job"])
        assert repaired["state"] == "done", repaired
        yield {
            "client": client,
            "plan": plan_id,
            "solved": solved,
            "version": version,
            "repaired": repaired["version"],
            "ill": ill,
        }


def _judged(plan: Plan, name: str, data: bytes) -> Any:
    """The project's checker on a downloaded roster."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        source = read_roster(path, plan)
    assert not source.problems
    return check_roster(plan, source.assignments, all_rules(), lang="en")


def test_listed_with_progress_and_version(served: dict[str, Any]) -> None:
    client = served["client"]
    plans = client.get("/api/plans").json()
    assert [p["id"] for p in plans] == [served["plan"]]
    assert set(plans[0]["versions"]) == {served["version"], served["repaired"]}
    progress = served["solved"]["progress"]
    assert {"tier", "objective", "bound", "elapsed"} <= set(progress)


def test_downloads_are_the_commands_files_and_pass_the_checker(
    served: dict[str, Any], plan: Plan
) -> None:
    client, version = served["client"], served["version"]
    answer = client.get(f"/api/versions/{version}/roster.csv")
    assert answer.status_code == 200
    assert _judged(plan, "roster.csv", answer.content).hard == []
    # (The workbook's grid is judged in the browser test: this plan's name with a "/" in
    # it cannot be read back from a grid cell, where "/" separates names.)
    workbook = client.get(f"/api/versions/{version}/roster.xlsx")
    assert workbook.status_code == 200
    assert workbook.content.startswith(b"PK")
    page = client.get(f"/api/versions/{version}/report.html")
    assert page.status_code == 200
    assert page.text.startswith("<!DOCTYPE html>")
    assert client.get(f"/api/versions/{version}/nothing.txt").status_code == 404


def test_reschedule_changes_and_messages(served: dict[str, Any], plan: Plan) -> None:
    client, repaired, ill = served["client"], served["repaired"], served["ill"]
    found = client.get(f"/api/versions/{repaired}/changes").json()
    assert found["changes"]
    assert found["messages"]
    assert any(c["staff_id"] == ill for c in found["changes"])
    data = client.get(f"/api/versions/{repaired}/roster.csv").content
    absent = plan.model_copy(update={"absences": ()})
    report = _judged(absent, "roster.csv", data)
    assert report.hard == []
    # Nobody works for the ill person from the day they fell ill.
    assert not [
        a for a in report.roster.assignments() if a.staff_id == ill and a.date.isoformat() >= FROM
    ]
    info = client.get(f"/api/versions/{repaired}").json()
    assert info["parent"] == served["version"]
    assert info["kind"] == "reschedule"
    page = client.get(f"/versions/{repaired}?lang=en")
    assert page.status_code == 200
    assert "Messages to send" in page.text
    assert "Changes" in page.text


def test_cover_then_pick_makes_a_new_version(served: dict[str, Any], plan: Plan) -> None:
    client, version = served["client"], served["version"]
    rows = client.get(f"/api/versions/{version}/roster.csv").text.splitlines()[1:]
    # Someone's duty from the day of the illness on that somebody else can take.
    for row in rows:
        day, _, _, _, _, ill, _ = row.split(",", 6)
        if day < FROM:
            continue
        window = {"staff": ill, "from": day, "to": day}
        found = client.get(f"/api/versions/{version}/cover", params=window).json()
        duty = next((d for d in found["duties"] if d["candidates"]), None)
        if duty is not None:
            break
    else:
        pytest.fail("nobody can cover any duty")
    pick = duty["candidates"][0]["staff"]
    assign = f"{pick}={duty['post']}@{duty['date']}/{duty['shift']}"
    page = client.get(f"/versions/{version}/cover", params=window)
    assert page.status_code == 200
    assert assign in page.text
    job = client.post(
        f"/api/versions/{version}/reschedule",
        json={**window, "assign": assign, "time_limit": 2},
    ).json()["job"]
    done = wait(client, job)
    assert done["state"] == "done", done
    rows = client.get(f"/api/versions/{done['version']}/roster.csv").text.splitlines()
    assert any(
        r.startswith(f"{duty['date']},{duty['shift']},") and f",{duty['post']},{pick}," in r
        for r in rows
    )


def test_bad_reschedule_is_422(served: dict[str, Any]) -> None:
    client, version = served["client"], served["version"]
    unknown = client.post(
        f"/api/versions/{version}/reschedule", json={"staff": "nobody", "from": FROM}
    )
    assert unknown.status_code == 422
    outside = client.post(
        f"/api/versions/{version}/reschedule", json={"staff": "s24", "from": "2030-01-01"}
    )
    assert outside.status_code == 422


def test_pages_escape_names_and_keep_reasons_private(served: dict[str, Any]) -> None:
    client, plan_id, version = served["client"], served["plan"], served["version"]
    pages = {
        "plan": f"/plans/{plan_id}",
        "version": f"/versions/{version}",
        "repaired": f"/versions/{served['repaired']}",
        "person": f"/versions/{version}/people/s01",
        "staff": f"/plans/{plan_id}/staff",
        "report": f"/api/versions/{version}/report.html",
        "ics": f"/api/versions/{version}/staff/s15.ics",
        "index": "/",
    }
    for lang in ("zh", "en"):
        for what, url in pages.items():
            answer = client.get(url, params={"lang": lang})
            assert answer.status_code == 200, (what, answer.text[:500])
            assert SCRIPT not in answer.text, what
            if what in ("version", "person", "staff"):
                assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text, what
            if what != "staff":
                assert not [r for r in REASONS if r in answer.text], what
    staff = client.get(pages["staff"]).text
    assert all(r in staff for r in ("孩子发烧", "pregnant"))
    ics = client.get(pages["ics"])
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in ics.text


def test_check_a_roster(served: dict[str, Any]) -> None:
    """A roster checked against the plan: the findings of ``roster check``. (The browser
    test checks a downloaded roster.xlsx.)"""
    client, plan_id, version = served["client"], served["plan"], served["version"]
    roster = client.get(f"/api/versions/{version}/roster.csv").content
    edited = roster.replace(b",s15,", b",s99,", 1)
    found = client.post(
        f"/api/plans/{plan_id}/check",
        files={"file": ("roster.csv", edited)},
        params={"lang": "en"},
    ).json()
    assert found["exit_code"] == 2  # an entry names nobody in the plan
    assert any("s99" in line for line in found["lines"])
    page = client.post(f"/plans/{plan_id}/check", files={"file": ("roster.csv", roster)})
    assert page.status_code == 200
    assert 'id="findings"' in page.text


def test_publish_then_next_week_carries_history(served: dict[str, Any]) -> None:
    client, version = served["client"], served["repaired"]
    assert client.post(f"/api/versions/{version}/publish").json()["published"]
    assert not client.get(f"/api/versions/{served['version']}").json()["published"]
    created = client.post(f"/api/versions/{version}/next-week")
    assert created.status_code == 201, created.text
    following = client.get(f"/api/plans/{created.json()['id']}").json()
    assert following["start"] == "2026-02-16"
    assert following["from_version"] == version
    assert client.get(f"/plans/{following['id']}").status_code == 200
    # The published roster is the new plan's history, and its reasons are kept.
    data = client.get(f"/api/plans/{following['id']}/file").content
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "next.xlsx"
        path.write_bytes(data)
        after = load_plan(path)
    published = client.get(f"/api/versions/{version}/roster.csv").text.splitlines()[1:]
    assert len(after.history) == len(published)
    assert after.start.isoformat() == "2026-02-16"
    assert all(a.start.date().isoformat() >= "2026-02-16" for a in after.absences)


def test_one_solve_at_a_time_and_stop_keeps_the_best_roster(tmp_path: Path, plan: Plan) -> None:
    with TestClient(create_app(tmp_path, None)) as client:
        plan_id = upload(client, "plan.xlsx", WORKBOOK.read_bytes()).json()["id"]
        first = client.post(f"/api/plans/{plan_id}/solve", json={"time_limit": 120}).json()["job"]
        second = client.post(f"/api/plans/{plan_id}/solve", json={"time_limit": 120}).json()["job"]
        waiting = client.get(f"/api/jobs/{second}").json()
        assert waiting["state"] == "queued"
        assert waiting["ahead"] >= 1
        page = client.get(f"/jobs/{second}/status", params={"lang": "en"})
        assert "ahead in the queue" in page.text
        deadline = time.monotonic() + 60
        while "tier" not in client.get(f"/api/jobs/{first}").json()["progress"]:
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert client.post(f"/api/jobs/{second}/stop").json()["state"] == "stopped"
        client.post(f"/api/jobs/{first}/stop")
        stopped = wait(client, first, timeout=60)
        assert stopped["state"] == "stopped", stopped
        assert stopped["version"], stopped
        solve_json = client.get(f"/api/versions/{stopped['version']}/solve.json").json()
        assert solve_json["interrupted"] is True
        roster = client.get(f"/api/versions/{stopped['version']}/roster.csv").content
        assert _judged(plan, "roster.csv", roster).hard == []
        assert client.get(f"/api/jobs/{second}").json()["version"] is None
