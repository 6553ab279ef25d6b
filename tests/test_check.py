"""``roster check`` on hand-made rosters whose holes, gaps and reasons are known by hand."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from constraints import all_rules
from roster.cli.app import app
from roster.io import load_plan
from roster.io.roster_file import read_roster
from roster.jobs.check import check_files, check_roster
from tests.check_plans import FULL_ROWS, GATES, HOLEY_ROWS, roster_csv, write_folder

RUNNER = CliRunner()


def at(day: int, hour: int) -> dt.datetime:
    """A moment ``day`` days after Monday 2 March 2026."""
    return dt.datetime(2026, 3, 2 + day, hour)


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "plan", GATES)


def roster_file(tmp_path: Path, rows: list[str], name: str = "roster.csv") -> Path:
    path = tmp_path / "rosters" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(roster_csv(rows), encoding="utf-8")
    return path


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = RUNNER.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- library


def test_holes_are_exact_spans_unmanaged_nights_first(plan_dir: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_dir)
    source = read_roster(roster_file(tmp_path, HOLEY_ROWS), plan)
    report = check_roster(plan, source.assignments, all_rules(), lang="en")

    spans = [(h.compound.id, h.start, h.end, h.night_minutes) for h in report.holes]
    assert spans == [
        ("B", at(0, 20), at(1, 8), 12 * 60),
        ("A", at(1, 8), at(1, 20), 0),
    ]
    assert [h.compound.id for h in report.unmanaged_night_holes] == ["B"]
    assert report.hard == []
    assert [(g.post.place, g.post.slot.date.day, g.post.slot.shift.id) for g in report.gaps] == [
        ("B", 2, "N"),
        ("A", 3, "D"),
    ]  # critical first
    assert len(report.critical_gaps) == 1
    assert report.exit_code == 1


def test_a_full_roster_passes(plan_dir: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_dir)
    source = read_roster(roster_file(tmp_path, FULL_ROWS), plan)
    report = check_roster(plan, source.assignments, all_rules())
    assert (report.holes, report.gaps, report.hard, report.exit_code) == ([], [], [], 0)


def test_a_broken_hard_rule_fails_even_when_everything_is_covered(
    plan_dir: Path, tmp_path: Path
) -> None:
    # Person 4 takes no nights, yet is put on B's Monday night instead of Person 3.
    rows = [r for r in FULL_ROWS if r != "2026-03-02,N,,,B,s3,Person 3"]
    rows.append("2026-03-02,N,,,B,s4,Person 4")
    plan = load_plan(plan_dir)
    report = check_roster(
        plan, read_roster(roster_file(tmp_path, rows), plan).assignments, all_rules(), lang="en"
    )
    assert {v.rule for v in report.hard} == {"no_nights", "min_rest"}
    assert report.critical_gaps == []
    assert report.exit_code == 1


def test_why_names_the_rule_that_keeps_each_person_away(plan_dir: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_dir)
    report = check_roster(
        plan, read_roster(roster_file(tmp_path, HOLEY_ROWS), plan).assignments, all_rules()
    )
    night, day = report.gaps
    assert {b.person.id: b.rule for b in night.blockers} == {
        "s1": "min_rest",  # on A's day shift until 20:00: no rest before 20:00
        "s2": "one_place",  # on A's night at the same time
        "s3": None,  # free: could have taken it
        "s4": "no_nights",
        "s5": "absence",  # absent from Tuesday 00:00, inside the night
    }
    said = {b.person.id: b.sentence().render("en") for b in night.blockers}
    assert said["s4"] == "Person 4: no nights"
    assert said["s5"] == "Person 5: absent"
    assert said["s3"] == "Person 3: free (not chosen)"
    assert said["s1"] == (
        "Person 1: no rest between 2 Mar day at A小区 and 2 Mar night at B小区, needs 8 h "
        "(if put on this post)"
    )
    assert {b.person.id: b.rule for b in day.blockers} == {
        "s1": None,
        "s2": "min_rest",
        "s3": "min_rest",
        "s4": "one_place",
        "s5": "absence",
    }
    # gaps.csv's ``why`` column: counts and names per reason.
    assert night.why == (
        "Minimum rest between duties ×1 (Person 1); One place at a time ×1 (Person 2); "
        "free (not chosen) ×1 (Person 3); no nights ×1 (Person 4); absent ×1 (Person 5)"
    )


def test_unknown_staff_shift_place_and_dates_are_problems_and_the_rest_is_checked(
    plan_dir: Path, tmp_path: Path
) -> None:
    rows = [
        *FULL_ROWS,
        "2026-03-02,D,,,A,s9,Nobody",
        "2026-03-02,X,,,A,s1,Person 1",
        "2026-03-02,D,,,Z,s2,Person 2",
        "2026-03-09,D,,,A,s2,Person 2",
    ]
    plan = load_plan(plan_dir)
    source = read_roster(roster_file(tmp_path, rows), plan)
    report = check_roster(plan, source.assignments, all_rules(), where=source.where)
    assert [p.render("en") for p in report.problems] == [
        'roster.csv row 10, column staff_id: unknown staff id "s9" (not in staff.csv)',
        'roster.csv row 11, column shift: unknown shift "X" (known: D, N)',
        'roster.csv row 12, column place: unknown place "Z" (known: A, B)',
        "roster.csv row 13, column date: 2026-03-09 is outside the period (2 Mar to 3 Mar)",
    ]
    assert len(report.roster.duties) == len(FULL_ROWS)
    assert report.holes == []
    assert report.exit_code == 2


def test_duplicates_count_once_and_compound_names_stand_for_ids(
    plan_dir: Path, tmp_path: Path
) -> None:
    rows = [*FULL_ROWS, "2026-03-02,D,,,A小区,s1,Person 1"]
    plan = load_plan(plan_dir)
    report = check_roster(
        plan, read_roster(roster_file(tmp_path, rows), plan).assignments, all_rules()
    )
    assert [n.render("en") for n in report.notes] == [
        "Person 1 is listed twice on 2 Mar day at A小区; counted once"
    ]
    assert report.exit_code == 0


# --------------------------------------------------------------------------- command


def test_cli_exit_codes(plan_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("check", plan_dir, roster_file(tmp_path, FULL_ROWS), "--out", out)[0] == 0
    code, stdout, _ = invoke(
        "check", plan_dir, roster_file(tmp_path, HOLEY_ROWS), "--out", out, "--lang", "en"
    )
    assert code == 1
    assert "B小区 (unmanaged)  2 Mar 20:00–08:00  12     12" in stdout
    assert "A小区              3 Mar 08:00–20:00  12     0" in stdout
    assert "Verdict: not OK: 0 hard-rule violations, 1 critical post short." in stdout
    bad = roster_file(tmp_path, [*FULL_ROWS, "2026-03-02,D,,,A,s9,Nobody"], "bad.csv")
    code, stdout, stderr = invoke("check", plan_dir, bad, "--out", out, "--lang", "en")
    assert code == 2
    assert 'bad.csv row 10, column staff_id: unknown staff id "s9"' in stderr
    assert "Every round-the-clock gate is watched every hour." in stdout  # the rest checked


def test_cli_unreadable_roster_is_status_2_before_any_check(plan_dir: Path, tmp_path: Path) -> None:
    bad = roster_file(tmp_path, ["2026-13-02,D,,,A,s1,Person 1"])
    code, stdout, stderr = invoke("check", plan_dir, bad, "--out", tmp_path / "out", "--lang", "en")
    assert code == 2
    assert stdout == ""
    assert "roster.csv row 2, column date" in stderr
    missing = invoke("check", plan_dir, tmp_path / "nope.csv", "--out", tmp_path / "out")
    assert missing[0] == 2


def test_cli_unmanaged_nights_shows_and_writes_only_those(plan_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = invoke(
        "check",
        plan_dir,
        roster_file(tmp_path, HOLEY_ROWS),
        "--out",
        out,
        "--unmanaged-nights",
        "--lang",
        "en",
    )
    assert code == 1  # the verdict is on the whole roster
    assert "B小区 (unmanaged)  2 Mar 20:00–08:00" in stdout
    assert "A小区" not in stdout
    with (out / "check.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    # The hole, then the same night as a post short of people (issue 24 item 1).
    assert [(r["kind"], r["compound"], r["start"], r["end"], r["hours"]) for r in rows] == [
        ("nobody", "B", "2026-03-02T20:00", "2026-03-03T08:00", "12"),
        ("short", "B", "2026-03-02T20:00", "2026-03-03T08:00", "12"),
    ]


def test_cli_why_lists_every_person_and_why_csv_has_their_rules(
    plan_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, stdout, _ = invoke(
        "check", plan_dir, roster_file(tmp_path, HOLEY_ROWS), "--out", out, "--why", "--lang", "en"
    )
    assert code == 1
    assert "      Person 4: no nights" in stdout
    with (out / "why.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    night = {r["staff_id"]: r["rule"] for r in rows if r["shift"] == "N"}
    assert night == {
        "s1": "min_rest",
        "s2": "one_place",
        "s3": "",
        "s4": "no_nights",
        "s5": "absence",
    }
    assert {p.name for p in out.iterdir()} == {"check.csv", "gaps.csv", "why.csv", "violations.csv"}


def test_outputs_never_go_into_an_input_folder(plan_dir: Path, tmp_path: Path) -> None:
    path = roster_file(tmp_path, FULL_ROWS)
    code, _, stderr = invoke("check", plan_dir, path, "--out", path.parent)
    assert code == 2
    assert "choose another --out" in stderr


def test_check_files_writes_gaps_like_solve(plan_dir: Path, tmp_path: Path) -> None:
    outcome = check_files(plan_dir, roster_file(tmp_path, HOLEY_ROWS), tmp_path / "o", all_rules())
    with (tmp_path / "o" / "gaps.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["date"], r["shift"], r["place"], r["shortfall"], r["priority"]) for r in rows] == [
        ("2026-03-02", "N", "B", "1", "critical"),
        ("2026-03-03", "D", "A", "1", "high"),
    ]
    assert outcome.report.exit_code == 1
