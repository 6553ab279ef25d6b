"""shift_type_limit: nobody works more shifts of a type than their limit; 0 means never."""

from __future__ import annotations

import pytest

from constraints.coverage import Coverage
from constraints.one_place import OnePlace
from constraints.shift_type_limit import ShiftTypeLimit
from roster.plan.index import PlanIndex
from tests.helpers import assert_model_agrees, roster_of, solve_checked
from tests.plans import DAY, NIGHT, limited, tiny_plan


@pytest.fixture
def index() -> PlanIndex:
    staff = (limited("s1", max_shifts_of_type={"D": 2, "N": 0}), limited("s2"))
    return PlanIndex(tiny_plan(staff=staff, days=4))


def test_zero_means_never_offered(index: PlanIndex) -> None:
    s1, s2 = index.people
    posts = {(p.slot.day, p.slot.shift.id): p for p in index.posts}
    reason = ShiftTypeLimit().forbids(index, s1, posts[0, "N"])
    assert reason is not None
    assert reason.render("en") == "Person s1 never works night"
    assert ShiftTypeLimit().forbids(index, s1, posts[0, "D"]) is None
    assert ShiftTypeLimit().forbids(index, s2, posts[0, "N"]) is None


def test_at_the_limit(index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 0, "D", "A"), ("s1", 2, "D", "A"), ("s2", 1, "N", "A")])
    assert assert_model_agrees(index, [ShiftTypeLimit()], roster) == []


def test_one_past_the_limit(index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", d, "D", "A") for d in (0, 1, 3)])
    [found] = assert_model_agrees(index, [ShiftTypeLimit()], roster)
    assert (found.staff, found.shift, found.amount, found.hard) == (("s1",), "D", 1, True)
    assert found.message("en") == "Person s1 works 3 day shifts, at most 2 allowed"


def test_a_never_shift_is_a_violation(index: PlanIndex) -> None:
    roster = roster_of(index, [("s1", 1, "N", "A")])
    [found] = assert_model_agrees(index, [ShiftTypeLimit()], roster)
    assert (found.shift, found.amount) == ("N", 1)


def test_solver_leaves_the_rest_to_others() -> None:
    staff = (limited("s1", max_shifts_of_type={"D": 1}), limited("s2", max_shifts_of_type={"D": 2}))
    plan = tiny_plan(staff=staff, days=4, shifts=(DAY,))
    result = solve_checked(plan, [ShiftTypeLimit(), OnePlace(), Coverage()])
    assert result.roster is not None
    gaps = [v for v in Coverage().violations(result.roster) if "need" in v.details]
    assert sum(g.amount for g in gaps) == 1  # 4 day shifts, 1 + 2 people-shifts allowed
    assert ShiftTypeLimit().violations(result.roster) == []


def test_night_limit_in_the_model_only_where_it_can_bite() -> None:
    staff = (limited("s1", max_shifts_of_type={"N": 5}),)
    index = PlanIndex(tiny_plan(staff=staff, days=4, shifts=(NIGHT,)))
    roster = roster_of(index, [("s1", d, "N", "A") for d in range(4)])
    assert assert_model_agrees(index, [ShiftTypeLimit()], roster) == []
