"""The report's fairness numbers are the fairness rule's: history counts, bands as the rule's."""

from __future__ import annotations

from constraints import all_rules
from roster.plan.index import PlanIndex
from roster.report.fairness import Load, fairness_rows
from tests.helpers import roster_of
from tests.plans import fair_plan


def test_loads_count_history_and_mark_loads_outside_the_fair_band() -> None:
    # fair_plan: s2 has a 24 h weekly cap, s3 had two nights in the week before, s4 takes
    # no nights. Here s1 takes three nights, s4 one day, s2 and s3 nothing.
    index = PlanIndex(fair_plan())
    roster = roster_of(
        index, [("s1", 0, "N", "A"), ("s1", 1, "N", "A"), ("s1", 2, "N", "A"), ("s4", 0, "D", "A")]
    )
    rows = {row.person.id: row.loads for row in fairness_rows(roster, all_rules())}

    # Nights: s1, s2, s3 count, shares 2 : 1 : 2 (hour cap × 7 days). Loads 3, 0 and 2
    # (carried over), total 5: fair shares 2, 1, 2, each band a single value.
    assert rows["s1"]["nights"] == Load(actual=3, target=2, carried=0, low=2, high=2)
    assert rows["s2"]["nights"] == Load(actual=0, target=1, carried=0, low=1, high=1)
    assert rows["s3"]["nights"] == Load(actual=2, target=2, carried=2, low=2, high=2)
    assert rows["s4"]["nights"] == Load(actual=0, target=None)
    assert [rows[s]["nights"].fair for s in ("s1", "s2", "s3", "s4")] == [False, False, True, True]

    # Hours, in 12-hour units (every shift is 12 or 24 h): everyone counts, shares
    # 2 : 1 : 2 : 2. Loads 36, 0, 24 (carried) and 12 h: 72 h in all, so s1's fair share is
    # 72 × 2/7 = 20.6 h, fair from 12 to 24 h; s2's 10.3 h, fair from 0 to 12 h.
    s1, s2, s3 = rows["s1"]["hours"], rows["s2"]["hours"], rows["s3"]["hours"]
    assert (s1.actual, s1.low, s1.high, s1.fair) == (36, 12, 24, False)
    assert round(s1.target or 0, 2) == round(72 * 2 / 7, 2)
    assert (s2.actual, s2.low, s2.high, s2.fair) == (0, 0, 12, True)
    assert (s3.actual, s3.carried, s3.fair) == (24, 24, True)
