"""A hand-made roster with known names, gaps and holes, for the report tests."""

from __future__ import annotations

import datetime as dt

from constraints import all_rules
from roster.check.gaps import gaps
from roster.check.violations import check
from roster.plan.index import PlanIndex
from roster.plan.model import Absence, Compound, Demand, Limits, Plan, Staff
from roster.report.tables import Published
from roster.text.i18n import Lang
from tests.helpers import roster_of
from tests.plans import MONDAY, tiny_plan

PROFILE = "pregnant"
REASON = "heart surgery"


Case = Published
"""A roster with everything the writers take."""


def report_plan(days: int = 2) -> Plan:
    """Two days from Monday 2 March 2026: A小区 (managed) and B小区 (unmanaged), day 08–20
    and night 20–08 for one person each, and a shopping run for two shoppers on Tuesday.
    Person 2 has the profile "pregnant" (no nights, at most 24 h a week); Person 4 is
    absent on Tuesday for "heart surgery". Neither word may ever be published."""
    staff = (
        Staff(id="s1", name="Person 1", skills=("shop",)),
        Staff(id="s2", name="Person 2", profiles=(PROFILE,)),
        Staff(id="s3", name="Person 3"),
        Staff(id="s4", name="Person 4"),
    )
    tuesday = MONDAY + dt.timedelta(days=1)
    return tiny_plan(
        days=days,
        staff=staff,
        compounds=(Compound(id="A", name="A小区"), Compound(id="B", name="B小区", unmanaged=True)),
        demand=(
            Demand(place="*", shift="D", min=1, priority="critical"),
            Demand(place="*", shift="N", min=1, priority="critical"),
            Demand(place="shopping", shift="D", min=2, skill="shop", days="tue"),
        ),
        profiles={PROFILE: Limits(no_nights=True, max_hours_per_week=24)},
        absences=(
            Absence(
                staff="s4",
                start=dt.datetime.combine(tuesday, dt.time()),
                end=dt.datetime.combine(tuesday + dt.timedelta(days=1), dt.time()),
                reason=REASON,
            ),
        ),
    )


# Monday: nobody on the night at B (a 12-hour hole at the unmanaged compound);
# Tuesday: nobody on the shopping run.
DUTIES = [
    ("s1", 0, "D", "A"),
    ("s2", 0, "D", "B"),
    ("s3", 0, "N", "A"),
    ("s1", 1, "D", "A"),
    ("s2", 1, "D", "B"),
    ("s3", 1, "N", "A"),
    ("s1", 1, "N", "B"),
]


def report_case(lang: Lang = "en", days: int = 2) -> Case:
    """The hand-made roster of ``report_plan``, checked by every rule."""
    index = PlanIndex(report_plan(days))
    roster = roster_of(index, DUTIES)
    rules = all_rules()
    violations = check(roster, rules)
    return Case(roster, violations, gaps(roster, violations, rules, lang), rules)
