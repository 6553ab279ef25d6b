"""fairness: each person's hours, nights, weekend and 24-hour duties within their fair
band (their pro-rated share of the total, rounded down or up)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings

from constraints._fair import could_take
from constraints.absence import Absence
from constraints.coverage import Coverage
from constraints.fairness import Fairness
from constraints.one_place import OnePlace
from roster.check.fairness import Band, hour_step, present_days, spreads, steps
from roster.check.violations import check, tier_costs
from roster.plan.index import PlanIndex
from roster.plan.model import Absence as AbsenceRow
from roster.plan.model import Demand, Limits, Plan, Tier, Weights
from roster.roster import Roster
from roster.rules import Violation
from tests.helpers import assert_model_agrees, model_verdict, roster_of, solve_checked
from tests.plans import (
    DAY,
    FULL,
    NIGHT,
    fair_plan,
    limited,
    past,
    people,
    rich_plan,
    shift,
    tiny_plan,
)
from tests.plans import any_roster as rosters


@pytest.fixture
def rule() -> Fairness:
    return Fairness()


def nights_plan(**extra: object) -> Plan:
    """Four nights of one-person watch at compound A (12-hour nights: one hour unit each)."""
    fields: dict[str, object] = {"staff": people(2), "days": 4, "shifts": (NIGHT,)} | extra
    return tiny_plan(**fields)  # type: ignore[arg-type]


def nightly(index: PlanIndex, *who: str) -> Roster:
    """A roster of night watch at A: ``who[d]`` works night ``d`` ("-" for nobody)."""
    return roster_of(index, [(s, day, "N", "A") for day, s in enumerate(who) if s != "-"])


def costs(found: list[Violation]) -> dict[str, int]:
    """Cost per measure, summed over the people outside their band."""
    total: Counter[str] = Counter()
    for v in found:
        total[str(v.details["measure"])] += v.cost
    return dict(total)


def shares(index: PlanIndex, measure: str = "nights") -> dict[str, int]:
    """The people's shares of the work for ``measure``, by staff id."""
    spread = next(s for s in spreads(index, could_take) if s.key == measure)
    return {index.people[idx].id: n for idx, n in spread.shares.items()}


def nights(roster: Roster, staff_id: str) -> int:
    """Nights a person works in a roster, counted from its duties."""
    person = roster.index.person_by_id[staff_id].idx
    return sum(1 for d in roster.duties if d.person == person and d.slot.night)


def test_rule_is_a_soft_fairness_rule(rule: Fairness) -> None:
    assert (rule.name, rule.hard, rule.tier) == ("fairness", False, Tier.FAIRNESS)
    assert Fairness.__doc__


def test_the_band_is_the_fair_share_rounded_down_and_up() -> None:
    assert Band(Fraction(4, 3), 1, 2).outside(0) == 1
    assert [Band(Fraction(4, 3), 1, 2).outside(n) for n in (1, 2, 3, 5)] == [0, 0, 1, 3]


def test_three_nights_against_one_cost_a_night_each_side(rule: Fairness) -> None:
    index = PlanIndex(nights_plan())
    roster = nightly(index, "s1", "s1", "s1", "s2")
    found = assert_model_agrees(index, [rule], roster)
    # Both full-time: 4 nights (and 12-hour units), a fair share of 2 each; s1 is 1 above,
    # s2 1 below.
    assert costs(found) == {"hours": 1 * 2, "nights": 4 * 2}
    above, below = (v for v in found if v.details["measure"] == "nights")
    assert above.message("en") == "Nights: Person 1 has 3, more than a fair 2 (share 2)"
    assert below.message("zh") == "夜班：Person 2 为1，少于合理的2（应得份额2）"
    assert (above.staff, below.staff, above.amount, above.cost) == (("s1",), ("s2",), 1, 4)


def test_even_loads_cost_nothing(rule: Fairness) -> None:
    index = PlanIndex(nights_plan())
    roster = nightly(index, "s1", "s2", "s1", "s2")
    assert assert_model_agrees(index, [rule], roster) == []


