"""A person's limit is the strictest of all that apply: the plan's ``[rules]``, each of their
profiles and their own columns in ``staff.csv``. Neither a profile nor an own column loosens
a limit set elsewhere (issue 24, item 2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from constraints import all_rules, by_name
from roster.plan.index import PlanIndex
from roster.plan.limits import limit_info, not_applied, resolved_name
from roster.plan.model import Limits, Staff
from tests.helpers import roster_of, shortfalls, solve_checked
from tests.plans import DAY, NIGHT, tiny_plan


@dataclass(frozen=True)
class Case:
    """One limit: its strictest value and two looser ones, what the strictest resolves to,
    and duties of s1 (day, shift id) that break only the strictest, under its rule.

    Attributes:
        name: The limit field.
        strict: The strictest value.
        looser: Two looser values.
        resolved: The strictest as ``PersonLimits`` holds it (minutes, weekday numbers).
        duties: Duties of s1 that the strictest value forbids and the looser ones allow.
    """

    name: str
    strict: Any
    looser: tuple[Any, Any]
    resolved: Any
    duties: tuple[tuple[int, str], ...]


CASES = [
    # a maximum (a count, and hours): the lowest wins
    Case("max_nights_per_week", 0, (1, 2), 0, ((0, "N"),)),
    Case("max_hours_per_week", 12, (24, 36), 12 * 60, ((0, "D"), (1, "D"))),
    # a minimum: the highest wins
    Case("min_rest_hours", 14, (8, 10), 14 * 60, ((0, "D"), (1, "D"))),
    Case("min_days_off_per_week", 1, (0, 0), 1, tuple((d, "D") for d in range(7))),
    # a yes/no: any yes wins
    Case("no_nights", True, (False, False), True, ((0, "N"),)),
    # days off: every day off of every source
    Case("days_off", ("mon",), (("sun",), ()), frozenset({0, 6}), ((0, "D"),)),
    # per-shift counts: each shift's lowest
    Case(
        "max_shifts_of_type", {"N": 0}, ({"N": 1}, {"N": 2, "D": 3}), {"N": 0, "D": 3}, ((0, "N"),)
    ),
    # a clock: home by earlier is stricter, not before later is stricter
    Case("latest_end", "18:00", ("20:00", "22:00"), 18 * 60, ((0, "D"),)),
    Case("earliest_start", "09:00", ("08:00", "07:00"), 9 * 60, ((0, "D"),)),
]


def _plan_with(case: Case, strict_in: str) -> PlanIndex:
    """s1 with the limit set in the plan's rules, a profile and their own column; the
    strictest value in ``strict_in`` ("rules" or "profile"), the looser ones elsewhere."""
    first, second = case.looser
    if strict_in == "rules":
        rules, profile, own = case.strict, first, second
    else:
        rules, profile, own = first, case.strict, second
    s1 = Staff(
        id="s1",
        name="Person 1",
        profiles=("loose",),
        overrides=Limits.model_validate({case.name: own}),
    )
    plan = tiny_plan(
        staff=(s1,),
        days=7,
        shifts=(DAY, NIGHT),
        rules=Limits.model_validate({case.name: rules}),
        profiles={"loose": Limits.model_validate({case.name: profile})},
    )
    return PlanIndex(plan)


@pytest.mark.parametrize("strict_in", ["rules", "profile"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_source_loosens_a_limit(case: Case, strict_in: str) -> None:
    """Whichever of the plan and the profile holds the strictest value, neither the other
    nor the person's own column loosens it: the person's limit is the strictest, and the
    limit's rule finds duties only it forbids a breach."""
    index = _plan_with(case, strict_in)
    person = index.person_by_id["s1"]
    assert getattr(person.limits, resolved_name(case.name)) == case.resolved

    rule = by_name(limit_info(case.name).rule)()
    roster = roster_of(index, [("s1", day, shift, "A") for day, shift in case.duties])
    assert [v for v in rule.violations(roster) if "s1" in v.staff]


def test_a_profile_allowing_a_night_gives_nobody_a_night_when_the_plan_allows_none() -> None:
    """The issue's case: ``max_nights_per_week = 0`` for everyone, a profile allowing 1 night
    given to everyone: a solved roster has no night duty, and its nights stay short."""
    staff = tuple(Staff(id=f"s{i}", name=f"Person {i}", profiles=("one_night",)) for i in (1, 2, 3))
    plan = tiny_plan(
        staff=staff,
        days=2,
        rules=Limits(max_nights_per_week=0),
        profiles={"one_night": Limits(max_nights_per_week=1)},
    )
    result = solve_checked(plan, all_rules(), time_limit=5)
    roster = result.roster
    assert roster is not None
    assert [d for d in roster.duties if d.slot.night] == []
    assert by_name("weekly_nights")().violations(roster) == []
    assert shortfalls(roster) == {(0, "N", "A"): 1, (1, "N", "A"): 1}


def test_own_limits_that_do_not_apply_are_those_a_stricter_value_overrules() -> None:
    """A maximum above the one in force and a "no" under a "yes" do not apply; a shift
    count as strict as the one in force does; days off always do (every one counts)."""
    own = Limits(
        max_hours_per_week=60,
        no_nights=False,
        max_shifts_of_type={"N": 1},
        days_off=("sun",),
        latest_end="18:00",
    )
    effective = Limits(
        max_hours_per_week=48,
        no_nights=True,
        max_shifts_of_type={"N": 1, "D": 3},
        days_off=("sat", "sun"),
        latest_end="18:00",
    )
    assert not_applied(own, effective) == ["max_hours_per_week", "no_nights"]
    assert not_applied(Limits(max_shifts_of_type={"N": 2}), effective) == ["max_shifts_of_type"]
