"""Why a strict plan has no roster: the smallest set of rules, people and days that clash, in
words, and the cheapest relaxation that would make the plan feasible (design §4, §6).

Under ``--strict`` critical coverage is a hard rule, so a plan can have no roster at all.
The model is built in diagnose mode (:class:`roster.engine.model.RosterModel`): every hard
constraint is switched on by one assumption literal per rule instance (rule, subject), e.g.
``("weekly_nights", s03 2026-02-09..2026-02-15)`` or ``("coverage", C7 2026-02-12 night)``,
the subject a typed ``roster.rules.Subject`` whose fields the words below read. Then:

1. CP-SAT solves with every rule instance enforced (the enforcement literals fixed to true,
   so that presolve keeps its strength); feasible means there is nothing to explain;
2. it solves again with the literals as assumptions, one worker and no objective (the only
   setting in which it reports a core reliably), and returns a set of them that is enough
   for infeasibility (``sufficient_assumptions_for_infeasibility``);
3. that set need not be minimal, so it is shrunk by deletion: drop one member, solve again
   with only the rest enforced, and keep it dropped when the rest is still infeasible. What
   is left is a minimal core: without any one member there is a roster;
4. the core is told in words, grouped by rule: the critical demand involved (how many
   person-shifts, who could take them, what keeps the others away) and the limits of the
   people involved, with a capacity count when the limits alone prove the demand cannot be
   met ("7 nights need 28 person-shifts; at most 10 are possible");
5. for each rule in the core, limits before coverage, the plan is solved with that rule
   relaxed: first only for the core's people and days, else for everyone. Every relaxation
   that makes the plan feasible is listed, the first (a limit, if any) as the cheapest.

Everything is time-boxed: past the time limit the core found so far is reported, marked as
not proven minimal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

from roster.check.why import blockers
from roster.engine.model import RosterModel
from roster.plan.index import Need, Person, PersonLimits, PlanIndex, Post
from roster.plan.limits import rule_limits, weekly_count_caps
from roster.plan.model import Plan, Priority
from roster.report.tables import limit_phrases
from roster.roster import Roster
from roster.rules import Rule, Subject
from roster.text.i18n import CATALOGUE, LANGS, Lang, Text, fmt_date, label

Member = tuple[str, Subject]
"""One rule instance: (rule name, subject)."""

Verdict = Literal["feasible", "infeasible", "unknown"]

# Which personal limit each working-time rule enforces, to say it in words, and the weekly
# caps on a count of duties (they bound how many person-shifts a person can give).
LIMIT_OF_RULE: dict[str, str] = rule_limits()
_COUNT_CAPS = weekly_count_caps()

_COVERAGE = "coverage"


@dataclass(frozen=True)
class Relaxation:
    """Relaxing one rule, and whether that makes the plan feasible.

    Attributes:
        rule: The rule's name.
        title: The rule's title.
        people: Names of the people it was relaxed for (empty: for everyone).
        demand: For coverage, the critical demand relaxed, in words.
        feasible: Whether the plan has a roster with this relaxation.
    """

    rule: str
    title: Text
    people: tuple[str, ...]
    demand: tuple[Text, ...]
    feasible: bool

    def sentence(self) -> Text:
        """The relaxation in words."""
        if self.rule == _COVERAGE:
            return _label_text("explain_relax_demand", what=_joined(self.demand))
        if self.people:
            return _label_text("explain_relax_core", title=self.title, names=_joined(self.people))
        return _label_text("explain_relax_all", title=self.title)


@dataclass
class Explanation:
    """Why a strict plan has no roster.

    Attributes:
        verdict: ``infeasible`` (explained below), ``feasible`` (nothing to explain) or
            ``unknown`` (not decided within the time limit).
        core: The rule instances that clash, as (rule, subject in words); minimal when
            ``minimal`` is true.
        minimal: Whether every member was shown to be needed.
        sentences: The core in words, grouped by rule.
        relaxations: Every single-rule relaxation tried, cheapest first.
        seconds: Wall time spent.
    """

    verdict: Verdict
    core: list[tuple[str, str]] = field(default_factory=list)
    minimal: bool = False
    sentences: list[Text] = field(default_factory=list)
    relaxations: list[Relaxation] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rules(self) -> list[str]:
        """The names of the rules in the core, in order of first appearance."""
        return list(dict.fromkeys(rule for rule, _ in self.core))

    def lines(self, lang: Lang) -> list[str]:
        """The explanation as lines for the terminal."""
        if self.verdict == "feasible":
            return [label("explain_feasible", lang)]
        if self.verdict == "unknown":
            return [label("explain_unknown", lang).format(seconds=self.seconds)]
        note = "" if self.minimal else label("explain_not_minimal", lang)
        lines = [label("explain_heading", lang).format(count=len(self.core), note=note)]
        lines += [f"  • {s.render(lang)}" for s in self.sentences]
        working = [r for r in self.relaxations if r.feasible]
        if working:
            lines.append(label("explain_relax_heading", lang))
            best = label("explain_best", lang)
            for k, relaxation in enumerate(working):
                mark = best if k == 0 else ""
                lines.append(f"  {k + 1}. {relaxation.sentence().render(lang)}{mark}")
        else:
            lines.append(label("explain_relax_none", lang))
        return lines


def explain(
    plan: Plan, rules: Sequence[Rule], *, time_limit: float = 60.0, seed: int = 0
) -> Explanation:
    """Explain why ``plan`` has no roster when critical coverage is a hard rule.

    Args:
        plan: The plan.
        rules: The rules in force.
        time_limit: Seconds for everything (first solve, shrinking, relaxations).
        seed: CP-SAT's random seed.

    Returns:
        The explanation; its ``verdict`` says whether there was anything to explain.
    """
    started = time.monotonic()
    index = PlanIndex(plan)
    model = RosterModel(index, rules, strict=True, diagnose=True)
    probe = _Probe(model, seed, started + time_limit)
    members = list(model.assumptions)
    verdict = probe.verdict(members)
    explanation = Explanation(verdict)
    if verdict == "infeasible":
        # Let CP-SAT point at a small set first (half the time at most), then shrink it.
        found = probe.core(members, seconds=probe.remaining() / 2)
        core, minimal = _shrink(found or members, probe)
        explanation.core = [(rule, str(subject)) for rule, subject in core]
        explanation.minimal = minimal
        explanation.sentences = describe(index, model, rules, core)
        explanation.relaxations = _relaxations(index, model, core, members, probe)
    explanation.seconds = time.monotonic() - started
    return explanation


# --------------------------------------------------------------------------- solving


class _Probe:
    """Solves the model with some of its rule instances enforced, within a shared deadline.

    Two ways, for speed: ``core`` passes the members as assumptions, so that CP-SAT can say
    which of them it needed; ``verdict`` instead fixes the enforcement literals before
    solving (members on, all others off), which lets presolve simplify the constraints and
    decides feasibility much faster, but says nothing about which members mattered.
    """

    def __init__(self, model: RosterModel, seed: int, deadline: float) -> None:
        self.model = model
        self.seed = seed
        self.deadline = deadline
        self.member_of = {var.index: key for key, var in model.assumptions.items()}

    def remaining(self) -> float:
        """Seconds left before the deadline."""
        return self.deadline - time.monotonic()

    def _solver(self, seconds: float) -> cp_model.CpSolver:
        solver = cp_model.CpSolver()
        # A core is only reported reliably with one worker and no objective.
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed
        solver.parameters.max_time_in_seconds = max(0.05, seconds)
        return solver

    def verdict(self, members: Sequence[Member]) -> Verdict:
        """Whether the model is feasible with only ``members`` enforced."""
        if self.remaining() <= 0.05:
            return "unknown"
        chosen = set(members)
        cp = self.model._cp.clone()
        cp.clear_assumptions()
        for key, literal in self.model.assumptions.items():
            cp.add(literal == int(key in chosen))
        code = self._solver(self.remaining()).solve(cp)
        if code == cp_model.INFEASIBLE:
            return "infeasible"
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return "feasible"
        return "unknown"

    def core(self, members: Sequence[Member], seconds: float) -> list[Member] | None:
        """Members that CP-SAT found enough for infeasibility (in ``members``' order), or
        None when it did not finish within ``seconds``."""
        cp = self.model._cp
        cp.clear_assumptions()
        cp.add_assumptions([self.model.assumptions[m] for m in members])
        solver = self._solver(min(seconds, self.remaining()))
        # Enforcement literals left open weaken the LP relaxation; a stronger one helps
        # counting arguments ("28 nights, at most 18 people") through.
        solver.parameters.linearization_level = 2
        code = solver.solve(cp)
        cp.clear_assumptions()
        if code != cp_model.INFEASIBLE:
            return None
        found = {
            self.member_of[i]
            for i in solver.sufficient_assumptions_for_infeasibility()
            if i in self.member_of
        }
        return [m for m in members if m in found] or None


def _shrink(core: list[Member], probe: _Probe) -> tuple[list[Member], bool]:
    """A minimal core by deletion: drop members and keep them dropped when the rest is still
    infeasible. Returns the core and whether it was proven minimal.

    Large sets (when CP-SAT gave no small one) are cut in chunks first, halving the chunk
    each pass; the last pass drops one member at a time, so every member left is needed:
    without any one of them the rest has a roster. A member found needed stays needed as the
    set shrinks (fewer rules never make a plan harder).
    """
    minimal = True
    chunk = len(core) // 2 if len(core) > 64 else 1
    while True:
        i = 0
        while i < len(core):
            trial = core[:i] + core[i + chunk :]
            verdict = probe.verdict(trial)
            if verdict == "infeasible":
                core = trial
                continue
            if verdict == "unknown":
                minimal = False
                if probe.remaining() <= 0.05:
                    return core, False
            i += chunk
        if chunk == 1:
            return core, minimal
        chunk = max(1, chunk // 2)


def _relaxations(
    index: PlanIndex,
    model: RosterModel,
    core: Sequence[Member],
    members: Sequence[Member],
    probe: _Probe,
) -> list[Relaxation]:
    """For each rule in the core (limits first, coverage last), the plan solved with that
    rule relaxed: only for the core's members first, else for all of its instances."""
    families = list(dict.fromkeys(rule for rule, _ in core))
    families.sort(key=lambda rule: rule == _COVERAGE)
    titles = {rule.name: rule.title for rule in model.rules}
    found = []
    for family in families:
        title = Text(titles.get(family, {"en": family, "zh": family}), {})
        in_core = {m for m in core if m[0] == family}
        people = tuple(p.staff.name for p in _people(index, in_core))
        demand = tuple(_demand_phrase(index, [m[1] for m in in_core]))
        if probe.verdict([m for m in members if m not in in_core]) == "feasible":
            found.append(Relaxation(family, title, people, demand, True))
            continue
        everywhere = [m for m in members if m[0] != family]
        feasible = probe.verdict(everywhere) == "feasible"
        found.append(Relaxation(family, title, (), demand, feasible))
    return found


# --------------------------------------------------------------------------- words


def describe(
    index: PlanIndex, model: RosterModel, rules: Sequence[Rule], core: Sequence[Member]
) -> list[Text]:
    """The core in words: the critical demand first, then each rule's people and limits."""
    titles = {rule.name: rule.title for rule in rules}
    by_rule: dict[str, list[Subject]] = {}
    for rule, subject in core:
        by_rule.setdefault(rule, []).append(subject)
    sentences: list[Text] = []
    if _COVERAGE in by_rule:
        sentences += _coverage_sentences(index, model, rules, by_rule, core)
    for rule, subjects in by_rule.items():
        if rule == _COVERAGE:
            continue
        title = Text(titles.get(rule, {"en": rule, "zh": rule}), {})
        sentences += _rule_sentences(index, rule, title, subjects)
    return sentences


@dataclass(frozen=True)
class _Demand:
    """A critical need of the core on its post."""

    post: Post
    need: Need


def _parse_coverage(index: PlanIndex, subject: Subject) -> tuple[Post, Need | None] | None:
    """The post (and need; None for the post's cap) of a coverage subject."""
    if subject.date is None or subject.shift is None or subject.place is None:
        return None
    slot = index.slot(subject.date, subject.shift)
    post = index.post_at.get((subject.place, slot.idx)) if slot else None
    if post is None:
        return None
    if subject.bound == "max":
        return post, None
    for need in post.needs:
        if need.skill == subject.skill and need.priority is Priority.CRITICAL:
            return post, need
    return None


def _coverage_sentences(
    index: PlanIndex,
    model: RosterModel,
    rules: Sequence[Rule],
    by_rule: dict[str, list[Subject]],
    core: Sequence[Member],
) -> list[Text]:
    demands: dict[tuple[str, str | None], list[_Demand]] = {}
    sentences: list[Text] = []
    for subject in by_rule[_COVERAGE]:
        parsed = _parse_coverage(index, subject)
        if parsed is None:
            sentences.append(_label_text("explain_rule", title=str(subject), names="", dates=""))
            continue
        post, need = parsed
        if need is None:
            sentences.append(
                _label_text(
                    "explain_max",
                    max=post.max,
                    place=_place(index, post.place),
                    date=post.slot.date,
                    shift=post.slot.shift.name,
                )
            )
            continue
        demands.setdefault((post.slot.shift.id, need.skill), []).append(_Demand(post, need))
    for (_shift, skill), group in demands.items():
        sentences.append(_demand_sentence(index, model, rules, core, group, skill))
    return sentences


def _demand_sentence(
    index: PlanIndex,
    model: RosterModel,
    rules: Sequence[Rule],
    core: Sequence[Member],
    group: list[_Demand],
    skill: str | None,
) -> Text:
    """The core's critical demand on one shift (and skill), told as a count: "夜班：南昌路9号院、
    老邮局宿舍，2月9日至2月15日共需要28人次；能上的有5人（…）；其他人：不上夜班 ×5（…）；
    但按下列限制最多只有10人次。" The capacity clause is said only when the weekly caps in
    the core prove the demand cannot be met."""
    shift = group[0].post.slot.shift
    needed = sum(d.need.min for d in group)
    days_of: dict[int, set[int]] = {}
    for demand in group:
        for person, _var in model.on_post(demand.post):
            if skill is None or skill in person.staff.skills:
                days_of.setdefault(person.idx, set()).add(demand.post.slot.day)
    able = [index.people[p] for p in sorted(days_of)]
    # What keeps the others (with the skill) away, by the rules' own ``forbids``.
    first = group[0]
    others = [
        b
        for b in blockers(Roster(index, ()), rules, first.post, first.need)
        if b.person.idx not in days_of and b.rule is not None
    ]
    reasons: dict[str, tuple[Text, list[str]]] = {}
    for blocker in others:
        entry = reasons.setdefault(blocker.reason.render("en"), (blocker.reason, []))
        entry[1].append(blocker.person.staff.name)
    other_texts = [
        _label_text("explain_reason_count", reason=reason, count=len(names), names=_names(names))
        for reason, names in reasons.values()
    ]
    dates = sorted({d.post.slot.date for d in group})
    params: dict[str, object] = {
        "shift": shift.name,
        "skill": _label_text("explain_skill", skill=skill) if skill else "",
        "places": _joined(list(dict.fromkeys(_place(index, d.post.place) for d in group))),
        "dates": _dates_text(dates),
        "needed": needed,
        "able": len(able),
        "names": _label_text("explain_names", names=_names([p.staff.name for p in able]))
        if able
        else "",
        "others": _label_text("explain_others", reasons=_joined(other_texts))
        if other_texts
        else "",
        "capacity": "",
    }
    supply = _supply(index, core, days_of, shift.night)
    if supply is not None and supply < needed:
        params["capacity"] = _label_text("explain_capacity", supply=supply)
    return _label_text("explain_demand", **params)


def _supply(
    index: PlanIndex,
    core: Sequence[Member],
    days_of: dict[int, set[int]],
    night: bool,
) -> int | None:
    """At most how many of these person-shifts the able people can give under the weekly
    count caps in the core (None when the core has none).

    A person gives at most one per day they could take; within each 7-day window of the
    core, at most their cap less what the previous roster already put in that window.
    """
    bounds: dict[int, int] = {p: len(days) for p, days in days_of.items()}
    found = False
    for rule, limit in _COUNT_CAPS.items():
        if rule == "weekly_nights" and not night:
            continue
        for member in core:
            if member[0] != rule:
                continue
            window = _window(member[1])
            for person in _people(index, [member]):
                cap = getattr(person.limits, limit)
                if cap is None or window is None or person.idx not in days_of:
                    continue
                found = True
                first, last = window
                days = [day for day in days_of[person.idx] if first <= index.dates[day] <= last]
                past = sum(
                    1
                    for duty in index.history
                    if duty.person == person.idx
                    and first <= duty.slot.date <= last
                    and (duty.slot.night or rule != "weekly_nights")
                )
                room = max(0, cap - past) + len(days_of[person.idx]) - len(days)
                bounds[person.idx] = min(bounds[person.idx], room)
    return sum(bounds.values()) if found else None


def _window(subject: Subject) -> tuple[dt.date, dt.date] | None:
    """The first and last date of a window subject ("s03 2026-02-03..2026-02-09")."""
    if subject.date is None or subject.until is None:
        return None
    return subject.date, subject.until


def _rule_sentences(
    index: PlanIndex, rule: str, title: Text, subjects: list[Subject]
) -> list[Text]:
    """One sentence per limit value: "每周最多夜班：每周最多2个夜班：张三、李四"; rules without
    a personal limit name their people and days: "同一时间只在一处：张三（2月11日 20:00）"."""
    people = _people(index, [(rule, s) for s in subjects])
    limit = _limit_field(rule, subjects)
    if limit is None or not people:
        names = _names([p.staff.name for p in people]) if people else ""
        when = _when_text(index, subjects)
        return [
            _label_text(
                "explain_rule",
                title=title,
                names=names,
                dates=_label_text("explain_on", dates=when) if when else "",
            )
        ]
    # The previous roster's duties count in windows that reach back into it.
    windowed = any(_window(s) for s in subjects)
    in_history = {d.person for d in index.history}
    by_value: dict[str, tuple[PersonLimits, list[Person]]] = {}
    for person in people:
        only = dataclasses.replace(PersonLimits(), **{limit: getattr(person.limits, limit)})
        by_value.setdefault(repr(getattr(person.limits, limit)), (only, []))[1].append(person)
    sentences = []
    for only, group in by_value.values():
        past = windowed and any(p.idx in in_history for p in group)
        sentences.append(
            _label_text(
                "explain_limit",
                title=title,
                phrase=_limit_phrase(only),
                note=_label_text("explain_history_note") if past else "",
                names=_names([p.staff.name for p in group]),
            )
        )
    return sentences


def _when_text(index: PlanIndex, subjects: Sequence[Subject]) -> Text | None:
    """The dates in subjects, and the moments of those that name a minute ("s01@2460")."""
    dates = {d for s in subjects for d in s.dates}
    origin = dt.datetime.combine(index.plan.start, dt.time())
    moments = sorted(
        origin + dt.timedelta(minutes=s.minute) for s in subjects if s.minute is not None
    )
    if moments:
        return _both(
            lambda lang: label("list_sep", lang).join(
                f"{fmt_date(m.date(), lang)} {m:%H:%M}" for m in moments
            )
        )
    return _dates_text(sorted(dates)) if dates else None


def _limit_field(rule: str, subjects: Sequence[Subject]) -> str | None:
    if rule == "total_hours":
        upper = any(s.bound == "max" for s in subjects)
        return "max_total_minutes" if upper else "min_total_minutes"
    return LIMIT_OF_RULE.get(rule)


def _limit_phrase(limits: PersonLimits) -> Text:
    """A single limit as a phrase in both languages ("每周最多2个夜班")."""
    return _both(
        lambda lang: label("list_sep", lang).join(limit_phrases(limits, PersonLimits(), lang))
    )


def _demand_phrase(index: PlanIndex, subjects: Sequence[Subject]) -> list[Text]:
    """Critical demand in a few words per shift: "夜班 南昌路9号院、老邮局宿舍"."""
    by_shift: dict[str, list[str]] = {}
    for subject in subjects:
        parsed = _parse_coverage(index, subject)
        if parsed is not None:
            post, _need = parsed
            by_shift.setdefault(post.slot.shift.name, []).append(_place(index, post.place))
    return [
        Text(
            {"en": "{shift} at {places}", "zh": "{places}{shift}"},
            {"shift": shift, "places": _joined(list(dict.fromkeys(places)))},
        )
        for shift, places in by_shift.items()
    ]


# --------------------------------------------------------------------------- helpers


def _people(index: PlanIndex, members: Sequence[Member] | set[Member]) -> list[Person]:
    """The people named in members' subjects, in the plan's staff order."""
    found = {
        person.idx
        for _rule, subject in members
        for staff_id in subject.staff
        if (person := index.person_by_id.get(staff_id)) is not None
    }
    return [index.people[p] for p in sorted(found)]


def _place(index: PlanIndex, place: str) -> str:
    compound = index.compound_by_id.get(place)
    return compound.name if compound else place


def _both(render: Callable[[Lang], str]) -> Text:
    """A text computed now in each language (braces escaped, as ``Text`` formats it)."""
    return Text({lang: render(lang).replace("{", "{{").replace("}", "}}") for lang in LANGS})


def _joined(items: Sequence[object]) -> Text:
    """Items joined as the leader's language lists them ("a、b" / "a, b")."""

    def render(lang: Lang) -> str:
        parts = [item.render(lang) if isinstance(item, Text) else str(item) for item in items]
        return label("list_sep", lang).join(parts)

    return _both(render)


def _names(names: Sequence[str], limit: int = 8) -> Text:
    """Names joined, cut short after ``limit``."""
    return _joined([*names[:limit], *(["…"] if len(names) > limit else [])])


def _dates_text(dates: Sequence[dt.date]) -> Text:
    """Dates as a leader reads them: "2月9日至2月15日" for a run of three or more, else
    listed."""
    days = sorted(set(dates))
    run = all((b - a).days == 1 for a, b in itertools.pairwise(days))

    def render(lang: Lang) -> str:
        if len(days) > 2 and run:
            return label("date_range", lang).format(
                first=fmt_date(days[0], lang), last=fmt_date(days[-1], lang)
            )
        return label("list_sep", lang).join(fmt_date(d, lang) for d in days)

    return _both(render)


def _label_text(key: str, **params: object) -> Text:
    """A catalogue sentence with its values, rendered later in either language."""
    return Text(CATALOGUE[key], params)
