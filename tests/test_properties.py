"""Property tests: random small plans solve to rosters the rules accept, and plans survive a
JSON round trip."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from constraints import all_rules
from roster.plan.model import Absence, Compound, Demand, Limits, Plan, Staff
from tests.helpers import solve_checked
from tests.plans import DAY, FULL, MONDAY, NIGHT, shift

EVENING = shift("E", "14:00", "22:00")
SKILLS = ("lead", "shop")
LIMITS = st.builds(
    Limits,
    min_rest_hours=st.sampled_from([None, 8, 12]),
    max_hours_per_week=st.sampled_from([None, 24, 40]),
    max_consecutive_days=st.sampled_from([None, 2, 3]),
    max_nights_per_week=st.sampled_from([None, 1, 2]),
    no_nights=st.sampled_from([None, True]),
    no_24h=st.sampled_from([None, True]),
    latest_end=st.sampled_from([None, "20:00", "23:00"]),
    days_off=st.sampled_from([None, "sat", "tue;wed"]),
)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """A random small plan: 2–5 people with random limits and skills, 1–2 compounds, a
    random choice of shifts, demand rows of random priority, and some absences."""
    days = draw(st.integers(1, 4))
    n_staff = draw(st.integers(2, 5))
    staff = tuple(
        Staff(
            id=f"s{i}",
            name=f"Person {i}",
            skills=draw(st.lists(st.sampled_from(SKILLS), unique=True, max_size=2)),
            overrides=draw(LIMITS),
        )
        for i in range(n_staff)
    )
    shifts = draw(
        st.lists(
            st.sampled_from([DAY, NIGHT, FULL, EVENING]),
            min_size=1,
            max_size=3,
            unique_by=lambda s: s.id,
        )
    )
    compounds = tuple(
        Compound(id=c, name=f"{c}小区", unmanaged=c == "B") for c in "AB"[: draw(st.integers(1, 2))]
    )
    demand = tuple(
        Demand(
            place=draw(st.sampled_from(["*", "unmanaged", "A", "shopping"])),
            shift=draw(st.sampled_from([s.id for s in shifts])),
            days=draw(st.sampled_from(["*", "mon;wed", "tue-thu"])),
            min=draw(st.integers(0, 2)),
            skill=draw(st.sampled_from([None, None, "lead", "shop"])),
            priority=draw(st.sampled_from(["critical", "high", "normal", "low"])),
        )
        for _ in range(draw(st.integers(1, 4)))
    )
    absences = tuple(
        Absence(
            staff=f"s{draw(st.integers(0, n_staff - 1))}",
            start=dt.datetime.combine(
                MONDAY + dt.timedelta(days=draw(st.integers(0, days - 1))), dt.time()
            ),
            end=dt.datetime.combine(MONDAY + dt.timedelta(days=days), dt.time()),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    return Plan(
        title="random",
        start=MONDAY,
        days=days,
        staff=staff,
        shifts=tuple(shifts),
        compounds=compounds,
        demand=demand,
        absences=absences,
    )


@settings(max_examples=15)
@given(plans())
def test_random_plans_solve_to_rosters_the_rules_accept(plan: Plan) -> None:
    # solve_checked asserts: a roster exists, no hard violation, and the rules' recomputed
    # cost of every tier equals the solver's.
    solve_checked(plan, all_rules(), time_limit=5)


@given(plans())
def test_plan_json_round_trip(plan: Plan) -> None:
    assert Plan.model_validate_json(plan.model_dump_json()) == plan
