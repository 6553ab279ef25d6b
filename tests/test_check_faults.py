"""One fault, one finding: a double booking is reported by ``one_place`` alone, not again as
"no rest" between the same two duties; a rest rule's finding about another pair of duties
stays. The rules themselves still report what their models forbid (min_rest alone still
forbids overlapping duties: tests/constraints/test_min_rest.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from constraints import all_rules
from constraints.min_rest import MinRest
from roster.cli.app import app
from roster.io import load_plan
from roster.io.roster_file import read_roster
from roster.jobs.check import check_roster
from tests.check_plans import FULL_ROWS, GATES, roster_csv, write_folder

RUNNER = CliRunner()

# FULL_ROWS with Person 3 instead of Person 2 on A's Monday night: Person 3 is then on A's
# and B's Monday nights at once, and nothing else is wrong (every post keeps its person,
# Person 3's Tuesday night comes 12 h after Monday's, more than the 8 h of rest).
DOUBLE_ROWS = [r for r in FULL_ROWS if r != "2026-03-02,N,,,A,s2,Person 2"] + [
    "2026-03-02,N,,,A,s3,Person 3"
]


def roster_file(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "rosters" / "roster.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(roster_csv(rows), encoding="utf-8")
    return path


def test_a_double_booking_is_one_hard_finding(tmp_path: Path) -> None:
    plan = load_plan(write_folder(tmp_path / "plan", GATES))
    assignments = read_roster(roster_file(tmp_path, DOUBLE_ROWS), plan).assignments
    report = check_roster(plan, assignments, all_rules(), lang="en")
    assert [(v.rule, v.staff, v.shift) for v in report.hard] == [("one_place", ("s3",), "N")]
    # The rest rule on its own still finds the pair (its model forbids it too).
    [alone] = MinRest().violations(report.roster)
    assert alone.message("en").startswith("Person 3: no rest between 2 Mar night at A小区")


def test_a_short_rest_next_to_a_double_booking_is_still_reported(tmp_path: Path) -> None:
    # Person 3 also on A's Tuesday day: it starts when the Monday nights end and ends when
    # their Tuesday night starts (no rest either side): two pairs of duties other than the
    # double booking, each reported.
    rows = [r for r in DOUBLE_ROWS if r != "2026-03-03,D,,,A,s1,Person 1"]
    rows.append("2026-03-03,D,,,A,s3,Person 3")
    plan = load_plan(write_folder(tmp_path / "plan", GATES))
    assignments = read_roster(roster_file(tmp_path, rows), plan).assignments
    report = check_roster(plan, assignments, all_rules(), lang="en")
    found = [(v.rule, v.date.day if v.date else None, v.shift) for v in report.hard]
    assert found == [("one_place", 2, "N"), ("min_rest", 3, "D"), ("min_rest", 3, "N")]
    assert report.hard[1].message("en").startswith("Person 3: no rest between 2 Mar night at")


def test_cli_prints_and_writes_the_double_booking_once(tmp_path: Path) -> None:
    plan_dir = write_folder(tmp_path / "plan", GATES)
    out = tmp_path / "out"
    roster = roster_file(tmp_path, DOUBLE_ROWS)
    result = RUNNER.invoke(
        app, ["check", str(plan_dir), str(roster), "--out", str(out), "--lang", "en"]
    )
    assert result.exit_code == 1
    assert "Hard rules broken: 1" in result.stdout
    assert "Verdict: not OK: 1 hard-rule violation, 0 critical posts short." in result.stdout
    with (out / "violations.csv").open(encoding="utf-8-sig") as handle:
        hard = [r["rule"] for r in csv.DictReader(handle) if r["hard"] == "true"]
    assert hard == ["one_place"]
