"""Reading plan folders as leaders save them: encodings, messy headers, blank rows, Chinese
yes/no, dates as Excel writes them, and the roster format."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from roster.io import load_plan, read_roster_csv
from roster.io.columns import TABLES, CellError, parse_bool, parse_counts, parse_moment
from roster.plan.model import (
    Assignment,
    Limits,
    Pair,
    PairKind,
    Priority,
    Request,
    RequestKind,
    Role,
)
from roster.plan.validate import PlanError, validate_plan
from tests.plan_files import SMALL_PLAN, appended, edited, write_plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_small_plan_reads_as_written(tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path / "plan"))
    assert (plan.title, plan.start, plan.days) == ("small", dt.date(2026, 3, 2), 3)
    assert plan.rules.min_rest_hours == 10
    assert plan.forbidden_successions == (("N", "D"), ("D", "D"))
    assert plan.weights.fair_nights == 4
    assert plan.profiles == {"pregnant": Limits(no_nights=True, no_24h=True, max_hours_per_week=24)}

    ann, bob, cat, dan = plan.staff
    assert (ann.role, ann.skills, ann.profiles, ann.home_compound) == (
        Role.LEADER,
        ("lead", "shop"),
        ("pregnant",),
        "A",
    )
    # A blank override cell is no override at all; a filled one is the only one set.
    assert ann.overrides.model_dump(exclude_unset=True) == {}
    assert bob.overrides.model_dump(exclude_unset=True) == {"max_hours_per_week": 30}
    assert cat.overrides.model_dump(exclude_unset=True) == {"no_nights": False}
    assert (dan.role, dan.home_compound, dan.unit) == (Role.VOLUNTEER, None, None)

    assert [c.unmanaged for c in plan.compounds] == [False, True]
    assert [(s.id, s.start, s.end, s.night, s.minutes) for s in plan.shifts] == [
        ("D", 480, 1200, False, 720),
        ("N", 1200, 480, True, 720),
    ]
    first = plan.demand[0]
    assert (first.place, first.days, first.max, first.skill, first.priority) == (
        "*",
        "*",
        None,
        None,
        Priority.HIGH,
    )
    assert [(a.staff, a.start, a.end) for a in plan.absences] == [
        # A date in "to" means the whole day: the absence ends at the next midnight.
        ("a3", dt.datetime(2026, 3, 3, 0, 0), dt.datetime(2026, 3, 4, 0, 0)),
        ("a2", dt.datetime(2026, 3, 2, 8, 0), dt.datetime(2026, 3, 2, 12, 0)),
    ]
    assert plan.absences[0].reason == "checkup"
    assert plan.requests == (
        Request(staff="a1", date=dt.date(2026, 3, 2), shift=None, kind=RequestKind.OFF, weight=2),
        Request(staff="a3", date=dt.date(2026, 3, 4), shift="N", kind=RequestKind.ON),
    )
    assert plan.history == (
        Assignment(date=dt.date(2026, 3, 1), shift="N", place="B", staff_id="a3"),
    )
    # fixed.csv says "staff" where the roster format says "staff_id".
    assert plan.fixed == (
        Assignment(date=dt.date(2026, 3, 4), shift="D", place="B", staff_id="a2"),
    )
    assert plan.pairs == (
        Pair(a="a1", b="a2", kind=PairKind.APART),
        Pair(a="a3", b="a4", kind=PairKind.TOGETHER),
    )


def test_only_staff_and_shifts_are_required(tmp_path: Path) -> None:
    optional = {t.name + ".csv": None for t in TABLES if not t.required}
    plan = load_plan(write_plan(tmp_path / "plan", optional | {"staff.csv": "id,name\na1,Ann\n"}))
    assert [s.id for s in plan.staff] == ["a1"]
    assert (plan.compounds, plan.demand, plan.absences, plan.pairs) == ((), (), (), ())


def test_plan_toml_path_means_its_folder(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan")
    assert load_plan(folder / "plan.toml") == load_plan(folder)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk"])
def test_encodings_give_the_same_plan(tmp_path: Path, encoding: str) -> None:
    """Excel on Chinese Windows saves GBK; "CSV UTF-8" adds a BOM. Same plan either way."""
    expected = load_plan(write_plan(tmp_path / "utf8"))
    assert load_plan(write_plan(tmp_path / encoding, encoding=encoding)) == expected


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_encodings_of_the_example(tmp_path: Path, encoding: str) -> None:
    source = EXAMPLES / "nanchang-road"
    copy = tmp_path / "copy"
    copy.mkdir()
    for file in source.iterdir():
        (copy / file.name).write_bytes(file.read_text(encoding="utf-8").encode(encoding))
    assert load_plan(copy) == load_plan(source)


def test_messy_headers_and_cells(tmp_path: Path) -> None:
    """Headers in any case with stray spaces, cells with spaces, blank rows and a column
    of the leader's own are all fine."""
    staff = (
        " ID , Name ,Role, Home Compound ,Profiles,SKILLS,notes\n"
        "\n"
        "  a1 ,  Ann  , leader ,A, pregnant ; , lead ; shop ,call first\n"
        ",,,,,,\n"
        "a2,Bob,cadre,B,,lead,\n"
        "a3,Cat,cadre,A,,,\n"
        "a4,Dan,volunteer,,,,\n"
    )
    plan = load_plan(write_plan(tmp_path / "plan", {"staff.csv": staff}))
    ann = plan.staff[0]
    assert (ann.id, ann.name, ann.role, ann.home_compound, ann.profiles, ann.skills) == (
        "a1",
        "Ann",
        Role.LEADER,
        "A",
        ("pregnant",),
        ("lead", "shop"),
    )
    assert len(plan.staff) == 4


