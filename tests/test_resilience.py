"""``roster check --resilience``: whose loss tomorrow the critical posts cannot absorb."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from constraints import all_rules
from roster.cli.app import app
from roster.io import load_plan
from roster.jobs.resilience import default_moment, resilience
from roster.plan.model import Assignment
from tests.check_plans import roster_csv, write_folder

# One compound whose day shift needs a duty leader (critical) on both days; Person 1 is the
# only one with skill `lead`. Person 2 and 3 guard the nights.
ONE_LEADER: dict[str, str] = {
    "plan.toml": 'title = "one leader"\nstart = 2026-03-02\ndays = 2\n',
    "staff.csv": "id,name,skills\ns1,Person 1,lead\ns2,Person 2,\ns3,Person 3,\n",
    "compounds.csv": "id,name,unmanaged,round_the_clock\nA,A小区,true,true\n",
    "shifts.csv": "id,name,start,end,night\nD,day,08:00,20:00,false\nN,night,20:00,08:00,true\n",
    "demand.csv": "place,shift,days,min,skill,priority\nA,D,*,1,lead,critical\nA,N,*,1,,critical\n",
}
ROWS = [
    "2026-03-02,D,,,A,s1,Person 1",
    "2026-03-03,D,,,A,s1,Person 1",
    "2026-03-02,N,,,A,s2,Person 2",
    "2026-03-03,N,,,A,s3,Person 3",
]


def published() -> list[Assignment]:
    return [
        Assignment(date=dt.date.fromisoformat(d), shift=s, place=p, staff_id=i)
        for d, s, _, _, p, i, _ in (row.split(",") for row in ROWS)
    ]


def test_the_only_duty_leader_cannot_be_spared(tmp_path: Path) -> None:
    plan = load_plan(write_folder(tmp_path / "plan", ONE_LEADER))
    assert default_moment(plan) == dt.datetime(2026, 3, 3, 8)  # tomorrow, first shift
    report = resilience(plan, published(), all_rules(), time_limit=5, lang="en")

    assert {loss.staff.id: loss.verdict for loss in report.losses} == {
        "s1": "breaks",
        "s2": "absorbed",  # the other can take the night
        "s3": "absorbed",
    }
    (loss,) = report.fragile
    assert loss.proven
    (gap,) = loss.gaps
    assert (gap.post.slot.date, gap.post.slot.shift.id, gap.need.skill) == (
        dt.date(2026, 3, 3),
        "D",
        "lead",
    )
    assert gap.why == "absent ×1 (Person 1)"
    lines = report.lines("en")
    assert lines[1].startswith("1 person cannot be spared (3 tried in")
    assert lines[2] == "  Person 1 (s1): 1 critical post would go short"
    assert lines[3] == "      A小区 3 Mar day: 0 of 1 who can lead"


def test_cli_resilience_lists_the_leader_and_writes_resilience_csv(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "plan", ONE_LEADER)
    roster = tmp_path / "r" / "roster.csv"
    roster.parent.mkdir()
    roster.write_text(roster_csv(ROWS), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["check", str(folder), str(roster), "--resilience", "--out", str(out), "--lang", "en"]
    )
    assert result.exit_code == 0  # the roster itself is fine; resilience only informs
    assert "Person 1 (s1): 1 critical post would go short" in result.stdout
    with (out / "resilience.csv").open(encoding="utf-8-sig") as handle:
        rows = {r["staff_id"]: r for r in csv.DictReader(handle)}
    assert rows["s1"]["verdict"] == "breaks"
    assert rows["s1"]["what_breaks"] == "A小区 3 Mar day: 0 of 1 who can lead"
    assert rows["s2"]["verdict"] == "absorbed"

    # From Tuesday 20:00 nobody's loss matters any more: only the last night is left, and
    # either night guard can take it.
    result = CliRunner().invoke(
        app,
        [
            "check",
            str(folder),
            str(roster),
            "--resilience",
            "--from",
            "2026-03-03 20:00",
            "--out",
            str(out),
            "--lang",
            "en",
        ],
    )
    assert "Anyone's loss can be absorbed (3 people tried" in result.stdout


def test_cli_resilience_lists_resilience_csv_among_the_files_written(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "plan", ONE_LEADER)
    roster = tmp_path / "r" / "roster.csv"
    roster.parent.mkdir()
    roster.write_text(roster_csv(ROWS), encoding="utf-8")
    out = tmp_path / "out"
    args = ["check", str(folder), str(roster), "--resilience", "--out", str(out), "--lang", "en"]
    result = CliRunner().invoke(app, args)
    written = [line for line in result.stdout.splitlines() if line.startswith("Written to")]
    assert (out / "resilience.csv").exists()
    assert any("resilience.csv" in line for line in written), result.stdout
