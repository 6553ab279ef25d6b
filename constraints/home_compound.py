"""Home compound: people guard the gate of their own (preferred) compound where they can.

Each gate duty at a compound other than the person's ``home_compound`` (``staff.csv``)
costs the ``home_compound`` weight. People without a home compound, and errands (shopping
runs, surveys), cost nothing.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from roster.plan.model import Tier
from roster.rules import Rule, Subject, Violation
from roster.text.i18n import Text

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


class HomeCompound(Rule):
    """People guard their own compound's gate rather than another's."""

    name = "home_compound"
    title = {"en": "Home compound", "zh": "本小区值守"}
    hard = False
    tier = Tier.PREFERENCES
    messages = {
        "away": {
            "en": "{staff} guards gates away from home compound {home}: {places}",
            "zh": "{staff} 在本小区{home}以外值守：{places}",
        },
        "list": {"en": "{en}", "zh": "{zh}"},
    }

    def add_to(self, model: RosterModel) -> None:
        weight = model.index.weights.home_compound
        for person in model.index.people:
            home = person.staff.home_compound
            if home is None:
                continue
            for post, var in model.posts_of(person):
                if post.compound is not None and post.compound.id != home:
                    subject = Subject.post(post, person.id)
                    model.penalize(self.name, self.tier, weight, var, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        weight = index.weights.home_compound
        if not weight:
            return []
        found = []
        for person_idx, duties in roster.by_person.items():
            person = index.people[person_idx]
            home = person.staff.home_compound
            if home is None:
                continue
            away = Counter(
                index.compound_by_id[d.place].name
                for d in duties
                if d.place in index.compound_by_id and d.place != home
            )
            if not away:
                continue
            count = sum(away.values())
            home_compound = index.compound_by_id.get(home)
            found.append(
                self.found(
                    text=self.text(
                        "away",
                        staff=person.staff.name,
                        count=count,
                        home=home_compound.name if home_compound else home,
                        places=self._list([f"{name} ×{n}" for name, n in sorted(away.items())]),
                    ),
                    amount=count,
                    cost=weight * count,
                    tier=self.tier,
                    staff=(person.id,),
                )
            )
        return found

    def _list(self, items: list[str]) -> Text:
        return self.text("list", en=", ".join(items), zh="、".join(items))