def test_a_fractional_share_allows_rounding_either_way(rule: Fairness) -> None:
    index = PlanIndex(nights_plan(staff=people(3)))
    # 4 nights among 3: a fair share of 4/3, so 1 or 2 nights each are fair.
    assert assert_model_agrees(index, [rule], nightly(index, "s1", "s1", "s2", "s3")) == []
    found = assert_model_agrees(index, [rule], nightly(index, "s1", "s1", "s1", "s2"))
    assert costs(found) == {"hours": 2, "nights": 8}
    below = next(v for v in found if v.staff == ("s3",) and v.details["measure"] == "nights")
    assert below.message("en") == "Nights: Person 3 has 0, less than a fair 1–2 (share 1.3)"


def test_one_person_far_off_costs_more_than_several_a_little_off(rule: Fairness) -> None:
    index = PlanIndex(nights_plan(staff=people(3), days=6))
    # 6 nights among 3: 2 each is fair. Each unit out costs one more than the one before.
    assert steps(1) == 1
    assert steps(2) == 3
    assert steps(3) == 6
    near = nightly(index, "s1", "s1", "s1", "s2", "s2", "s3")  # 3, 2, 1: two 1 off
    far = nightly(index, "s1", "s1", "s1", "s2", "s2", "s2")  # 3, 3, 0: 1, 1 and 2 off
    assert costs(assert_model_agrees(index, [rule], near))["nights"] == 4 * (1 + 1)
    assert costs(assert_model_agrees(index, [rule], far))["nights"] == 4 * (1 + 1 + 3)
    lowest = next(
        v for v in rule.violations(far) if v.staff == ("s3",) and v.details["measure"] == "nights"
    )
    assert (lowest.amount, lowest.cost) == (2, 4 * 3)


def test_half_the_hour_cap_carrying_half_the_nights_is_fair(rule: Fairness) -> None:
    plan = nights_plan(staff=(limited("s1"), limited("s2", max_hours_per_week=24)), days=3)
    index = PlanIndex(plan)
    assert shares(index) == {"s1": 2, "s2": 1}
    roster = nightly(index, "s1", "s1", "s2")
    assert assert_model_agrees(index, [rule], roster) == []
    # The same nights the other way round are unfair: fair shares are 2 and 1.
    swapped = nightly(index, "s2", "s2", "s1")
    assert costs(assert_model_agrees(index, [rule], swapped)) == {"hours": 2, "nights": 4 * 2}


def test_plan_default_cap_is_the_full_share() -> None:
    plan = nights_plan(
        staff=(limited("s1"), limited("s2", max_hours_per_week=20)),
        rules=Limits(max_hours_per_week=40),
    )
    assert shares(PlanIndex(plan)) == {"s1": 2, "s2": 1}


def test_days_absent_shrink_the_share(rule: Fairness) -> None:
    # s2 is away the last two of four days: half a share, so one night against two is fair.
    away = AbsenceRow(staff="s2", start=dt.datetime(2026, 3, 4), end=dt.datetime(2026, 3, 6))
    index = PlanIndex(nights_plan(absences=(away,)))
    assert present_days(index, index.people[1]) == 2
    assert shares(index) == {"s1": 2, "s2": 1}
    roster = nightly(index, "s2", "s1", "s1")
    assert assert_model_agrees(index, [rule], roster) == []


def test_part_of_a_day_away_does_not_shrink_the_share() -> None:
    away = AbsenceRow(staff="s2", start=dt.datetime(2026, 3, 3, 9), end=dt.datetime(2026, 3, 3, 17))
    index = PlanIndex(nights_plan(absences=(away,)))
    assert present_days(index, index.people[1]) == 4
    assert shares(index) == {"s1": 1, "s2": 1}


def test_someone_away_all_period_is_not_counted(rule: Fairness) -> None:
    away = AbsenceRow(staff="s3", start=dt.datetime(2026, 3, 1), end=dt.datetime(2026, 3, 7))
    index = PlanIndex(nights_plan(staff=people(3), absences=(away,)))
    # Counted, s3 would have a fair share of 4/3 nights and be below it with none.
    roster = nightly(index, "s1", "s2", "s1", "s2")
    assert assert_model_agrees(index, [rule], roster) == []


def test_no_nights_people_count_for_hours_but_not_nights(rule: Fairness) -> None:
    staff = (*people(2), limited("s3", no_nights=True))
    index = PlanIndex(tiny_plan(staff=staff, days=3, shifts=(DAY, NIGHT)))
    roster = roster_of(
        index,
        [
            ("s1", 0, "N", "A"),
            ("s1", 1, "N", "A"),
            ("s1", 2, "N", "A"),
            ("s2", 0, "D", "A"),
            ("s3", 1, "D", "A"),
            ("s3", 2, "D", "A"),
        ],
    )
    found = assert_model_agrees(index, [rule], roster)
    # Hours 3, 1, 2 units against a fair 2 each; nights 3 and 0 between s1 and s2 only
    # (fair 1.5: 1 or 2). Were s3 counted, the fair share would be 1 night and cost 4 more.
    assert costs(found) == {"hours": 2, "nights": 4 * 2}