def test_a_line_break_inside_a_cell_is_one_row(tmp_path: Path) -> None:
    """A quoted cell with a line break is one Excel row; later rows keep their numbers."""
    text = 'a,b,kind\n"a1",a2,"apart\n"\na3,a3,together\n'
    folder = write_plan(tmp_path / "plan", {"pairs.csv": text})
    with pytest.raises(PlanError) as caught:
        load_plan(folder)
    lines = [p.render("en") for p in caught.value.problems]
    assert lines[-1] == "pairs.csv row 3, column b: a pair needs two different people"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("TRUE", True),
        ("yes", True),
        ("Y", True),
        ("1", True),
        ("是", True),
        ("false", False),
        ("No", False),
        ("n", False),
        ("0", False),
        ("否", False),
    ],
)
def test_booleans(text: str, value: bool) -> None:
    assert parse_bool(text) is value


def test_not_a_boolean() -> None:
    with pytest.raises(CellError):
        parse_bool("maybe")


@pytest.mark.parametrize(
    ("text", "moment", "has_time"),
    [
        ("2026-03-02", dt.datetime(2026, 3, 2), False),
        ("2026/3/2", dt.datetime(2026, 3, 2), False),
        ("2026.03.02", dt.datetime(2026, 3, 2), False),
        ("2026年3月2日", dt.datetime(2026, 3, 2), False),
        ("2026-03-02 08:30", dt.datetime(2026, 3, 2, 8, 30), True),
        ("2026-03-02T08:30:00", dt.datetime(2026, 3, 2, 8, 30), True),
        ("2026/3/2 8:30", dt.datetime(2026, 3, 2, 8, 30), True),
    ],
)
def test_dates_as_excel_and_leaders_write_them(
    text: str, moment: dt.datetime, has_time: bool
) -> None:
    assert parse_moment(text) == (moment, has_time)


@pytest.mark.parametrize("text", ["2026-13-01", "02/03/2026", "tomorrow", "2026-03-02 25:00"])
def test_not_a_moment(text: str) -> None:
    with pytest.raises(CellError):
        parse_moment(text)


def test_dates_with_slashes_in_files(tmp_path: Path) -> None:
    change = edited("absences.csv", "a3,2026-03-03,2026-03-03", "a3,2026/3/3,2026/3/3")
    plan = load_plan(write_plan(tmp_path / "plan", change))
    assert (plan.absences[0].start, plan.absences[0].end) == (
        dt.datetime(2026, 3, 3),
        dt.datetime(2026, 3, 4),
    )


def test_shift_counts() -> None:
    assert parse_counts("N:2; D：3;F=1") == {"N": 2, "D": 3, "F": 1}


