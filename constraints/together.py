"""Together: two people who work well as a pair (``pairs.csv``, kind ``together``) are put
on the same posts.

It only speaks of posts the two could share: posts that take at least two people and that
both of them may take at all (neither absent then, both with the skills, ...). On each such
post, one of them without the other costs the ``together`` weight. A duty one of them
takes where the other could never join (a one-person gate, a night the other may not work)
costs nothing: the pair could not have been together there anyway.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from constraints._fair import could_take
from constraints._labels import place_name
from roster.plan.index import Person, PlanIndex, Post
from roster.plan.model import PairKind, Tier
from roster.rules import Rule, Subject, Violation

if TYPE_CHECKING:
    from roster.engine.model import RosterModel
    from roster.roster import Roster


def shared_posts(index: PlanIndex) -> Iterator[tuple[Person, Person, Post]]:
    """Every (a, b, post) of a ``together`` pair and a post the two could share."""
    for pair in index.plan.pairs:
        if pair.kind is not PairKind.TOGETHER or pair.a == pair.b:
            continue
        a, b = index.person_by_id.get(pair.a), index.person_by_id.get(pair.b)
        if a is None or b is None:
            continue  # reported by validation
        for post in index.posts:
            if post.max >= 2 and could_take(index, a, post) and could_take(index, b, post):
                yield a, b, post


class Together(Rule):
    """A pair who like to work together are put on the same posts."""

    name = "together"
    title = {"en": "Pairs who work together", "zh": "结对值班"}
    hard = False
    tier = Tier.PREFERENCES
    messages = {
        "alone": {
            "en": "{alone} is on {place} {date} {shift} without {other}",
            "zh": "{alone} {date} {shift}在{place}值班，搭档{other}不在",
        },
    }

    def add_to(self, model: RosterModel) -> None:
        weight = model.index.weights.together
        for a, b, post in shared_posts(model.index):
            subject = Subject.post(post, a.id, b.id)
            pair = (model.x.get((a.idx, post.idx)), model.x.get((b.idx, post.idx)))
            on = [var for var in pair if var is not None]
            if len(on) < 2:
                # Only one of them has a variable here (a rule outside the registry forbids
                # the other): that one on the post is one without the other.
                for var in on:
                    model.penalize(self.name, self.tier, weight, var, subject)
                continue
            apart = model.new_bool(f"together[{subject}]")  # |on_a - on_b|
            model.define(apart >= on[0] - on[1])
            model.define(apart >= on[1] - on[0])
            model.define(apart <= on[0] + on[1])
            model.define(apart <= 2 - on[0] - on[1])
            model.penalize(self.name, self.tier, weight, apart, subject)

    def violations(self, roster: Roster) -> list[Violation]:
        weight = roster.index.weights.together
        if not weight:
            return []
        found = []
        for a, b, post in shared_posts(roster.index):
            on_post = {d.person for d in roster.on_post(post)}
            if (a.idx in on_post) == (b.idx in on_post):
                continue
            alone, other = (a, b) if a.idx in on_post else (b, a)
            found.append(
                self.found(
                    text=self.text(
                        "alone",
                        alone=alone.staff.name,
                        other=other.staff.name,
                        place=place_name(roster.index, post.place),
                        date=post.slot.date,
                        shift=post.slot.shift.name,
                    ),
                    amount=1,
                    cost=weight,
                    tier=self.tier,
                    staff=(alone.id, other.id),
                    date=post.slot.date,
                    shift=post.slot.shift.id,
                    place=post.place,
                )
            )
        return found
