"""The unmanaged compounds' nights: every night post there below its requirement.

Nobody else guards an unmanaged compound, so its night watch is the first thing a check
looks at (design §1). The hours with nobody at all on watch are holes
(:mod:`roster.check.watch`); a night post that needs two and has one is no hole, yet it is a
gap all the same. This module picks those posts out of the checker's gaps (the coverage
rule's own findings, :mod:`roster.check.gaps`): nothing is counted a second way.

Two definitions a reader needs:

* **Night post.** A post at an unmanaged compound whose shift reaches into night hours as
  :mod:`roster.check.watch` defines them (the plan's night shifts' clock hours): a night
  shift, and a 24-hour duty, which holds the night too; a day shift that ends when the
  night begins does not.
* **Hours short.** People short × the shift's hours: a 12-hour night that needs 2 and has 1
  is 12 hours short; one with nobody is 24 hours short.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from roster.check.gaps import Gap
from roster.check.watch import night_minutes
from roster.plan.index import PlanIndex, Post
from roster.plan.model import Compound


@dataclass(frozen=True)
class ShortNight:
    """A night post at an unmanaged compound below its requirement (somebody on it or not).

    Attributes:
        gap: The checker's gap: the post, the demand row that is short, who counts.
        compound: The unmanaged compound.
        start: When the shift starts.
        end: When it ends.
        night_minutes: Minutes of the shift in night hours.
    """

    gap: Gap
    compound: Compound
    start: dt.datetime
    end: dt.datetime
    night_minutes: int

    @property
    def post(self) -> Post:
        """The post."""
        return self.gap.post

    @property
    def needed(self) -> int:
        """People the demand row asks for (with its skill, if it names one)."""
        return self.gap.need.min

    @property
    def present(self) -> int:
        """People on the post who count towards the demand row."""
        return self.gap.assigned

    @property
    def minutes_short(self) -> int:
        """People short × the shift's length, in minutes."""
        return self.gap.shortfall * self.post.slot.minutes


def short_nights(index: PlanIndex, gaps: Sequence[Gap]) -> list[ShortNight]:
    """The gaps at unmanaged compounds' night posts, in time order (then the plan's order of
    compounds)."""
    order = {c.id: k for k, c in enumerate(index.plan.compounds)}
    origin = dt.datetime.combine(index.plan.start, dt.time())
    found = []
    for gap in gaps:
        compound, slot = gap.post.compound, gap.post.slot
        if compound is None or not compound.unmanaged:
            continue
        minutes = night_minutes(index, (slot.start, slot.end))
        if minutes:
            start = origin + dt.timedelta(minutes=slot.start)
            end = origin + dt.timedelta(minutes=slot.end)
            found.append(ShortNight(gap, compound, start, end, minutes))
    return sorted(found, key=lambda n: (n.post.slot.start, order.get(n.post.place, 0)))
