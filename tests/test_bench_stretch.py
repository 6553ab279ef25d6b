"""``roster bench stretch``: bigger instances of the Curtois & Qu family, checked on a small
invented instance by facts worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from roster.bench.curtois_instance import benchmark_objective, parse, read_instance
from roster.bench.stretch import instance_text, stretch
from roster.cli.app import app

# Two people, one week, an early shift E and a late shift L that E may not follow.
TEXT = """# invented
SECTION_HORIZON
7

SECTION_SHIFTS
E,480,
L,480,E

SECTION_STAFF
A,E=7|L=3,2400,960,4,1,1,1
B,E=5|L=5,2880,1440,5,2,2,1

SECTION_DAYS_OFF
A,0
B,5,6

SECTION_SHIFT_ON_REQUESTS
A,2,E,3

SECTION_SHIFT_OFF_REQUESTS
B,3,L,2

SECTION_COVER
0,E,1,100,1
3,L,2,100,1
"""


def test_an_instance_reads_back_from_its_own_text() -> None:
    instance = parse(TEXT, "tiny")
    assert parse(instance_text(instance), "tiny") == instance


def test_stretching_copies_the_staff_and_repeats_the_horizon() -> None:
    big = stretch(parse(TEXT, "tiny"), staff_copies=2, horizon_copies=3)
    assert big.horizon == 21
    assert [p.id for p in big.staff] == ["A", "B", "Ax1", "Bx1"]
    a_copy = big.staff[2]
    assert a_copy.max_shifts == {"E": 21, "L": 9}
    assert (a_copy.max_total_minutes, a_copy.min_total_minutes, a_copy.max_weekends) == (
        7200,
        2880,
        3,
    )
    # Limits in a row stay as they are.
    assert (a_copy.max_consecutive_shifts, a_copy.min_consecutive_days_off) == (4, 1)
    assert big.days_off["Bx1"] == (5, 6, 12, 13, 19, 20)
    assert sorted((r.staff, r.day) for r in big.on_requests) == [
        ("A", 2),
        ("A", 9),
        ("A", 16),
        ("Ax1", 2),
        ("Ax1", 9),
        ("Ax1", 16),
    ]
    assert [(c.day, c.shift, c.requirement) for c in big.cover] == [
        (0, "E", 2),
        (3, "L", 4),
        (7, "E", 2),
        (10, "L", 4),
        (14, "E", 2),
        (17, "L", 4),
    ]


@pytest.mark.parametrize(
    "assignment",
    [
        {},  # nobody works: under-cover 1 + 2, the request missed
        {("A", 0): "E", ("B", 3): "L", ("A", 3): "L"},  # cover met, off-request broken
        {("A", 2): "E", ("B", 0): "E", ("A", 0): "E"},  # request met, over-cover on day 0
    ],
)
def test_a_roster_copied_the_same_way_costs_its_cost_times_the_copies(
    assignment: dict[tuple[str, int], str],
) -> None:
    small = parse(TEXT, "tiny")
    big = stretch(small, staff_copies=2, horizon_copies=3)
    copied = {
        (person if k == 0 else f"{person}x{k}", day + 7 * m): shift
        for (person, day), shift in assignment.items()
        for k in range(2)
        for m in range(3)
    }
    assert benchmark_objective(big, copied) == 6 * benchmark_objective(small, assignment)


def test_no_copies_is_the_same_instance_under_a_new_name() -> None:
    small = parse(TEXT, "tiny")
    same = stretch(small)
    assert same.name != small.name
    assert parse(instance_text(same), small.name) == small


def test_the_command_writes_a_new_file_and_never_its_source(tmp_path: Path) -> None:
    source, out = tmp_path / "tiny.txt", tmp_path / "big.txt"
    source.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(app, ["bench", "stretch", str(source), str(out), "--staff", "3"])
    assert done.exit_code == 0, done.output
    assert len(read_instance(out).staff) == 6
    refused = runner.invoke(app, ["bench", "stretch", str(source), str(source)])
    assert refused.exit_code == 2
    assert source.read_text(encoding="utf-8") == TEXT
    bad = tmp_path / "bad.txt"
    bad.write_text("SECTION_HORIZON\nseven\n", encoding="utf-8")
    failed = runner.invoke(app, ["bench", "stretch", str(bad), str(tmp_path / "x.txt")])
    assert failed.exit_code == 2
    assert not (tmp_path / "x.txt").exists()