def test_people_who_may_take_no_such_post_are_not_counted(rule: Fairness) -> None:
    # Night watch needs the "patrol" skill, which s3 lacks: s3 is not counted for nights.
    staff = (*people(2, skills=("patrol",)), limited("s3"))
    demand = (
        Demand(place="*", shift="D", min=1, priority="critical"),
        Demand(place="*", shift="N", min=1, skill="patrol", priority="critical"),
    )
    index = PlanIndex(tiny_plan(staff=staff, days=3, demand=demand))
    roster = roster_of(
        index,
        [
            ("s1", 0, "N", "A"),
            ("s2", 1, "N", "A"),
            ("s1", 2, "N", "A"),
            *(("s3", day, "D", "A") for day in range(3)),
        ],
    )
    # Hours 2, 1, 3 against a fair 2 each; nights 2 and 1, fair 1.5 each (with s3: 1).
    assert costs(assert_model_agrees(index, [rule], roster)) == {"hours": 2}


def test_people_no_place_is_for_are_not_counted(rule: Fairness) -> None:
    # The night post takes one person and needs a "lead": s3 may take it (no rule forbids
    # it) but would leave the leader short, so s3 carries no share of nights. The day post
    # takes two and needs one leader: a place there is s3's, so s3 counts for hours.
    staff = (*people(2, skills=("lead",)), limited("s3"))
    demand = (
        Demand(place="*", shift="D", min=2, max=2, priority="critical"),
        Demand(place="*", shift="D", min=1, skill="lead", priority="high"),
        Demand(place="*", shift="N", min=1, max=1, skill="lead", priority="high"),
    )
    index = PlanIndex(tiny_plan(staff=staff, days=2, demand=demand))
    night = next(p for p in index.posts if p.slot.night)
    assert night.skills_lacked(index.person_by_id["s3"]) == ["lead"]
    assert not could_take(index, index.person_by_id["s3"], night)
    assert set(shares(index, "nights")) == {"s1", "s2"}
    assert set(shares(index, "hours")) == {"s1", "s2", "s3"}
    # One night each for s1 and s2, two days each for everyone: all fair.
    roster = roster_of(
        index,
        [
            ("s1", 0, "N", "A"),
            ("s2", 1, "N", "A"),
            ("s1", 1, "D", "A"),
            ("s3", 1, "D", "A"),
            ("s2", 0, "D", "A"),
            ("s3", 0, "D", "A"),
        ],
    )
    assert costs(assert_model_agrees(index, [rule], roster)) == {}
    # s3 on a night all the same, and on both days: nights do not count s3, and the
    # model's second count of the total (post by post, ``RosterModel.redundant``) must
    # leave s3 out as well.
    swapped = roster_of(
        index,
        [
            ("s3", 0, "N", "A"),
            ("s2", 1, "N", "A"),
            ("s3", 0, "D", "A"),
            ("s3", 1, "D", "A"),
            ("s1", 0, "D", "A"),
            ("s1", 1, "D", "A"),
        ],
    )
    with_counts = model_verdict(index, [rule], swapped, redundant=True)
    assert with_counts == model_verdict(index, [rule], swapped)
    assert with_counts.costs == tier_costs(check(swapped, [rule]))
    assert with_counts.costs[Tier.FAIRNESS] > 0


def test_history_of_the_last_four_weeks_carries_over(rule: Fairness) -> None:
    index = PlanIndex(nights_plan(history=(past("s1", 3), past("s1", 5))))
    # s1: 2 nights last week + 1 now = 3; s2: 3 now. A fair share of 6 is 3 each.
    roster = nightly(index, "s2", "s2", "s1", "s2")
    assert assert_model_agrees(index, [rule], roster) == []
    even_now = nightly(index, "s1", "s2", "s1", "s2")
    found = assert_model_agrees(index, [rule], even_now)
    assert costs(found) == {"hours": 2, "nights": 8}
    above = next(v for v in found if v.details["measure"] == "nights" and v.staff == ("s1",))
    assert above.message("en") == (
        "Nights: Person 1 has 4 (incl. 2 in the 4 weeks before), more than a fair 3 (share 3)"
    )
    assert above.message("zh") == "夜班：Person 1 为4（含此前4周的2），多于合理的3（应得份额3）"


