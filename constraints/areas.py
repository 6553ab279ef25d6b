"""Areas: in a big district each person guards gates only in their own area (包片).

A compound may name its ``area`` (``compounds.csv``) and a person the ``areas`` they serve
(``staff.csv``, ``;``-separated). Such a person takes gate duty only at compounds of those
areas. Compounds without an area, people without areas, and errands (shopping runs,
surveys) are open to everyone. Besides matching how street offices split their work, this
keeps a district-wide plan small: nobody is considered for a gate across town.
"""

from __future__ import annotations

from functools import cache
from weakref import WeakKeyDictionary

from roster.plan.index import Person, PlanIndex, Post
from roster.rules import Rule
from roster.text.i18n import Text


class Areas(Rule):
    """People guard gates only in their own areas."""

    name = "areas"
    title = {"en": "Own area only", "zh": "包片值守"}
    hard = True
    messages = {
        # The same phrase for everyone kept off one compound, so a gap's "why" groups them.
        "outside": {"en": "not serving area {area}", "zh": "不负责{area}片区"}
    }

    def forbids(self, index: PlanIndex, person: Person, post: Post) -> Text | None:
        areas = person.staff.areas
        area = _area(post)
        if areas and area is not None and area not in areas:
            return self._outside(area)
        return None

    def candidates(self, index: PlanIndex, post: Post) -> frozenset[int] | None:
        area = _area(post)
        if area is None:
            return None
        serving = _serving.setdefault(index, {})
        if area not in serving:
            # ``forbids`` looks only at the post's area: whom it lets through on this gate
            # it lets through on every gate of the area.
            serving[area] = frozenset(
                p.idx for p in index.people if self.forbids(index, p, post) is None
            )
        return serving[area]

    @cache  # noqa: B019  (rules live as long as the registry; a big plan asks millions of times)
    def _outside(self, area: str) -> Text:
        return self.text("outside", area=area)


def _area(post: Post) -> str | None:
    """The area of the post's compound; None for errands and compounds without one."""
    return post.compound.area if post.compound is not None else None


_serving: WeakKeyDictionary[PlanIndex, dict[str, frozenset[int]]] = WeakKeyDictionary()
"""Per plan, the people (by index) who may guard each area's gates."""
