"""Reschedule: frozen past, the absent person off, and the fewest changes (by hand)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from constraints import all_rules
from roster.check.violations import check
from roster.engine.solve import solve
from roster.jobs.reschedule import NewAbsence, changes, messages, messages_heading, repair_plan
from roster.plan.index import Duty, PlanIndex
from roster.plan.model import Assignment, Compound, Demand, Plan, Staff
from roster.result import SolverConfig
from roster.roster import Roster
from tests.helpers import assert_model_agrees
from tests.plans import DAY, MONDAY, people, tiny_plan


def _published(plan: Plan, duties: list[tuple[str, int, str, str]]) -> list[Assignment]:
    return [
        Assignment(
            date=plan.start + dt.timedelta(days=day), shift=shift, place=place, staff_id=staff
        )
        for staff, day, shift, place in duties
    ]


def _repair(plan: Plan, published: list[Assignment], absences: list[NewAbsence]) -> Roster:
    index = PlanIndex(repair_plan(plan, published, absences))
    rules = all_rules()
    result = solve(
        index,
        rules,
        SolverConfig(time_limit=10, workers=1, seed=1),
        hint=Roster.from_assignments(index, published),
    )
    assert result.roster is not None
    assert not [v.message() for v in check(result.roster, rules) if v.hard]
    return result.roster


def test_absent_person_is_replaced_and_past_is_frozen() -> None:
    plan = tiny_plan(days=3, shifts=(DAY,), staff=people(2))
    published = _published(plan, [("s1", 0, "D", "A"), ("s1", 1, "D", "A"), ("s1", 2, "D", "A")])
    ill_from = dt.datetime.combine(MONDAY + dt.timedelta(days=1), dt.time())
    roster = _repair(plan, published, [NewAbsence("s1", ill_from)])
    rows = {(a.staff_id, (a.date - MONDAY).days) for a in roster.assignments()}
    # Day 0 was worked (frozen); days 1 and 2 go to the only other person: s1 off, s2 on.
    assert rows == {("s1", 0), ("s2", 1), ("s2", 2)}
    assert len(changes(roster)) == 4  # two duties dropped, two added: the hand-computed least


def test_one_swap_repairs_a_lead_post() -> None:
    """s1 leads at A, s2 (also a lead) guards B, s3 cannot lead. When s1 falls ill the least
    repair is one swap: s2 moves to A, s3 takes B — three people told, nobody else."""
    plan = tiny_plan(
        shifts=(DAY,),
        staff=(
            Staff(id="s1", name="One", skills=("lead",)),
            Staff(id="s2", name="Two", skills=("lead",)),
            Staff(id="s3", name="Three"),
            Staff(id="s4", name="Four"),
        ),
        compounds=(Compound(id="A", name="A小区"), Compound(id="B", name="B小区")),
        demand=(
            Demand(place="A", shift="D", min=1, skill="lead", priority="critical"),
            Demand(place="B", shift="D", min=1, priority="critical"),
        ),
    )
    published = _published(plan, [("s1", 0, "D", "A"), ("s2", 0, "D", "B")])
    roster = _repair(plan, published, [NewAbsence("s1", dt.datetime.combine(MONDAY, dt.time()))])
    found = changes(roster)
    assert {(c.staff_id, c.was, c.now) for c in found} == {("s1", "A", None), ("s2", "B", "A")} | {
        (c.staff_id, None, "B") for c in found if c.staff_id in ("s3", "s4")
    }
    assert len(found) == 3
    index = roster.index
    # Issue 24: each change with its shift's times, and a heading naming the plan and the day.
    assert messages(index, found, "zh")[1] == "Two：3月2日day 08:00–20:00 由 B小区 改为 A小区"
    assert messages_heading(index, "zh") == f"{plan.title}：3月2日起排班调整"
    assert messages_heading(index, "en") == f"{plan.title}: roster changes from 2 Mar"


def test_no_absence_changes_nothing() -> None:
    plan = tiny_plan(days=2, staff=people(3))
    published = _published(
        plan, [("s1", 0, "D", "A"), ("s2", 0, "N", "A"), ("s3", 1, "D", "A"), ("s1", 1, "N", "A")]
    )
    roster = _repair(plan, published, [])
    assert changes(roster) == []


def _repair_index() -> PlanIndex:
    """rich_plan repaired: its solved roster published, s3 ill from day 2 noon."""
    from tests.plans import rich_plan

    plan = rich_plan()
    index = PlanIndex(plan)
    result = solve(index, all_rules(), SolverConfig(time_limit=10, workers=1, seed=2))
    assert result.roster is not None
    ill = dt.datetime.combine(plan.start + dt.timedelta(days=2), dt.time(12))
    return PlanIndex(repair_plan(plan, result.roster.assignments(), [NewAbsence("s3", ill)]))


REPAIR = _repair_index()


@st.composite
def near_published(draw: st.DrawFn) -> Roster:
    """The published roster with a few duties dropped and a few (any) added."""
    published = Roster.from_assignments(REPAIR, REPAIR.plan.baseline)
    pairs = [(p.idx, post) for post in REPAIR.posts for p in REPAIR.people]
    duties = list(published.duties)
    drop = draw(st.sets(st.sampled_from(range(len(duties))), max_size=3))
    added = draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True))
    kept = [d for i, d in enumerate(duties) if i not in drop]
    return Roster(
        REPAIR, tuple(dict.fromkeys([*kept, *(Duty(p, q.slot, q.place) for p, q in added)]))
    )


@given(near_published())
def test_frozen_and_stability_agree_with_the_model(roster: Roster) -> None:
    assert_model_agrees(REPAIR, all_rules(), roster)


def test_a_move_is_one_change() -> None:
    """Moving a person from one place to another on the same shift is one call, not two."""
    from constraints.stability import Stability

    plan = tiny_plan(
        shifts=(DAY,),
        compounds=(Compound(id="A", name="A小区"), Compound(id="B", name="B小区")),
        demand=(Demand(place="*", shift="D", min=1, priority="critical"),),
    )
    published = _published(plan, [("s1", 0, "D", "A"), ("s2", 0, "D", "B")])
    index = PlanIndex(repair_plan(plan, published, []))
    moved = Roster.from_assignments(
        index, _published(plan, [("s1", 0, "D", "B"), ("s2", 0, "D", "A")])
    )
    found = Stability().violations(moved)
    assert [v.amount for v in found] == [1, 1]
    assert sum(v.cost for v in found) == 2 * plan.weights.change_next_24h
    assert_model_agrees(index, all_rules(), moved)


def test_a_night_under_way_is_kept_and_the_absence_starts_after_it() -> None:
    """s1 is on the Monday night (20:00–08:00) and falls ill Tuesday 00:00: the night was
    under way, so it stays; Tuesday's duties go to s2."""
    plan = tiny_plan(days=2, staff=people(2))
    published = _published(
        plan, [("s1", 0, "N", "A"), ("s2", 0, "D", "A"), ("s2", 1, "D", "A"), ("s1", 1, "N", "A")]
    )
    ill = dt.datetime.combine(MONDAY + dt.timedelta(days=1), dt.time())
    roster = _repair(plan, published, [NewAbsence("s1", ill)])
    rows = {(a.staff_id, (a.date - MONDAY).days, a.shift) for a in roster.assignments()}
    assert ("s1", 0, "N") in rows
    assert not {r for r in rows if r[0] == "s1" and r[1] == 1}
