"""min_rest: hours off between the end of one duty and the start of the next, across
midnight, after 24-hour duties and after the previous period's duties."""

from __future__ import annotations

from hypothesis import given

from constraints.coverage import Coverage
from constraints.min_rest import MinRest
from constraints.one_place import OnePlace
from roster.plan.index import PlanIndex
from roster.plan.model import Assignment
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, roster_of, shortfalls, solve_checked
from tests.plans import (
    DAY,
    FULL,
    NIGHT,
    any_roster,
    boundary_plan,
    limited,
    past,
    rich_plan,
    tiny_plan,
)

RULE = MinRest()
BOUNDARY = PlanIndex(boundary_plan())
RICH = PlanIndex(rich_plan())


def index_for(rest_hours: float, history: tuple[Assignment, ...] = ()) -> PlanIndex:
    """Two days of day (08-20), night (20-08) and 24-hour watch; only s1 has a minimum rest."""
    staff = (limited("s1", min_rest_hours=rest_hours), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=2, shifts=(DAY, NIGHT, FULL), history=history))


def judged(index: PlanIndex, duties: list[tuple[int, str]], staff: str = "s1") -> list[Violation]:
    """The rule's violations when ``staff`` takes (day, shift) at A; the model must agree."""
    roster = roster_of(index, [(staff, day, shift, "A") for day, shift in duties])
    return assert_model_agrees(index, [RULE], roster)


def test_trivially_feasible() -> None:
    index = index_for(12)
    assert judged(index, []) == []
    assert judged(index, [(0, "D")]) == []
    # s2 has no minimum rest: day then night back to back is fine for them.
    assert judged(index, [(0, "D"), (0, "N")], staff="s2") == []


def test_at_the_limit_and_one_past() -> None:
    # Day shift 08-20, next day 08-20: 12 h off.
    assert judged(index_for(12), [(0, "D"), (1, "D")]) == []
    [short] = judged(index_for(12.5), [(0, "D"), (1, "D")])
    assert short.amount == 30
    assert short.message("en") == (
        "Person s1: only 12 h rest between 2 Mar day at A小区 and 3 Mar day at A小区, needs 12.5 h"
    )
    assert short.message("zh") == (
        "Person s1：3月2日day（A小区）与3月3日day（A小区）之间只休息12小时，至少需要12.5小时"
    )
    assert (short.staff, short.shift, short.date) == (("s1",), "D", index_for(12).dates[1])


def test_across_midnight_and_after_24_hours() -> None:
    index = index_for(12)
    # The night ends at 08:00 next morning: a day shift then leaves no rest at all.
    [none] = judged(index, [(0, "N"), (1, "D")])
    assert none.amount == 12 * 60
    assert none.message("en") == (
        "Person s1: no rest between 2 Mar night at A小区 and 3 Mar day at A小区, needs 12 h"
    )
    # Night 20:00-08:00, next night at 20:00: 12 h.
    assert judged(index, [(0, "N"), (1, "N")]) == []
    # A 24-hour duty ends 08:00 the next day; a night at 20:00 is exactly 12 h later.
    assert judged(index, [(0, "F"), (1, "N")]) == []
    [after_24h] = judged(index_for(13), [(0, "F"), (1, "N")])
    assert after_24h.amount == 60


def test_day_then_night_back_to_back() -> None:
    [none] = judged(index_for(1), [(0, "D"), (0, "N")])
    assert none.amount == 60


def test_after_the_previous_period() -> None:
    # A night on the day before the period ends at 08:00 on the first day.
    index = index_for(12, history=(past("s1", 1, "N"),))
    [none] = judged(index, [(0, "D")])
    assert none.amount == 12 * 60
    assert none.message("en").startswith("Person s1: no rest between 1 Mar night at A小区 and")
    assert judged(index, [(0, "N")]) == []


def test_a_breach_inside_history_is_not_reported() -> None:
    # History already broke the rule (day then night on 1 Mar): not this period's doing,
    # and the model stays feasible.
    index = index_for(12, history=(past("s1", 1, "D"), past("s1", 1, "N")))
    assert judged(index, []) == []
    assert judged(index, [(0, "N")]) == []


def test_rest_counts_from_the_latest_end() -> None:
    # History: a 24-hour duty and a day shift both from 08:00 on 1 Mar. The day shift ended
    # long ago, but the 24-hour duty ends at 08:00 on the first day: no rest before 08:00.
    index = index_for(10, history=(past("s1", 1, "F"), past("s1", 1, "D")))
    [none] = judged(index, [(0, "D")])
    assert none.message("en").startswith("Person s1: no rest between 1 Mar 24h at A小区 and")


def test_one_person_cannot_cover_day_and_night() -> None:
    # One day, day and night watch at A, one person. Without a rest rule they take both
    # (08-20, then 20-08); with 12 h rest one of the two stays empty.
    alone = tiny_plan(staff=(limited("s1", min_rest_hours=12),), days=1)
    loose = solve_checked(alone, [OnePlace(), Coverage()])
    assert loose.roster is not None
    assert shortfalls(loose.roster) == {}
    tight = solve_checked(alone, [OnePlace(), RULE, Coverage()])
    assert tight.roster is not None
    assert sum(shortfalls(tight.roster).values()) == 1
    # Two people with the same limit cover both, one shift each.
    pair = tiny_plan(staff=(limited("s1", min_rest_hours=12), limited("s2", min_rest_hours=12)))
    both = solve_checked(pair, [OnePlace(), RULE, Coverage()])
    assert both.roster is not None
    assert shortfalls(both.roster) == {}
    assert sorted(d.person for d in both.roster.duties) == [0, 1]


@given(any_roster(BOUNDARY))
def test_model_agrees_across_history(roster: Roster) -> None:
    assert_model_agrees(BOUNDARY, [RULE], roster)


@given(any_roster(RICH))
def test_model_agrees_on_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [RULE], roster)
