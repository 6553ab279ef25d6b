"""``roster check`` on the unmanaged compounds' nights: a night post below its requirement is
listed (needed, present, hours short) even when somebody is on watch, and fails the check
whatever its demand's priority. Every figure is known by hand from the tiny plans."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from constraints import all_rules
from constraints.coverage import Coverage
from roster.check.judge import judge
from roster.cli.app import app
from roster.io import load_plan
from roster.io.roster_file import read_roster
from roster.jobs.check import check_roster
from roster.plan.index import PlanIndex
from roster.plan.model import Compound, Demand
from tests.check_plans import FULL_ROWS, GATES, HOLEY_ROWS, roster_csv, write_folder
from tests.helpers import roster_of
from tests.plans import DAY, FULL, NIGHT, people, tiny_plan

RUNNER = CliRunner()
A = Compound(id="A", name="A小区")
B = Compound(id="B", name="B小区", unmanaged=True)
MONDAY, TUESDAY = dt.date(2026, 3, 2), dt.date(2026, 3, 3)

# GATES with two people needed at B小区 (unmanaged) by day and by night, at high priority
# (not critical). FULL_ROWS puts one person on each: every hour is watched, every hard rule
# holds, no critical post is short; the two nights are 1 of 2 (12 h short each), and the two
# days are short too but are not nights.
HALF_NIGHTS = {
    **GATES,
    "demand.csv": """\
