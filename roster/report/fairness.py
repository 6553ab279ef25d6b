"""Fair shares as the report shows them: each person's hours, nights, weekend duties (and
24-hour duties, when the plan has them) in this period, against a pro-rated target.

The target of a measure is everyone's total times the person's share over the sum of the
shares of the people expected to take such duties. Who is expected, and how large a share
is (weekly hour cap × days present), come from the fairness rule's own helpers in
``constraints/``, so the report and the optimiser never disagree about them. The report
counts this period only; the optimiser also weighs duties carried over from ``history.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass

from constraints._fair import could_take, share
from constraints.fairness import MEASURES
from roster.index import Person
from roster.roster import Roster

HOURS = "hours"


@dataclass(frozen=True)
class Load:
    """One measure for one person: what they carry and what would be their fair part.

    ``actual`` and ``target`` are hours for the hours measure, else numbers of duties.
    ``target`` is None for someone never expected to take such duties (no nights, no post
    of that kind they may take, absent the whole period).
    """

    actual: float
    target: float | None


@dataclass(frozen=True)
class FairnessRow:
    """A person's loads, by measure key (``hours``, ``nights``, ``weekends``, ``full_day``)."""

    person: Person
    loads: dict[str, Load]


def shown_measures(roster: Roster) -> list[str]:
    """The measures worth a column: hours always, the others when the plan has such posts."""
    posts = roster.index.posts
    return [m.key for m in MEASURES if m.key == HOURS or any(m.counts(p.slot) for p in posts)]


def fairness_rows(roster: Roster) -> list[FairnessRow]:
    """Every person's loads against their pro-rated targets, in the plan's staff order."""
    index = roster.index
    loads: dict[str, dict[int, Load]] = {}
    for measure in MEASURES:
        if measure.key not in shown_measures(roster):
            continue
        actual = {
            person.idx: sum(
                (d.slot.minutes / 60 if measure.key == HOURS else 1)
                for d in roster.by_person.get(person.idx, [])
                if measure.counts(d.slot)
            )
            for person in index.people
        }
        posts = [post for post in index.posts if measure.counts(post.slot)]
        shares = {
            person.idx: share(index, person)
            for person in index.people
            if not measure.exempt(person.limits)
            and any(could_take(index, person, p) for p in posts)
        }
        shares = {idx: s for idx, s in shares.items() if s > 0}
        total, all_shares = sum(actual.values()), sum(shares.values())
        loads[measure.key] = {
            idx: Load(
                actual=value,
                target=total * shares[idx] / all_shares if idx in shares else None,
            )
            for idx, value in actual.items()
        }
    return [
        FairnessRow(person, {key: by_person[person.idx] for key, by_person in loads.items()})
        for person in index.people
    ]
