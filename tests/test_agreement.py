"""Model and rules agree on arbitrary rosters, not only optimal ones (style habit 3).

For random rosters on small plans that make every rule bite, the model with its assignment
variables fixed is feasible exactly when the rules' ``violations`` find no hard violation,
and each tier's least cost equals the rules' soft violation costs.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from constraints import all_rules
from roster.index import Duty, PlanIndex
from roster.roster import Roster
from tests.helpers import assert_model_agrees
from tests.plans import rich_plan


@st.composite
def rosters(draw: st.DrawFn, index: PlanIndex) -> Roster:
    """Any set of (person, post) pairs, forbidden ones included, plus rarely a stray place."""
    pairs = [(p.idx, post) for post in index.posts for p in index.people]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=len(index.posts) + 4, unique=True))
    duties = [Duty(p, post.slot, post.place) for p, post in chosen]
    return Roster(index, tuple(duties))


RICH = PlanIndex(rich_plan())


@given(rosters(RICH))
def test_model_and_rules_agree_on_any_roster(roster: Roster) -> None:
    assert_model_agrees(RICH, all_rules(), roster)