place,shift,days,min,max,skill,priority
B,D,*,2,,,high
B,N,*,2,,,high
A,D,*,1,,,high
A,N,*,1,,,high
""",
}


def checked(tmp_path: Path, files: dict[str, str], rows: list[str]) -> tuple[Path, Path]:
    """The plan folder and a roster.csv of ``rows``."""
    plan = write_folder(tmp_path / "plan", files)
    roster = tmp_path / "rosters" / "roster.csv"
    roster.parent.mkdir(parents=True, exist_ok=True)
    roster.write_text(roster_csv(rows), encoding="utf-8")
    return plan, roster


def run(plan_dir: Path, roster: Path, out: Path, *flags: str) -> Result:
    """``roster check PLAN ROSTER --out OUT FLAGS...``."""
    return RUNNER.invoke(app, ["check", str(plan_dir), str(roster), "--out", str(out), *flags])


def check_csv(out: Path) -> list[dict[str, str]]:
    with (out / "check.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_a_half_staffed_unmanaged_night_is_listed_and_fails(tmp_path: Path) -> None:
    plan_dir, roster = checked(tmp_path, HALF_NIGHTS, FULL_ROWS)
    plan = load_plan(plan_dir)
    report = check_roster(plan, read_roster(roster, plan).assignments, all_rules(), lang="en")

    assert (report.holes, report.hard, report.critical_gaps) == ([], [], [])
    shown = [
        (n.post.place, n.post.slot.date, n.post.slot.shift.id, n.needed, n.present, n.minutes_short)
        for n in report.short_nights
    ]
    assert shown == [
        ("B", MONDAY, "N", 2, 1, 12 * 60),
        ("B", TUESDAY, "N", 2, 1, 12 * 60),
    ]
    assert report.exit_code == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cli_unmanaged_nights_lists_needed_present_and_hours_short(
    tmp_path: Path, lang: str
) -> None:
    plan_dir, roster = checked(tmp_path, HALF_NIGHTS, FULL_ROWS)
    out = tmp_path / "out"
    result = run(plan_dir, roster, out, "--unmanaged-nights", "--lang", lang)
    assert result.exit_code == 1, result.stdout
    lines = result.stdout.splitlines()
    if lang == "en":
        assert (
            "Night posts short of people at unmanaged compounds "
            "(hours short = people short × the shift's hours):"
        ) in lines
        assert "  B小区 (unmanaged)  2 Mar 20:00–08:00  2       1        12" in lines
        assert "  B小区 (unmanaged)  3 Mar 20:00–08:00  2       1        12" in lines
        assert lines[-2].endswith(
            "Unmanaged compounds at night: posts short of people 2; hours with nobody on watch 0."
        )
    else:
        assert "无物业小区人手不足的夜班（缺人工时 = 缺人数 × 班次时长）：" in lines
        assert "  B小区（无物业）  3月2日 20:00–08:00  2     1     12" in lines
        assert lines[-2].endswith("无物业小区夜间：2 个岗位缺人，0 小时无人值守。")
    assert not any("A小区" in line for line in lines)
    rows = check_csv(out)
    assert [
        tuple(
            r[k] for k in ("kind", "compound", "shift", "start", "needed", "present", "hours_short")
        )
        for r in rows
    ] == [
        ("short", "B", "N", "2026-03-02T20:00", "2", "1", "12"),
        ("short", "B", "N", "2026-03-03T20:00", "2", "1", "12"),
    ]
    assert {r["unmanaged"] for r in rows} == {"true"}
    if lang == "en":
        assert rows[0]["description"] == "B小区 2 Mar 20:00–08:00: 1 of 2 on watch, 12 h short"
    else:
        assert rows[0]["description"] == "B小区 3月2日 20:00–08:00 需要2人，在岗1人，缺12小时"


def test_without_the_flag_the_verdict_counts_them_and_check_csv_lists_them(
    tmp_path: Path,
) -> None:
    plan_dir, roster = checked(tmp_path, HALF_NIGHTS, FULL_ROWS)
    out = tmp_path / "out"
    result = run(plan_dir, roster, out, "--lang", "en")
    assert result.exit_code == 1
    assert (
        "Verdict: not OK: 0 hard-rule violations, 0 critical posts short. Unmanaged compounds "
        "at night: posts short of people 2; hours with nobody on watch 0."
    ) in result.stdout
    assert [r["kind"] for r in check_csv(out)] == ["short", "short"]


def test_a_night_with_nobody_is_a_hole_and_a_post_short(tmp_path: Path) -> None:
    plan_dir, roster = checked(tmp_path, GATES, HOLEY_ROWS)
    out = tmp_path / "out"
    result = run(plan_dir, roster, out, "--unmanaged-nights", "--lang", "en")
    assert result.exit_code == 1
    rows = check_csv(out)
    assert [(r["kind"], r["start"], r["end"], r["needed"], r["present"]) for r in rows] == [
        ("nobody", "2026-03-02T20:00", "2026-03-03T08:00", "", "0"),
        ("short", "2026-03-02T20:00", "2026-03-03T08:00", "1", "0"),
    ]
    assert rows[1]["hours_short"] == "12"
    assert (
        "Unmanaged compounds at night: posts short of people 1; hours with nobody on watch 12."
        in result.stdout
    )


def test_a_full_roster_lists_no_short_night(tmp_path: Path) -> None:
    plan_dir, roster = checked(tmp_path, GATES, FULL_ROWS)
    out = tmp_path / "out"
    result = run(plan_dir, roster, out, "--unmanaged-nights", "--lang", "en")
    assert result.exit_code == 0
    assert "Every night post at the unmanaged compounds has the people it needs." in result.stdout
    assert check_csv(out) == []


def test_a_24_hour_post_holds_the_night_and_a_day_post_does_not() -> None:
    # Day 08–20, night 20–08 and 24-hour posts at a managed and an unmanaged compound, two
    # people each at low priority; one person on B's night, nobody else anywhere.
    shifts = (DAY, NIGHT, FULL)
    demand = tuple(Demand(place="*", shift=s.id, min=2, priority="low") for s in shifts)
    index = PlanIndex(tiny_plan(shifts=shifts, demand=demand, compounds=(A, B), staff=people(3)))
    report = judge(roster_of(index, [("s1", 0, "N", "B")]), [Coverage()], "en")
    shown = [
        (n.post.place, n.post.slot.shift.id, n.present, n.minutes_short)
        for n in report.short_nights
    ]
    assert shown == [("B", "F", 0, 2 * 24 * 60), ("B", "N", 1, 12 * 60)]
    assert report.critical_gaps == []
    assert report.exit_code == 1
