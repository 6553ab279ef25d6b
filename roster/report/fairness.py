"""Fair shares as the report shows them: each person's hours, nights, weekend duties (and
24-hour duties, when the plan has them) against their fair share.

The numbers are the fairness rule's own (``roster.check.fairness.spreads``, which the rule
uses too): who counts for a measure, their pro-rated share, duties carried over from the 4
weeks before in ``history.csv``, and the band of fair loads (the share rounded down or up).
So the report, the summary and the optimiser never disagree about what is fair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from roster.check.fairness import MEASURES, Spread, could_take_under, spreads
from roster.plan.index import Person
from roster.roster import Roster
from roster.rules import Rule
from roster.text.i18n import Lang, label

HOURS = "hours"


@dataclass(frozen=True)
class Load:
    """One measure for one person: what they carry and what would be their fair part.

    ``actual`` and ``carried`` (the part of ``actual`` from the 4 weeks before the period)
    are hours for the hours measure, else numbers of duties, and so are ``target`` (the fair
    share) and ``low``..``high`` (the fair loads). ``target`` is None for someone the rule
    does not count for this measure (no nights, no post of that kind they may take, absent
    the whole period, or the measure's weight is 0).
    """

    actual: float
    target: float | None
    carried: float = 0
    low: float | None = None
    high: float | None = None

    @property
    def fair(self) -> bool:
        """Within the fair band (or not measured)."""
        if self.low is None or self.high is None:
            return True
        return self.low <= self.actual <= self.high

    @property
    def over_from_earlier(self) -> bool:
        """Above the fair band only because of the weeks before: without what ``history.csv``
        carries in, this period's load is within the band. Not a breach of this roster."""
        if self.high is None or not self.carried:
            return False
        return self.actual > self.high >= self.actual - self.carried


@dataclass(frozen=True)
class FairnessRow:
    """A person's loads, by measure key (``hours``, ``nights``, ``weekends``, ``full_day``)."""

    person: Person
    loads: dict[str, Load]


def carried_note(load: Load, key: str, lang: Lang) -> str:
    """What a load carries in from earlier weeks, in words: "含往周 12 小时"; empty if
    nothing."""
    if not load.carried:
        return ""
    unit = "fair_earlier_hours" if key == HOURS else "fair_earlier_duties"
    return label(unit, lang).format(carried=f"{load.carried:g}")


def shown_measures(roster: Roster) -> list[str]:
    """The measures worth a column: hours always, the others when the plan has such posts."""
    posts = roster.index.posts
    return [m.key for m in MEASURES if m.key == HOURS or any(m.counts(p.slot) for p in posts)]


def fairness_rows(roster: Roster, rules: Sequence[Rule]) -> list[FairnessRow]:
    """Every person's loads against their fair shares under ``rules`` (who counts for a
    measure is who they let take its posts), in the plan's staff order."""
    index = roster.index
    by_key = {spread.key: spread for spread in spreads(index, could_take_under(rules))}
    loads: dict[str, dict[int, Load]] = {}
    for measure in MEASURES:
        if measure.key not in shown_measures(roster):
            continue
        spread = by_key.get(measure.key)
        counted = _counted_loads(roster, spread) if spread else {}
        loads[measure.key] = {
            person.idx: counted.get(person.idx)
            or Load(
                actual=sum(
                    (d.slot.minutes / 60 if measure.key == HOURS else 1)
                    for d in roster.by_person.get(person.idx, [])
                    if measure.counts(d.slot)
                ),
                target=None,
            )
            for person in index.people
        }
    return [
        FairnessRow(person, {key: by_person[person.idx] for key, by_person in loads.items()})
        for person in index.people
    ]


def _counted_loads(roster: Roster, spread: Spread) -> dict[int, Load]:
    """The loads of the people the rule counts for ``spread``, in the leader's units."""
    units = spread.loads(roster)
    bands = spread.bands(sum(units.values()))
    scale = spread.step / 60 if spread.step else 1  # units to hours, or 1 per duty
    return {
        idx: Load(
            actual=units[idx] * scale,
            target=float(bands[idx].share) * scale,
            carried=spread.history[idx] * scale,
            low=bands[idx].low * scale,
            high=bands[idx].high * scale,
        )
        for idx in units
    }
