"""``roster check`` on a solved roster of the example: no hard violation, and the hours with
nobody on watch are exactly the watch posts that ``gaps.csv`` lists as empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from constraints import all_rules
from roster.check.watch import watch_window
from roster.engine.solve import solve
from roster.io import load_plan
from roster.jobs.check import check_roster
from roster.plan.index import PlanIndex
from roster.plan.model import Absence
from roster.result import SolverConfig

EXAMPLE = Path(__file__).parent.parent / "examples" / "nanchang-road"


def test_check_of_a_solved_example_roster_matches_its_gaps() -> None:
    plan = load_plan(EXAMPLE)
    # A flu day: all but four people off on Thursday, so that some gates stay unwatched.
    thursday = dt.datetime(2026, 2, 12)
    sick = tuple(
        Absence(staff=s.id, start=thursday, end=thursday + dt.timedelta(days=1))
        for s in plan.staff[4:]
    )
    plan = plan.model_copy(update={"absences": (*plan.absences, *sick)})
    rules = all_rules()
    result = solve(PlanIndex(plan), rules, SolverConfig(time_limit=8, workers=1, seed=0))
    assert result.roster is not None

    report = check_roster(plan, result.roster.assignments(), rules)

    assert report.hard == []
    assert report.problems == []
    index = report.roster.index
    window = watch_window(index)
    origin = dt.datetime.combine(plan.start, dt.time())
    # Empty watch posts per gaps.csv: a row without a skill and nobody assigned.
    empty: dict[str, list[tuple[int, int]]] = {}
    for item in report.gaps:
        post = item.post
        if post.watch and item.need.skill is None and item.assigned == 0:
            span = (max(post.slot.start, window[0]), min(post.slot.end, window[1]))
            empty.setdefault(post.place, []).append(span)
    expected = set()
    for place, spans in empty.items():
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        expected |= {
            (place, origin + dt.timedelta(minutes=a), origin + dt.timedelta(minutes=b))
            for a, b in merged
        }
    assert expected  # the flu day leaves holes
    assert {(h.compound.id, h.start, h.end) for h in report.holes} == expected
    # Those sent home are kept away by their absence.
    thursday_gaps = [g for g in report.gaps if g.post.slot.date == thursday.date()]
    assert thursday_gaps
    reasons = {b.person.id: b.rule for b in thursday_gaps[0].blockers}
    assert all(reasons[s.id] == "absence" for s in plan.staff[4:] if s.id in reasons)