def test_older_history_is_forgotten(rule: Fairness) -> None:
    index = PlanIndex(nights_plan(history=(past("s1", 29), past("s1", 30))))
    roster = nightly(index, "s1", "s2", "s1", "s2")
    assert assert_model_agrees(index, [rule], roster) == []


def test_weekend_and_24_hour_duties(rule: Fairness) -> None:
    staff = (*people(2), limited("s3", no_24h=True))  # s3 may take nothing here: not counted
    index = PlanIndex(tiny_plan(staff=staff, days=7, shifts=(FULL,)))
    # Mon..Sun: s1 Mon, Sat, Sun (2 weekend duties); s2 Tue..Fri. Hours and 24-hour duties
    # 3 and 4 (fair 3.5: 3 or 4); weekend duties 2 and 0 (fair 1 each).
    plan_days = {0: "s1", 1: "s2", 2: "s2", 3: "s2", 4: "s2", 5: "s1", 6: "s1"}
    roster = roster_of(index, [(s, day, "F", "A") for day, s in plan_days.items()])
    found = assert_model_agrees(index, [rule], roster)
    assert costs(found) == {"weekends": 2 * 2}
    assert found[0].message("en") == (
        "Weekend duties: Person 1 has 2, more than a fair 1 (share 1)"
    )


def test_hours_are_counted_in_units_of_the_shortest_common_length(rule: Fairness) -> None:
    short_day = shift("D", "08:00", "16:00")  # 8 h; nights are 12 h: the unit is 4 h
    index = PlanIndex(tiny_plan(shifts=(short_day, NIGHT), days=2))
    assert hour_step(index) == 240
    roster = roster_of(index, [("s1", 0, "D", "A"), ("s1", 1, "D", "A")])
    found = assert_model_agrees(index, [rule], roster)
    # 16 h and 0 h against a fair 8 h each: 2 units (of 4 h) above and 2 below, 1 + 2 each.
    assert costs(found) == {"hours": 2 * 3}
    assert found[0].message("en") == "Hours: Person 1 has 16, more than a fair 8 (share 8)"


def test_a_measure_with_weight_zero_is_off(rule: Fairness) -> None:
    index = PlanIndex(nights_plan(weights=Weights(fair_nights=0)))
    roster = nightly(index, "s1", "s1")
    assert costs(assert_model_agrees(index, [rule], roster)) == {"hours": 2}


def test_whoever_had_nights_last_week_gets_fewer_now() -> None:
    plan = nights_plan(history=(past("s1", 2), past("s1", 4)))
    result = solve_checked(plan, [Absence(), OnePlace(), Coverage(), Fairness()])
    assert result.roster is not None
    assert (nights(result.roster, "s1"), nights(result.roster, "s2")) == (1, 3)
    assert Fairness().violations(result.roster) == []


def test_a_half_share_gets_half_the_nights_in_a_solve() -> None:
    plan = nights_plan(staff=(limited("s1"), limited("s2", max_hours_per_week=24)), days=3)
    result = solve_checked(plan, [Absence(), OnePlace(), Coverage(), Fairness()])
    assert result.roster is not None
    assert (nights(result.roster, "s1"), nights(result.roster, "s2")) == (2, 1)


FAIR = PlanIndex(fair_plan())
RICH = PlanIndex(rich_plan())


@settings(max_examples=100)
@given(rosters(FAIR))
def test_model_agrees_on_any_roster_of_a_week(roster: Roster) -> None:
    assert_model_agrees(FAIR, [Fairness()], roster)


@settings(max_examples=100)
@given(rosters(RICH))
def test_model_agrees_on_any_roster_of_the_rich_plan(roster: Roster) -> None:
    assert_model_agrees(RICH, [Fairness()], roster)


def test_fair_plan_counts_the_right_people() -> None:
    counted = {s.key: [p.id for p in s.people] for s in spreads(FAIR, could_take)}
    assert counted == {
        "hours": ["s1", "s2", "s3", "s4"],
        "nights": ["s1", "s2", "s3"],
        "weekends": ["s1", "s2", "s3", "s4"],
        "full_day": ["s1", "s2", "s3"],
    }
