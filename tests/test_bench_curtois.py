"""The Curtois & Qu reader and bench: sizes of Instance1, the objective of a hand-made roster
worked out by hand, and Instance1 solved to its known optimum."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster.bench.curtois import (
    TUNED,
    BenchRow,
    bench_config,
    find_data,
    instance_paths,
    read_best_known,
    run_instance,
    spreads,
)
from roster.bench.curtois_instance import FormatError, benchmark_objective, parse, read_instance
from roster.bench.curtois_plan import START, bench_rules, score, to_plan
from roster.check.violations import tier_costs
from roster.cli.app import app
from roster.plan.index import PlanIndex
from roster.plan.model import Tier
from roster.result import SolverConfig
from tests.helpers import assert_model_agrees, roster_of

DATA = find_data(Path(__file__).resolve())
needs_data = pytest.mark.skipif(DATA is None, reason="shared/benchmarks/curtois not found")

# A roster for Instance1 made by hand from three patterns of days worked (shift D):
P1 = (0, 1, 2, 3, 7, 8, 9, 10, 11)  # 9 shifts = 4320 min (the max), no weekend
P2 = (2, 3, 4, 5, 6, 9, 10, 11)  # 8 shifts, weekend 1
P3 = (3, 4, 5, 6, 7, 10, 11)  # 7 shifts = 3360 min (the min), weekend 1
PATTERN = {"A": P2, "B": P1, "C": P2, "D": P3, "E": P3, "F": P1, "G": P2, "H": P2}
# Every fixed day off (A0 B5 C8 D2 E9 F5 G1 H7) is off; runs of work are 2-5 days and
# breaks 2+ days (or touch an end); at most one weekend each: no hard violation.
#
# People per day: 2 2 6 8 6 6 6 4 2 6 8 8 0 0
# Required:       5 7 6 4 5 5 5 6 7 4 2 5 6 4
# Under: 3+5+2+5+6+4 = 25 people, x100 = 2500; over: 4+1+1+1+2+6+3 = 18, x1 = 18.
# On requests broken: B day 4 (3), C days 0, 1 (1+1), D days 8, 9 (2+2), H days 12, 13
# (1+1) = 11. Off requests broken: F day 8 (3), H days 2, 3 (3+3) = 9.
HAND_OBJECTIVE = 2500 + 18 + 11 + 9


@pytest.fixture(scope="module")
def instance1_path() -> Path:
    assert DATA is not None
    return DATA / "Instance1.txt"


@needs_data
def test_reader_sizes_of_instance1(instance1_path: Path) -> None:
    instance = read_instance(instance1_path)
    assert instance.name == "Instance1"
    assert instance.horizon == 14
    assert [(s.id, s.minutes, s.forbidden_next) for s in instance.shifts] == [("D", 480, ())]
    assert len(instance.staff) == 8
    assert sum(len(days) for days in instance.days_off.values()) == 8
    assert (len(instance.on_requests), len(instance.off_requests)) == (21, 5)
    assert len(instance.cover) == 14
    a = instance.staff[0]
    assert (a.id, dict(a.max_shifts), a.max_total_minutes, a.min_total_minutes) == (
        "A",
        {"D": 14},
        4320,
        3360,
    )
    assert (a.max_consecutive_shifts, a.min_consecutive_shifts) == (5, 2)
    assert (a.min_consecutive_days_off, a.max_weekends) == (2, 1)

    plan = to_plan(instance)
    index = PlanIndex(plan)
    assert plan.start == START == dt.date(2024, 1, 1)
    assert START.weekday() == 0
    assert (plan.days, len(plan.staff), len(plan.shifts)) == (14, 8, 1)
    assert (len(plan.absences), len(plan.requests), len(index.posts)) == (8, 26, 14)
    assert plan.levels[0] == (Tier.CRITICAL, Tier.HIGH, Tier.COVERAGE, Tier.PREFERENCES)
    limits = index.person_by_id["A"].limits
    assert (limits.max_total_minutes, limits.min_total_minutes) == (4320, 3360)
    assert (limits.max_consecutive_days, limits.min_consecutive_days) == (5, 2)
    assert (limits.min_consecutive_days_off, limits.max_weekends) == (2, 1)
    assert all(post.place == "ward" and not post.watch for post in index.posts)


@needs_data
def test_hand_made_roster_scores_as_worked_out_by_hand(instance1_path: Path) -> None:
    instance = read_instance(instance1_path)
    index = PlanIndex(to_plan(instance))
    roster = roster_of(
        index, [(staff, day, "D", "ward") for staff, days in PATTERN.items() for day in days]
    )
    rules = bench_rules()
    # The rules' violations, the model with this roster fixed, and the format's own
    # definition all give the hand-computed objective.
    violations = assert_model_agrees(index, rules, roster)
    assert [v.message() for v in violations if v.hard] == []
    assert tier_costs(violations) == {
        Tier.CRITICAL: 2500,
        Tier.COVERAGE: 18,
        Tier.PREFERENCES: 20,
    }
    assert score(roster, rules).objective == HAND_OBJECTIVE == 2538
    assignment = {(staff, day): "D" for staff, days in PATTERN.items() for day in days}
    assert benchmark_objective(instance, assignment) == HAND_OBJECTIVE


@needs_data
def test_empty_roster_costs_every_request_and_person(instance1_path: Path) -> None:
    instance = read_instance(instance1_path)
    index = PlanIndex(to_plan(instance))
    judged = score(roster_of(index, []), bench_rules())
    # 71 people required in all, x100; on-request weights 4 + 15 + 5 + 4 + 4 + 5 = 37.
    assert judged.objective == 7100 + 37 == benchmark_objective(instance, {})
    assert {v.rule for v in judged.hard} == {"total_hours"}  # everyone under 56 hours
    assert len(judged.hard) == 8


@needs_data
def test_instance1_solved_to_its_optimum(instance1_path: Path) -> None:
    # On 2 cores this takes well under a second; the limit is only a safety net.
    assert DATA is not None
    best = read_best_known(DATA)["Instance1"]
    row = run_instance(instance1_path, SolverConfig(time_limit=25, workers=2), best_known=best)
    assert (row.objective, row.bound, row.status, row.hard) == (607, 607, "OPTIMAL", 0)
    assert row.gap == 0.0


def _bench_instance1(*options: str) -> list[str]:
    """``roster bench curtois 1`` with ``options``; the lines it prints (exit status 0)."""
    assert DATA is not None
    result = CliRunner().invoke(
        app, ["bench", "curtois", "1", "--time-limit", "20", "--data", str(DATA), *options]
    )
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@needs_data
def test_cli_writes_results_and_rosters(tmp_path: Path) -> None:
    lines = _bench_instance1(
        "--out", str(tmp_path / "results.csv"), "--rosters", str(tmp_path / "rosters")
    )
    assert lines[0].split() == [
        "instance",
        "objective",
        "best_known",
        "gap_pct",
        "bound",
        "seconds",
        "status",
        "hard",
        "seed",
    ]
    assert lines[1].split()[:5] == ["Instance1", "607", "607", "0.00", "607"]
    assert lines[1].split()[-1] == "0"
    csv_lines = (tmp_path / "results.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv_lines[1].startswith("Instance1,607,607,0.00,607,")
    roster = (tmp_path / "rosters" / "Instance1.csv").read_text(encoding="utf-8-sig").splitlines()
    assert roster[0] == "date,shift,start,end,place,staff_id,staff_name"
    assert roster[1].startswith("2024-01-01,D,2024-01-01T08:00,2024-01-01T16:00,ward,")


TINY = """\
# comment\r
SECTION_HORIZON\r
7\r
\r
SECTION_SHIFTS\r
E,480,\r
L,600,E|L\r
\r
SECTION_STAFF\r
A,E=7|L=0,4800,0,5,1,1,1\r
\r
SECTION_DAYS_OFF\r
A,0,6\r
\r
SECTION_SHIFT_ON_REQUESTS\r
A,2,E,2\r
\r
SECTION_SHIFT_OFF_REQUESTS\r
\r
SECTION_COVER\r
0,E,1,100,1\r
0,L,0,100,1\r
"""


def test_reader_on_a_tiny_text() -> None:
    instance = parse(TINY, "tiny")
    assert [(s.id, s.minutes, s.forbidden_next) for s in instance.shifts] == [
        ("E", 480, ()),
        ("L", 600, ("E", "L")),
    ]
    assert instance.days_off == {"A": (0, 6)}
    assert instance.off_requests == ()
    plan = to_plan(instance)
    assert plan.forbidden_successions == (("L", "E"), ("L", "L"))
    assert [(s.id, s.start, s.end) for s in plan.shifts] == [("E", 480, 960), ("L", 480, 1080)]
    limits = PlanIndex(plan).people[0].limits
    # Minimums of 1 (or a minimum total of 0) are no constraint at all.
    assert (limits.min_total_minutes, limits.min_consecutive_days) == (None, None)
    assert limits.min_consecutive_days_off is None
    assert limits.max_shifts_of_type == {"E": 7, "L": 0}


def test_reader_rejects_a_broken_file() -> None:
    with pytest.raises(FormatError, match="missing sections"):
        parse("SECTION_HORIZON\n7\n", "broken")
    with pytest.raises(FormatError, match="broken"):
        parse(TINY.replace("A,2,E,2", "A,two,E,2"), "broken")


@needs_data
def test_instance_names() -> None:
    assert DATA is not None
    assert [p.stem for p in instance_paths(["1", "Instance12"], DATA)] == [
        "Instance1",
        "Instance12",
    ]
    assert [p.stem for p in instance_paths([], DATA)][:3] == ["Instance1", "Instance2", "Instance3"]
    with pytest.raises(FileNotFoundError):
        instance_paths(["Instance99"], DATA)


def test_plain_is_the_straightforward_model_and_the_warm_up_can_be_set() -> None:
    tuned, plain = bench_config(60, 2), bench_config(60, 2, plain=True)
    assert (tuned.extra, tuned.warm_up) == (TUNED, SolverConfig.warm_up)
    assert (plain.extra, plain.warm_up) == ({}, 0.0)
    assert bench_config(60, 2, warm_up=0.5).warm_up == 0.5
    assert bench_config(60, 2, plain=True, warm_up=0.5).warm_up == 0.5


@needs_data
def test_cli_runs_each_instance_with_consecutive_seeds(tmp_path: Path) -> None:
    lines = _bench_instance1("--seed", "3", "--runs", "2", "--rosters", str(tmp_path))
    assert [(line.split()[0], line.split()[-1]) for line in lines[1:3]] == [
        ("Instance1", "3"),
        ("Instance1", "4"),
    ]
    assert lines[4].split() == [
        "instance",
        "runs",
        "best",
        "median",
        "worst",
        "within_1pct",
        "within_5pct",
    ]
    assert lines[5].split() == ["Instance1", "2", "607", "607", "607", "2", "2"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "Instance1-seed3.csv",
        "Instance1-seed4.csv",
    ]


def _row(instance: str, objective: int | None, best_known: int = 1000) -> BenchRow:
    return BenchRow(instance, objective, best_known, None, 60.0, "FEASIBLE")


def test_spreads_count_runs_within_each_mark() -> None:
    # Instance8's mark is 5 % of 1 300 = 1 365: 1 365 is within, 1 366 is not; 1 % is 1 313.
    rows = [
        _row("Instance8", 1424, 1300),
        _row("Instance8", 1313, 1300),
        _row("Instance8", 1365, 1300),
        _row("Instance8", 1366, 1300),
        _row("Instance7", None, 1056),  # no roster: a run outside both marks
        _row("Instance7", 1056, 1056),
    ]
    eight, seven = spreads(rows)
    assert (eight.instance, eight.runs, eight.best, eight.worst) == ("Instance8", 4, 1313, 1424)
    assert eight.median == (1365 + 1366) / 2
    assert (eight.within_1, eight.within_5) == (1, 2)
    assert (seven.runs, seven.best, seven.median, seven.worst) == (2, 1056, 1056, 1056)
    assert (seven.within_1, seven.within_5) == (1, 1)
