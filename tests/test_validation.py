"""Bad input: every problem is one exact line naming file, row, column and value; all are
listed at once; the CLI exits 2 without a traceback and writes nothing (design §3)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from roster.cli.app import app
from roster.io import load_plan
from roster.plan.model import Pair, PairKind
from roster.plan.summary import summarize
from roster.plan.validate import MESSAGES, PlanError, Problem, Provenance, Source, validate_plan
from roster.text.i18n import Text
from tests.plan_files import SMALL_PLAN, appended, edited, write_plan
from tests.plans import rich_plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

Change = dict[str, str | None]

STAFF_HEADER = "id,name,role,skills,profiles,home_compound,unit,max_hours_per_week,no_nights"

# (id, the message it shows, change to the small plan, the one problem line expected)
CASES: list[tuple[str, str, Change, str]] = [
    # files
    (
        "missing staff.csv",
        "missing_file",
        {"staff.csv": None},
        "staff.csv: required file is missing",
    ),
    (
        "missing plan.toml",
        "missing_file",
        {"plan.toml": None},
        "plan.toml: required file is missing",
    ),
    (
        "empty staff.csv",
        "no_header",
        {"staff.csv": "\n\n"},
        "staff.csv: has no header row (expected columns: id, name)",
    ),
    # columns
    (
        "missing column",
        "missing_column",
        edited("staff.csv", "id,name,role", "id,nom,role"),
        "staff.csv, column name: required column is missing (the header has: id, nom, role, "
        "skills, profiles, home_compound, unit, max_hours_per_week, no_nights)",
    ),
    (
        "column twice",
        "duplicate_column",
        edited("shifts.csv", "id,name,start,end,night", "id,name,start,end,night,name"),
        "shifts.csv row 1, column name: the column appears twice in the header",
    ),
    (
        "mistyped column",
        "unknown_column",
        edited("staff.csv", "max_hours_per_week", "max_hour_per_week"),
        "staff.csv row 1, column max_hour_per_week: unknown column (did you mean "
        "max_hours_per_week?)",
    ),
    (
        "cells past the header",
        "extra_cells",
        edited("demand.csv", "*,D,*,1,,,high", "*,D,*,1,,,high,oops"),
        "demand.csv row 2: the row has 8 cells but the header only 7 columns",
    ),
    # cells
    (
        "blank name",
        "blank",
        edited("staff.csv", "a3,Cat,", "a3,,"),
        "staff.csv row 4, column name: must not be blank",
    ),
    (
        "not yes or no",
        "not_bool",
        edited("compounds.csv", "B,B小区,true", "B,B小区,maybe"),
        'compounds.csv row 3, column unmanaged: "maybe" is not yes or no '
        "(expected true/false, yes/no, 1/0, 是/否)",
    ),
    (
        "not a whole number",
        "not_int",
        edited("demand.csv", "*,D,*,1,", "*,D,*,two,"),
        'demand.csv row 2, column min: "two" is not a whole number',
    ),
    (
        "not a number",
        "not_number",
        edited("staff.csv", "office,30,", "office,thirty,"),
        'staff.csv row 3, column max_hours_per_week: "thirty" is not a number',
    ),
    (
        "too small",
        "too_small",
        edited("demand.csv", "*,D,*,1,", "*,D,*,-1,"),
        "demand.csv row 2, column min: -1 is too small (at least 0)",
    ),
    (
        "too large",
        "too_large",
        edited("staff.csv", "office,30,", "office,200,"),
        "staff.csv row 3, column max_hours_per_week: 200 is too large (at most 168)",
    ),
    (
        "not one of",
        "not_one_of",
        edited("demand.csv", "*,D,*,1,,,high", "*,D,*,1,,,urgent"),
        'demand.csv row 2, column priority: "urgent" is not one of: critical, high, normal, low',
    ),
    (
        "not a date",
        "not_date",
        edited("requests.csv", "a1,2026-03-02", "a1,2026-02-30"),
        'requests.csv row 2, column date: "2026-02-30" is not a date (expected YYYY-MM-DD, e.g. '
        "2026-02-09)",
    ),
    (
        "not a date-time",
        "not_moment",
        edited("absences.csv", "a3,2026-03-03,", "a3,tomorrow,"),
        'absences.csv row 2, column from: "tomorrow" is not a date or date-time '
        "(expected YYYY-MM-DD or YYYY-MM-DD HH:MM)",
    ),
    (
        "not a time of day",
        "not_clock",
        edited("shifts.csv", "D,day,08:00", "D,day,8am"),
        'shifts.csv row 2, column start: "8am" is not a time of day (expected HH:MM, e.g. 08:00)',
    ),
    (
        "shift over 24 hours",
        "not_clock",
        edited("shifts.csv", "D,day,08:00,20:00", "D,day,08:00,32:00"),
        'shifts.csv row 2, column end: "32:00" is not a time of day (expected HH:MM, e.g. 08:00)',
    ),
    (
        "shift starting at 24:00",
        "shift_start_24",
        edited("shifts.csv", "D,day,08:00", "D,day,24:00"),
        "shifts.csv row 2, column start: a shift must start before 24:00 "
        "(a shift may end up to 24 hours after it starts)",
    ),
    (
        "not shift counts",
        "not_counts",
        {
            "staff.csv": SMALL_PLAN["staff.csv"]
            .replace(STAFF_HEADER, STAFF_HEADER + ",max_shifts_of_type")
            .replace("a4,Dan,volunteer,shop,,,,,", "a4,Dan,volunteer,shop,,,,,,N=two")
        },
        'staff.csv row 5, column max_shifts_of_type: "N=two" is not a list of shift:count '
        "(expected e.g. night:2;full:1)",
    ),
    # plan.toml
    (
        "not TOML",
        "bad_toml",
        edited("plan.toml", 'title = "small"', "title = "),
        "plan.toml line 1: not valid TOML: Invalid value (at line 1, column 9)",
    ),
    (
        "unknown setting, near miss",
        "unknown_setting_suggest",
        edited("plan.toml", "title =", "titel ="),
        "plan.toml, key titel: unknown setting (did you mean title?)",
    ),
    (
        "unknown rule",
        "unknown_setting",
        edited("plan.toml", "min_rest_hours = 10", "min_rest_hours = 10\nbreakfast = 1"),
        "plan.toml [rules], key breakfast: unknown setting (known: min_rest_hours, "
        "max_hours_per_week, max_shifts_per_week, max_consecutive_days, max_nights_per_week, "
        "max_consecutive_nights, min_days_off_per_week, max_compounds_per_week, min_total_hours, "
        "max_total_hours, min_consecutive_days, min_consecutive_days_off, max_weekends, "
        "max_shifts_of_type, no_nights, no_24h, max_hours_per_day, latest_end, earliest_start, "
        "days_off)",
    ),
    (
        "rule of the wrong type",
        "not_number",
        edited("plan.toml", "max_hours_per_week = 48", 'max_hours_per_week = "lots"'),
        'plan.toml [rules], key max_hours_per_week: "lots" is not a number',
    ),
    (
        "weights out of range",
        "too_small",
        edited("plan.toml", "fair_nights = 4", "fair_nights = -4"),
        "plan.toml [weights], key fair_nights: -4 is too small (at least 0)",
    ),
    (
        "profile weekday",
        "not_weekday",
        edited("plan.toml", "no_24h = true", 'no_24h = true\ndays_off = ["someday"]'),
        'plan.toml [profiles.pregnant], key days_off: "someday" is not a weekday '
        "(expected mon, tue, ..., sun)",
    ),
    (
        "rules not a table",
        "not_table",
        edited(
            "plan.toml",
            "[rules]\nmin_rest_hours = 10\nmax_hours_per_week = 48\n"
            'forbidden_successions = ["N>D", ["D", "D"]]\n',
            "rules = 5\n",
        ),
        "plan.toml, key rules: must be a table of settings",
    ),
    (
        "successions not a list",
        "not_list",
        edited(
            "plan.toml",
            'forbidden_successions = ["N>D", ["D", "D"]]',
            'forbidden_successions = "N>D"',
        ),
        "plan.toml [rules], key forbidden_successions: must be a list",
    ),
    (
        "not a succession",
        "not_succession",
        edited("plan.toml", '["N>D", ["D", "D"]]', '["ND"]'),
        'plan.toml [rules], key forbidden_successions: "ND" is not a shift succession '
        '(expected "A>B", e.g. "night>am")',
    ),
    (
        "unknown shift in a succession",
        "unknown_shift",
        edited("plan.toml", '"N>D"', '"N>X"'),
        'plan.toml [rules], key forbidden_successions: unknown shift "X" (known: D, N)',
    ),
    (
        "no start",
        "missing_start",
        edited("plan.toml", "start = 2026-03-02\n", ""),
        "plan.toml, key start: missing: the first day of the period, e.g. start = 2026-02-09",
    ),
    (
        "start not a date",
        "not_date",
        edited("plan.toml", "start = 2026-03-02", 'start = "next monday"'),
        'plan.toml, key start: "next monday" is not a date (expected YYYY-MM-DD, e.g. 2026-02-09)',
    ),
    (
        "days not positive",
        "too_small",
        edited("plan.toml", "days = 3", "days = 0"),
        "plan.toml, key days: 0 is too small (at least 1)",
    ),
    (
        "unknown tier",
        "invalid",
        edited("plan.toml", "days = 3", 'days = 3\ntiers = ["critical", "speed"]'),
        "plan.toml, key tiers: \"['critical', 'speed']\" is not valid "
        '("speed" is not a tier (known: critical, high, stability, coverage, fairness, '
        "preferences))",
    ),
    # ids and references
    (
        "duplicate staff id",
        "duplicate_id",
        appended("staff.csv", "a1,Ann Two,cadre,,,,,,"),
        'staff.csv row 6, column id: duplicate id "a1" (already in row 2)',
    ),
    (
        "duplicate shift id",
        "duplicate_id",
        appended("shifts.csv", "D,long day,08:00,22:00,false"),
        'shifts.csv row 4, column id: duplicate id "D" (already in row 2)',
    ),
    (
        "duplicate compound id",
        "duplicate_id",
        appended("compounds.csv", "A,A2小区,false,true,,"),
        'compounds.csv row 4, column id: duplicate id "A" (already in row 2)',
    ),
    (
        "compound id that is a selector",
        "reserved_place",
        appended("compounds.csv", "managed,C小区,false,true,,"),
        'compounds.csv row 4, column id: "managed" is a word demand.csv uses for a group of '
        "compounds (*, managed, unmanaged); choose another id",
    ),
    (
        "unknown profile",
        "unknown_profile",
        edited("staff.csv", "pregnant,A", "pregant,A"),
        'staff.csv row 2, column profiles: unknown profile "pregant" (known: pregnant)',
    ),
    (
        "no profiles at all",
        "no_profiles",
        edited(
            "plan.toml",
            "[profiles.pregnant]\nno_nights = true\nno_24h = true\nmax_hours_per_week = 24\n",
            "",
        ),
        'staff.csv row 2, column profiles: unknown profile "pregnant" (plan.toml defines no '
        "profiles)",
    ),
    (
        "unknown home compound",
        "unknown_compound",
        edited("staff.csv", "Cat,cadre,,,A,", "Cat,cadre,,,Z,"),
        'staff.csv row 4, column home_compound: unknown compound "Z" (known: A, B)',
    ),
    (
        "unknown area",
        "unknown_area",
        {
            "staff.csv": SMALL_PLAN["staff.csv"]
            .replace(STAFF_HEADER, STAFF_HEADER + ",areas")
            .replace("a4,Dan,volunteer,shop,,,,,", "a4,Dan,volunteer,shop,,,,,,north;west"),
            "compounds.csv": SMALL_PLAN["compounds.csv"]
            .replace("residents\n", "residents,area\n")
            .replace("250\n", "250,north\n")
            .replace("90\n", "90,north\n"),
        },
        'staff.csv row 5, column areas: no compound is in area "west" (areas in compounds.csv: '
        "north)",
    ),
    (
        "unknown shift in a cap",
        "unknown_shift",
        {
            "staff.csv": SMALL_PLAN["staff.csv"]
            .replace(STAFF_HEADER, STAFF_HEADER + ",max_shifts_of_type")
            .replace("a4,Dan,volunteer,shop,,,,,", "a4,Dan,volunteer,shop,,,,,,X:2")
        },
        'staff.csv row 5, column max_shifts_of_type: unknown shift "X" (known: D, N)',
    ),
    (
        "unknown shift in a profile cap",
        "unknown_shift",
        edited("plan.toml", "no_24h = true", "no_24h = true\nmax_shifts_of_type = { X = 1 }"),
        'plan.toml [profiles.pregnant], key max_shifts_of_type: unknown shift "X" (known: D, N)',
    ),
    (
        "unknown shift in demand",
        "unknown_shift",
        edited("demand.csv", "*,D,*,1,,,high", "*,E,*,1,,,high"),
        'demand.csv row 2, column shift: unknown shift "E" (known: D, N)',
    ),
    (
        "bad days",
        "bad_days",
        edited("demand.csv", "mon-tue", "mon-tuz"),
        'demand.csv row 4, column days: "mon-tuz" is not a day (expected *, a weekday like mon, '
        "tue, wed, thu, fri, sat, sun, a range like mon-fri, or a date YYYY-MM-DD)",
    ),
    (
        "days outside the period",
        "no_days",
        edited("demand.csv", "mon-tue", "2026-04-01"),
        'demand.csv row 4, column days: "2026-04-01" selects no day of the period (2 Mar to 4 Mar)',
    ),
    (
        "a compound typo in demand",
        "compound_typo",
        edited("demand.csv", "A,D,mon-tue", "a,D,mon-tue"),
        'demand.csv row 4, column place: "a" looks like a compound but is not in compounds.csv '
        "(did you mean A?); a place that is not a compound is an errand, so give errands names "
        "unlike compounds",
    ),
    (
        "a compound name typo in demand",
        "compound_typo",
        edited("demand.csv", "A,D,mon-tue", "a小区,D,mon-tue"),
        'demand.csv row 4, column place: "a小区" looks like a compound but is not in compounds.csv '
        "(did you mean A小区?); a place that is not a compound is an errand, so give errands names "
        "unlike compounds",
    ),
    (
        "a compound numbered like the others",
        "compound_typo",
        edited("compounds.csv", "A,A小区", "A,南昌路1号院")
        | edited("demand.csv", "A,D,mon-tue", "南昌路9号院,D,mon-tue"),
        'demand.csv row 4, column place: "南昌路9号院" looks like a compound but is not in '
        "compounds.csv (did you mean 南昌路1号院?); a place that is not a compound is an errand, "
        "so give errands names unlike compounds",
    ),
    (
        "min over max",
        "min_over_max",
        edited("demand.csv", "unmanaged,N,*,1,2", "unmanaged,N,*,3,2"),
        "demand.csv row 3, column max: min 3 is more than max 2",
    ),
    (
        "a skill nobody has",
        "nobody_skill",
        edited("demand.csv", "wed,1,1,shop", "wed,1,1,drive"),
        "demand.csv row 5, column skill: no one could ever take this demand: nobody has skill "
        '"drive"',
    ),
    (
        "nobody may work nights",
        "nobody_limits",
        edited("plan.toml", "min_rest_hours = 10", "min_rest_hours = 10\nno_nights = true")
        | edited("staff.csv", "a3,Cat,cadre,,,A,office,,no", "a3,Cat,cadre,,,A,office,,"),
        "demand.csv row 3, column shift: no one could ever take this demand: everyone is kept off "
        "it by no_nights",
    ),
    (
        "every skilled one is kept off nights",
        "nobody_limits",
        appended("demand.csv", "B,N,*,1,,lead,low")
        | edited(
            "staff.csv", "a2,Bob,cadre,lead,,B,office,30,", "a2,Bob,cadre,lead,,B,office,30,yes"
        ),
        "demand.csv row 6, column shift: no one could ever take this demand: everyone with skill "
        '"lead" is kept off it by no_nights',
    ),
    (
        "unknown staff id",
        "unknown_staff",
        edited("absences.csv", "a3,2026-03-03", "zz,2026-03-03"),
        'absences.csv row 2, column staff: unknown staff id "zz" (not in staff.csv)',
    ),
    (
        "a name for an id",
        "unknown_staff_suggest",
        edited("requests.csv", "a1,2026-03-02", "Ann,2026-03-02"),
        'requests.csv row 2, column staff: unknown staff id "Ann" (did you mean a1 (Ann)?)',
    ),
    (
        "absence ends before it starts",
        "absence_order",
        edited("absences.csv", "a3,2026-03-03,2026-03-03", "a3,2026-03-03,2026-03-01"),
        "absences.csv row 2, column to: the absence must end after it starts "
        "(from 2026-03-03 to 2026-03-01)",
    ),
    (
        "absence outside the period",
        "absence_outside",
        edited("absences.csv", "a3,2026-03-03,2026-03-03", "a3,2026-02-03,2026-02-05"),
        "absences.csv row 2, column to: the absence lies entirely outside the period (2 Mar to 4 "
        "Mar)",
    ),
    (
        "request outside the period",
        "date_outside",
        edited("requests.csv", "a1,2026-03-02", "a1,2026-03-09"),
        "requests.csv row 2, column date: 2026-03-09 is outside the period (2 Mar to 4 Mar)",
    ),
    (
        "unknown shift in a request",
        "unknown_shift",
        edited("requests.csv", "2026-03-04,N,on", "2026-03-04,X,on"),
        'requests.csv row 3, column shift: unknown shift "X" (known: D, N)',
    ),
    (
        "history not before the start",
        "history_not_before",
        edited("history.csv", "2026-03-01,N", "2026-03-02,N"),
        "history.csv row 2, column date: 2026-03-02 is not before the plan's start (2 Mar); "
        "history is the previous period's roster",
    ),
    (
        "unknown staff in history",
        "unknown_staff_suggest",
        edited("history.csv", "B,a3,Cat", "B,a11,Cat"),
        'history.csv row 2, column staff_id: unknown staff id "a11" (did you mean a1?)',
    ),
    (
        "pin outside the period",
        "date_outside",
        edited("fixed.csv", "a2,2026-03-04", "a2,2026-03-05"),
        "fixed.csv row 2, column date: 2026-03-05 is outside the period (2 Mar to 4 Mar)",
    ),
    (
        "pin during an absence",
        "pinned_absent",
        edited("fixed.csv", "a2,2026-03-04,D,B", "a3,2026-03-03,D,B"),
        'fixed.csv row 2, column staff: "a3" is pinned to this shift but absent then',
    ),
    (
        "pin to an unknown shift",
        "unknown_shift",
        edited("fixed.csv", "2026-03-04,D,B", "2026-03-04,Q,B"),
        'fixed.csv row 2, column shift: unknown shift "Q" (known: D, N)',
    ),
    (
        "pair of one",
        "pair_same",
        edited("pairs.csv", "a3,a4,together", "a3,a3,together"),
        "pairs.csv row 3, column b: a pair needs two different people",
    ),
    (
        "unknown staff in a pair",
        "unknown_staff",
        edited("pairs.csv", "a1,a2,apart", "a1,Zed,apart"),
        'pairs.csv row 2, column b: unknown staff id "Zed" (not in staff.csv)',
    ),
]


def raised(folder: Path) -> list[Problem]:
    """The problems loading the plan in ``folder`` raises."""
    with pytest.raises(PlanError) as caught:
        load_plan(folder)
    return caught.value.problems


def problems_of(folder: Path) -> list[str]:
    """The problem lines of the plan in ``folder``, in English."""
    return [p.render("en") for p in raised(folder)]


@pytest.mark.parametrize(
    ("key", "change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_one_problem_one_line(tmp_path: Path, key: str, change: Change, expected: str) -> None:
    folder = write_plan(tmp_path / "plan", change)
    problems = raised(folder)
    assert [p.render("en") for p in problems] == [expected]
    problem = problems[0]
    assert problem.message.templates == MESSAGES[key]
    assert problem.message.render("zh")  # every message has its Chinese


# Messages shown by the tests below rather than by a case of CASES.
TESTED_BELOW = {
    "not_found",
    "not_a_plan",
    "bad_encoding",
    "workbook_not_csv",
    "no_compounds",
    "not_text",
}
# Sentences that are only parts of others, and two that no reader input can reach: a
# file that exists but cannot be opened, and a CSV the csv module refuses.
PARTS_AND_UNREACHABLE = {"who_everyone", "who_skilled", "period", "unreadable", "bad_csv"}
# Bounds no model field has today (exclusive ones besides max_hours_per_day > 0).
NOT_IN_THE_MODEL_YET = {"too_small_strict", "too_large_strict"}


def test_every_message_is_tested() -> None:
    in_cases = {c[1] for c in CASES}
    assert set(MESSAGES) == in_cases | TESTED_BELOW | PARTS_AND_UNREACHABLE | NOT_IN_THE_MODEL_YET


# --------------------------------------------------------------------------- file problems


def test_not_found(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: no such folder or file"]


def test_workbook_not_a_zip(tmp_path: Path) -> None:
    book = tmp_path / "plan.xlsx"
    book.write_bytes(b"PK\x03\x04")
    [line] = problems_of(book)
    assert line.startswith("plan.xlsx: is not an .xlsx workbook that can be read (")


def test_not_a_plan(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    assert problems_of(notes) == [
        f"{notes}: a plan is a folder with plan.toml and CSV files, or an .xlsx workbook"
    ]


def test_neither_utf8_nor_gbk(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan")
    (folder / "pairs.csv").write_bytes(b"a,b,kind\n\xff\xfe,\xff,apart\n")
    assert problems_of(folder) == [
        'pairs.csv: is neither UTF-8 nor GBK text; save it as "CSV UTF-8"'
    ]


def test_workbook_saved_as_csv_name(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan")
    (folder / "requests.csv").write_bytes(b"PK\x03\x04\x14\x00rest of a zip")
    assert problems_of(folder) == [
        'requests.csv: is an Excel workbook, not a CSV file; save it as "CSV UTF-8"'
    ]


def test_unreadable_required_file_does_not_cascade(tmp_path: Path) -> None:
    """When staff.csv cannot be read, references to staff are not each reported again."""
    folder = write_plan(tmp_path / "plan")
    (folder / "staff.csv").write_bytes(b"PK\x03\x04")
    assert problems_of(folder) == [
        'staff.csv: is an Excel workbook, not a CSV file; save it as "CSV UTF-8"'
    ]


def test_a_bad_row_does_not_cascade(tmp_path: Path) -> None:
    """A staff row with a bad cell is left out, but its id still counts as known."""
    folder = write_plan(tmp_path / "plan", edited("staff.csv", "a1,Ann,leader", "a1,Ann,boss"))
    assert problems_of(folder) == [
        'staff.csv row 2, column role: "boss" is not one of: leader, cadre, volunteer'
    ]


def test_demand_on_every_compound_without_compounds(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan", {"compounds.csv": "id,name\n"})
    lines = problems_of(folder)
    assert (
        'demand.csv row 2, column place: "*" selects compounds, but compounds.csv lists none'
        in lines
    )
    assert (
        'demand.csv row 3, column place: "unmanaged" selects compounds, but compounds.csv lists '
        "none" in lines
    )


def test_title_of_the_wrong_type(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan", edited("plan.toml", 'title = "small"', "title = 7"))
    assert problems_of(folder) == ["plan.toml, key title: must be text"]


def test_blank_rows_count_as_excel_rows(tmp_path: Path) -> None:
    """Row numbers are the ones Excel shows, blank rows included."""
    text = SMALL_PLAN["pairs.csv"].replace("a1,a2,apart\n", "a1,a2,apart\n,,\n\n") + "a1,a1,apart\n"
    folder = write_plan(tmp_path / "plan", {"pairs.csv": text})
    assert problems_of(folder) == ["pairs.csv row 6, column b: a pair needs two different people"]


# --------------------------------------------------------------------------- never a traceback

CELL_TEXT = st.lists(
    st.sampled_from(
        [*'abxz019:-/.;"* >=[]#\n年是否', "24:00", "2026-03-02", "N", "a1", "-1", "nan", "managed"]
    ),
    max_size=4,
).map("".join)


@settings(max_examples=40)
@given(data=st.data())
def test_any_mangled_cell_gives_a_plan_or_problems(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Whatever one cell (or one line of plan.toml) holds, reading gives a plan or a
    PlanError whose lines render in both languages: never another exception."""
    name = data.draw(st.sampled_from(sorted(SMALL_PLAN)))
    lines = SMALL_PLAN[name].split("\n")
    k = data.draw(st.integers(0, len(lines) - 1))
    if name.endswith(".csv"):
        cells = lines[k].split(",")
        cells[data.draw(st.integers(0, len(cells) - 1))] = data.draw(CELL_TEXT)
        lines[k] = ",".join(cells)
    else:
        lines[k] = data.draw(CELL_TEXT)
    folder = write_plan(tmp_path_factory.mktemp("plan"), {name: "\n".join(lines)})
    problems: list[Problem] | None = None
    try:
        summarize(load_plan(folder))
    except PlanError as error:
        problems = error.problems
    if problems is not None:
        assert problems, "a PlanError must say what is wrong"
        rendered = [(p.render("en"), p.render("zh")) for p in problems]
        assert all(english and chinese for english, chinese in rendered)


