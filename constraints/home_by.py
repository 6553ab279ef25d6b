"""Home by: people with a ``latest_end`` (small children, a sick spouse) are never on a duty
that ends later than that time of the day it starts.

A shift ending exactly at that time is fine; a night shift that runs past midnight always
ends too late. Only the time is shown, never why.
"""

from __future__ import annotations

from constraints._labels import clock
from roster.plan.index import Person, PlanIndex, Post
from roster.plan.model import MINUTES_PER_DAY
from roster.rules import Rule
from roster.text.i18n import Text


class HomeBy(Rule):
    """People who must be home by a given hour get no duty ending after it."""

    name = "home_by"
    title = {"en": "Home by a given hour", "zh": "按时回家"}
    hard = True
    slot_only = True  # ``forbids`` looks at the slot only
    messages = {"home_by": {"en": "home by {time}", "zh": "须在{time}前下班"}}

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        latest = person.limits.latest_end
        slot = post.slot
        if latest is not None and slot.end > slot.day * MINUTES_PER_DAY + latest:
            return self.text("home_by", time=clock(latest))
        return None
