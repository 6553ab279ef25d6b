"""Compound switches: each person guards as few different compounds as possible.

Epidemic cohorting: someone who guards one compound all week can carry an infection to
one compound only. Each person costs the ``compound_switch`` weight for every compound
beyond the first that they guard in the period (gate duties only; errands do not count).
The hard ``max_compounds_per_week`` limit caps the same thing; this rule keeps the number
low below the cap.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from roster.plan.model import Tier
from roster.rules import Rule, Subject, Violation
from roster.text.i18n import Text

if TYPE_CHECKING:
    from roster.engine.model import BoolVar, RosterModel
    from roster.roster import Roster


class CompoundSwitches(Rule):
    """Each person guards few different compounds (cohorting)."""

    name = "compound_switches"
    title = {"en": "Few compounds per person", "zh": "少换小区"}
    hard = False
    tier = Tier.PREFERENCES
    messages = {
        "many": {
            "en": "{staff} guards {count} compounds: {places}",
            "zh": "{staff} 在{count}个小区值守：{places}",
        },
        "list": {"en": "{en}", "zh": "{zh}"},
    }

    def add_to(self, model: RosterModel) -> None:
        weight = model.index.weights.compound_switch
        for person in model.index.people:
            by_compound: dict[str, list[BoolVar]] = defaultdict(list)
            for post, var in model.posts_of(person):
                if post.compound is not None:
                    by_compound[post.compound.id].append(var)
            if len(by_compound) < 2:
                continue
            guards = [  # on any duty there
                model.any_of(duties, f"guards[{person.id} {compound}]")
                for compound, duties in sorted(by_compound.items())
            ]
            extra = model.new_int(0, len(guards) - 1, f"compound_switches[{person.id}]")
            model.define_max(extra, [0, sum(guards) - 1])
            model.penalize(self.name, self.tier, weight, extra, Subject((person.id,)))

    def violations(self, roster: Roster) -> list[Violation]:
        index = roster.index
        weight = index.weights.compound_switch
        if not weight:
            return []
        found = []
        for person_idx, duties in roster.by_person.items():
            person = index.people[person_idx]
            compounds = sorted({d.place for d in duties if d.place in index.compound_by_id})
            if len(compounds) < 2:
                continue
            found.append(
                self.found(
                    text=self.text(
                        "many",
                        staff=person.staff.name,
                        count=len(compounds),
                        places=self._list([index.compound_by_id[c].name for c in compounds]),
                    ),
                    amount=len(compounds) - 1,
                    cost=weight * (len(compounds) - 1),
                    tier=self.tier,
                    staff=(person.id,),
                )
            )
        return found

    def _list(self, items: list[str]) -> Text:
        return self.text("list", en=", ".join(items), zh="、".join(items))