# --------------------------------------------------------------------------- all at once


def test_every_problem_at_once_in_file_and_row_order(tmp_path: Path) -> None:
    staff = SMALL_PLAN["staff.csv"].replace("pregnant,A", "pregant,A").replace("a3,Cat,", "a3,,")
    change: Change = {
        "staff.csv": staff,
        **edited("pairs.csv", "a3,a4,together", "a3,a3,together"),
        **edited("demand.csv", "unmanaged,N,*,1,2", "unmanaged,N,*,3,2"),
        **edited("plan.toml", "days = 3", "days = 0"),
    }
    folder = write_plan(tmp_path / "plan", change)
    assert problems_of(folder) == [
        "plan.toml, key days: 0 is too small (at least 1)",
        'staff.csv row 2, column profiles: unknown profile "pregant" (known: pregnant)',
        "staff.csv row 4, column name: must not be blank",
        "demand.csv row 3, column max: min 3 is more than max 2",
        "pairs.csv row 3, column b: a pair needs two different people",
    ]


def test_problems_render_in_chinese(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan", edited("staff.csv", "pregnant,A", "pregant,A"))
    assert [p.render("zh") for p in raised(folder)] == [
        "staff.csv 第2行，profiles列：未知的 profile“pregant”（已定义：pregnant）"
    ]


def test_render_forms() -> None:
    """The one-line forms: row and column, a settings table and key, a line, a whole file."""
    blank = Text(MESSAGES["blank"], {})
    assert (
        Problem("staff.csv", 7, "name", None, blank).render("en")
        == "staff.csv row 7, column name: must not be blank"
    )
    assert (
        Problem("staff.csv", 7, "name", None, blank).render("zh")
        == "staff.csv 第7行，name列：不能为空"
    )
    assert (
        Problem("plan.toml", "[rules]", "x", None, blank).render("en")
        == "plan.toml [rules], key x: must not be blank"
    )
    assert (
        Problem("plan.toml", "[rules]", "x", None, blank).render("zh")
        == "plan.toml [rules]，x项：不能为空"
    )
    assert (
        Problem("plan.toml", 3, None, None, blank).render("en")
        == "plan.toml line 3: must not be blank"
    )
    assert Problem("staff.csv", None, None, None, blank).render("zh") == "staff.csv：不能为空"
    assert (
        str(PlanError([Problem("a.csv", 2, "b", "c", blank)]))
        == "a.csv row 2, column b: must not be blank"
    )


# --------------------------------------------------------------------------- plans built in code


def test_a_sound_plan_has_no_problems() -> None:
    assert validate_plan(rich_plan()) == []


def test_plan_built_in_code_names_position_plus_two() -> None:
    """Without provenance, the n-th item (0-based) is reported on row n + 2 of
    <collection>.csv, as if written with a header row."""
    plan = rich_plan()
    broken = plan.model_copy(
        update={"pairs": (*plan.pairs, Pair(a="s1", b="s1", kind=PairKind.APART))}
    )
    assert [p.render("en") for p in validate_plan(broken)] == [
        "pairs.csv row 4, column b: a pair needs two different people"
    ]


def test_provenance_names_the_readers_file_and_row() -> None:
    plan = rich_plan()
    broken = plan.model_copy(update={"pairs": (Pair(a="s1", b="s1", kind=PairKind.APART),)})
    provenance = Provenance({"pairs": Source("Pairs sheet", rows=(9,), columns={"b": "B"})})
    assert [p.render("en") for p in validate_plan(broken, provenance)] == [
        "Pairs sheet row 9, column B: a pair needs two different people"
    ]


def test_problem_is_a_frozen_dataclass() -> None:
    problem = Problem("f", 2, "c", "v", Text(MESSAGES["blank"], {}))
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.row = 3  # type: ignore[misc]


# --------------------------------------------------------------------------- the command


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``folder`` with its modification time and content."""
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_cli_bad_plan_exits_2_lists_problems_writes_nothing(tmp_path: Path) -> None:
    folder = write_plan(
        tmp_path / "plan",
        {
            **edited("staff.csv", "pregnant,A", "pregant,A"),
            **edited("pairs.csv", "a3,a4,together", "a3,a3,together"),
        },
    )
    before, cwd_before = snapshot(tmp_path), sorted(os.listdir(Path.cwd()))
    result = CliRunner().invoke(app, ["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        'staff.csv row 2, column profiles: unknown profile "pregant" (known: pregnant)',
        "pairs.csv row 3, column b: a pair needs two different people",
    ]
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert snapshot(tmp_path) == before
    assert sorted(os.listdir(Path.cwd())) == cwd_before


def test_cli_language_follows_the_title(tmp_path: Path) -> None:
    change = edited("plan.toml", 'title = "small"', 'title = "小计划"') | edited(
        "pairs.csv", "a3,a4", "a3,a3"
    )
    folder = write_plan(tmp_path / "plan", change)
    result = CliRunner().invoke(app, ["validate", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["pairs.csv 第3行，b列：一对必须是两个不同的人"]


def test_cli_missing_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope'}: no such folder or file"


def test_cli_bad_lang(tmp_path: Path) -> None:
    folder = write_plan(tmp_path / "plan")
    result = CliRunner().invoke(app, ["validate", str(folder), "--lang", "fr"])
    assert result.exit_code == 2
    assert "--lang" in result.stderr


def test_cli_example_prints_the_summary() -> None:
    folder = EXAMPLES / "nanchang-road"
    before = snapshot(folder)
    result = CliRunner().invoke(app, ["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "南昌路街道 封控值守 第7周"
    assert lines[1] == "Period: 9 Feb to 15 Feb (7 days)"
    assert any(line.startswith("Capacity: ") for line in lines)
    assert lines[-1] == "No problems found."
    assert result.stderr == ""
    assert snapshot(folder) == before


def test_cli_example_in_chinese_by_default() -> None:
    result = CliRunner().invoke(app, ["validate", str(EXAMPLES / "nanchang-road")])
    assert result.exit_code == 0
    assert "周期：2月9日至2月15日（7天）" in result.stdout