def test_per_person_limits_as_columns(tmp_path: Path) -> None:
    staff = (
        "id,name,skills,days_off,latest_end,no_24h,max_shifts_of_type\n"
        "a1,Ann,lead;shop,sat;周日,18:00,是,N:1\n"
        "a2,Bob,,,,,\n"
        "a3,Cat,,,,,\n"
        "a4,Dan,,,,,\n"
    )
    plan = load_plan(write_plan(tmp_path / "plan", {"staff.csv": staff}))
    assert plan.staff[0].overrides == Limits(
        days_off=(5, 6),
        latest_end=18 * 60,
        no_24h=True,
        max_shifts_of_type={"N": 1},
    )


def test_unknown_column_far_from_any_is_ignored(tmp_path: Path) -> None:
    change = {"pairs.csv": SMALL_PLAN["pairs.csv"].replace("a,b,kind", "a,b,kind,remark")}
    assert load_plan(write_plan(tmp_path / "plan", change)).pairs


def test_forbidden_successions_both_forms(tmp_path: Path) -> None:
    change = edited("plan.toml", '["N>D", ["D", "D"]]', '["N -> D", ["D", "N"]]')
    assert load_plan(write_plan(tmp_path / "plan", change)).forbidden_successions == (
        ("N", "D"),
        ("D", "N"),
    )


def test_start_as_text(tmp_path: Path) -> None:
    change = edited("plan.toml", "start = 2026-03-02", 'start = "2026/3/2"')
    assert load_plan(write_plan(tmp_path / "plan", change)).start == dt.date(2026, 3, 2)


def test_absence_over_a_night_after_the_last_day_is_inside(tmp_path: Path) -> None:
    """The last day's night shift ends the morning after: an absence then still matters."""
    change = appended("absences.csv", "a1,2026-03-05 06:00,2026-03-05 10:00,")
    assert len(load_plan(write_plan(tmp_path / "plan", change)).absences) == 3


# --------------------------------------------------------------------------- roster format


def test_read_roster_csv(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "date,shift,start,end,place,staff_id,staff_name\n"
        "2026-03-02,D,2026-03-02T08:00,2026-03-02T20:00,A,a1,Ann\n"
        "\n"
        "2026-03-02,N,2026-03-02T20:00,2026-03-03T08:00,B,a2,Bob\n",
        encoding="utf-8-sig",
    )
    assert read_roster_csv(path) == [
        Assignment(date=dt.date(2026, 3, 2), shift="D", place="A", staff_id="a1"),
        Assignment(date=dt.date(2026, 3, 2), shift="N", place="B", staff_id="a2"),
    ]


def test_read_roster_csv_reports_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("date,shift,place,staff\n2026-03-02,D,A,a1\n2026-03-40,D,,a2\n")
    with pytest.raises(PlanError) as caught:
        read_roster_csv(path)
    assert [p.render("en") for p in caught.value.problems] == [
        'roster.csv row 3, column date: "2026-03-40" is not a date (expected YYYY-MM-DD, e.g. '
        "2026-02-09)",
        "roster.csv row 3, column place: must not be blank",
    ]


def test_read_roster_csv_missing(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        read_roster_csv(tmp_path / "roster.csv")
    assert [p.render("en") for p in caught.value.problems] == [
        "roster.csv: required file is missing"
    ]


# --------------------------------------------------------------------------- the examples


@pytest.mark.parametrize("name", ["nanchang-road", "nanchang-road-flu"])
def test_examples_load_without_problems(name: str) -> None:
    plan = load_plan(EXAMPLES / name)
    assert validate_plan(plan) == []
    assert len(plan.staff) >= 25
    assert sum(c.unmanaged for c in plan.compounds) == 2
    assert len(plan.compounds) == 8


def test_flu_week_is_the_same_week_with_more_absences() -> None:
    usual, flu = load_plan(EXAMPLES / "nanchang-road"), load_plan(EXAMPLES / "nanchang-road-flu")
    assert flu.model_copy(update={"title": usual.title, "absences": usual.absences}) == usual
    ill = {a.staff for a in flu.absences} - {a.staff for a in usual.absences}
    assert 4 <= len(ill) <= 6


def test_example_copy_is_untouched_by_reading(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(EXAMPLES / "nanchang-road", copy)
    before = {p.name: p.read_bytes() for p in copy.iterdir()}
    load_plan(copy)
    assert {p.name: p.read_bytes() for p in copy.iterdir()} == before
