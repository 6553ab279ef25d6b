"""Why a strict plan has no roster: the smallest set of rules, people and days that clash, in
words, and the cheapest relaxation that would make the plan feasible (design §4, §6).

Under ``--strict`` critical coverage is a hard rule, so a plan can have no roster at all.
The model is built in diagnose mode (:class:`roster.build.RosterModel`): every hard
constraint is switched on by one assumption literal per rule instance (rule, subject), e.g.
``("weekly_nights", "s03 2026-02-09..2026-02-15")`` or ``("coverage", "C7 2026-02-12
night")``. Then:

1. CP-SAT solves with all assumptions, one worker and no objective (the only setting in
   which it reports a core reliably) and returns a set of assumptions that is enough for
   infeasibility (``sufficient_assumptions_for_infeasibility``);
2. that set need not be minimal, so it is shrunk by deletion: drop one member, solve again,
   and keep it dropped when the rest is still infeasible. What is left is a minimal core:
   removing any one member makes it feasible;
3. the core is told in words, grouped by rule: the critical demand involved (how many
   person-shifts, who could take them, what keeps the others away) and the limits of the
   people involved, with a capacity count when the limits alone prove the demand cannot be
   met ("7 nights need 28 person-shifts; at most 10 are possible");
4. for each rule in the core, limits before coverage, the plan is solved with that rule
   relaxed: first only for the core's people and days, else for everyone. Every relaxation
   that makes the plan feasible is listed, the first (a limit, if any) as the cheapest.

Everything is time-boxed: past the time limit the core found so far is reported, marked as
not proven minimal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

from roster.build import RosterModel
from roster.i18n import CATALOGUE, LANGS, Lang, Text, fmt_date, label
from roster.index import Need, Person, PersonLimits, PlanIndex, Post
from roster.model import Plan, Priority
from roster.report.tables import limit_phrases
from roster.roster import Roster
from roster.rules import Rule
from roster.why import blockers

Member = tuple[str, str]
"""One rule instance: (rule name, subject)."""

Verdict = Literal["feasible", "infeasible", "unknown"]

# Which personal limit each working-time rule enforces, to say it in words.
LIMIT_OF_RULE: dict[str, str] = {
    "weekly_nights": "max_nights_per_week",
    "weekly_shifts": "max_shifts_per_week",
    "weekly_hours": "max_week_minutes",
    "min_rest": "min_rest",
    "consecutive_days": "max_consecutive_days",
    "consecutive_nights": "max_consecutive_nights",
    "min_days_off": "min_days_off_per_week",
    "compounds_per_week": "max_compounds_per_week",
    "daily_hours": "max_day_minutes",
    "weekends": "max_weekends",
    "min_consecutive_days": "min_consecutive_days",
    "min_days_off_run": "min_consecutive_days_off",
    "shift_type_limit": "max_shifts_of_type",
}

# Weekly caps on a count of duties: they bound how many person-shifts a person can give.
_COUNT_CAPS = {"weekly_nights": "max_nights_per_week", "weekly_shifts": "max_shifts_per_week"}

_COVERAGE = "coverage"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COVERAGE_SUBJECT = re.compile(
    r"^(?P<max>max )?(?P<place>.+?) (?P<date>\d{4}-\d{2}-\d{2}) (?P<shift>\S+)(?: (?P<skill>.+))?$"
)


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
        core: The rule instances that clash; minimal when ``minimal`` is true.
        minimal: Whether every member was shown to be needed.
        sentences: The core in words, grouped by rule.
        relaxations: Every single-rule relaxation tried, cheapest first.
        seconds: Wall time spent.
    """

    verdict: Verdict
    core: list[Member] = field(default_factory=list)
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
                lines.append(f"  {k + 1}. {relaxation.sentence().render(lang)}{best if k == 0 else ''}")
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
    verdict, core = probe.attempt(members)
    explanation = Explanation(verdict)
    if verdict == "infeasible":
        core, minimal = _shrink(core, probe)
        explanation.core, explanation.minimal = core, minimal
        explanation.sentences = describe(index, model, rules, core)
        explanation.relaxations = _relaxations(index, model, core, members, probe)
    explanation.seconds = time.monotonic() - started
    return explanation


# --------------------------------------------------------------------------- solving


class _Probe:
    """Solves the model under a subset of the assumptions, within a shared deadline."""

    def __init__(self, model: RosterModel, seed: int, deadline: float) -> None:
        self.model = model
        self.seed = seed
        self.deadline = deadline
        self.member_of = {var.index: key for key, var in model.assumptions.items()}

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def attempt(self, members: Sequence[Member]) -> tuple[Verdict, list[Member]]:
        """Whether the model is feasible with only ``members`` enforced; when it is not, the
        members CP-SAT found sufficient for that (in ``members``' order)."""
        if self.remaining() <= 0.05:
            return "unknown", []
        cp = self.model.cp
        cp.clear_assumptions()
        cp.add_assumptions([self.model.assumptions[m] for m in members])
        solver = cp_model.CpSolver()
        # A core is only reported reliably with one worker and no objective.
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed
        solver.parameters.max_time_in_seconds = self.remaining()
        code = solver.solve(cp)
        if code == cp_model.INFEASIBLE:
            found = {
                self.member_of[i]
                for i in solver.sufficient_assumptions_for_infeasibility()
                if i in self.member_of
            }
            return "infeasible", [m for m in members if m in found] or list(members)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return "feasible", []
        return "unknown", []


def _shrink(core: list[Member], probe: _Probe) -> tuple[list[Member], bool]:
    """A minimal core by deletion: drop each member in turn, keep it dropped when the rest is
    still infeasible. Returns the core and whether it was proven minimal."""
    minimal = True
    i = 0
    while i < len(core):
        trial = core[:i] + core[i + 1 :]
        verdict, found = probe.attempt(trial)
        if verdict == "infeasible":
            # The solver may point at an even smaller set; members before ``i`` were needed
            # by a larger set, so they are needed by this one too and stay in front.
            kept = set(found)
            core = [m for m in trial if m in kept]
            continue
        if verdict == "unknown":
            minimal = False
            if probe.remaining() <= 0.05:
                break
        i += 1
    return core, minimal


def _relaxations(
    index: PlanIndex,
    model: RosterModel,
    core: Sequence[Member],
    members: Sequence[Member],
    probe: _Probe,
) -> list[Relaxation]:
    """For each rule in the core (limits first, coverage last), the plan solved with that
    rule relaxed: only for the core's members first, else everywhere."""
    families = list(dict.fromkeys(rule for rule, _ in core))
    families.sort(key=lambda rule: rule == _COVERAGE)
    titles = {rule.name: rule.title for rule in model.rules}
    found = []
    for family in families:
        title = Text(titles.get(family, {"en": family, "zh": family}), {})
        in_core = {m for m in core if m[0] == family}
        people = tuple(p.staff.name for p in _people(index, in_core))
        demand = tuple(_demand_phrase(index, [m[1] for m in in_core]))
        verdict, _ = probe.attempt([m for m in members if m not in in_core])
        if verdict == "feasible":
            found.append(Relaxation(family, title, people, demand, True))
            continue
        everywhere = [m for m in members if m[0] != family]
        verdict, _ = probe.attempt(everywhere)
        found.append(Relaxation(family, title, (), demand, verdict == "feasible"))
    return found


# --------------------------------------------------------------------------- words


def describe(
    index: PlanIndex, model: RosterModel, rules: Sequence[Rule], core: Sequence[Member]
) -> list[Text]:
    """The core in words: the critical demand first, then each rule's people and limits."""
    titles = {rule.name: rule.title for rule in rules}
    by_rule: dict[str, list[str]] = {}
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


def _parse_coverage(index: PlanIndex, subject: str) -> tuple[Post, Need | None] | None:
    """The post (and need; None for the post's cap) of a coverage subject."""
    match = _COVERAGE_SUBJECT.match(subject)
    if match is None:
        return None
    slot = index.slot(dt.date.fromisoformat(match["date"]), match["shift"])
    post = index.post_at.get((match["place"], slot.idx)) if slot else None
    if post is None:
        return None
    if match["max"]:
        return post, None
    skill = match["skill"] or None
    for need in post.needs:
        if need.skill == skill and need.priority is Priority.CRITICAL:
            return post, need
    return None


def _coverage_sentences(
    index: PlanIndex,
    model: RosterModel,
    rules: Sequence[Rule],
    by_rule: dict[str, list[str]],
    core: Sequence[Member],
) -> list[Text]:
    demands: dict[tuple[str, str | None], list[_Demand]] = {}
    sentences: list[Text] = []
    for subject in by_rule[_COVERAGE]:
        parsed = _parse_coverage(index, subject)
        if parsed is None:
            sentences.append(_label_text("explain_rule", title=subject, names="", dates=""))
            continue
        post, need = parsed
        if need is None:
            sentences.append(
                _label_text(
                    "explain_max", max=post.max, place=_place(index, post.place),
                    date=post.slot.date, shift=post.slot.shift.name,
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
    """ "夜班：南昌路9号院、老邮局宿舍，2月9日至2月15日共需要28人次；能上的只有5人（…）；
    其他人：不上夜班 ×5（…）；按下列限制最多只有10人次"."""
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
        "others": _label_text("explain_others", reasons=_joined(other_texts)) if other_texts else "",
        "capacity": "",
    }
    supply = _supply(index, core, days_of, shift.night, dates)
    if supply is not None and supply < needed:
        params["capacity"] = _label_text("explain_capacity", supply=supply)
    return _label_text("explain_demand", **params)


def _supply(
    index: PlanIndex,
    core: Sequence[Member],
    days_of: dict[int, set[int]],
    night: bool,
    dates: Sequence[dt.date],
) -> int | None:
    """At most how many of these person-shifts the able people can give under the weekly
    count caps in the core (None when the core has none): each gives no more than the days
    they could take, nor more than their cap per 7 days."""
    caps: dict[int, int] = {}
    for rule, limit in _COUNT_CAPS.items():
        if rule == "weekly_nights" and not night:
            continue
        for person in _people(index, [m for m in core if m[0] == rule]):
            value = getattr(person.limits, limit)
            if value is not None:
                caps[person.idx] = min(caps.get(person.idx, value), value)
    if not caps:
        return None
    weeks = math.ceil(((max(dates) - min(dates)).days + 1) / 7)
    return sum(
        min(len(days), caps[p] * weeks) if p in caps else len(days) for p, days in days_of.items()
    )


def _rule_sentences(index: PlanIndex, rule: str, title: Text, subjects: list[str]) -> list[Text]:
    """One sentence per limit value: "每周最多夜班：每周最多2个夜班：张三、李四"."""
    people = _people(index, [(rule, s) for s in subjects])
    dates = sorted({dt.date.fromisoformat(d) for s in subjects for d in _ISO_DATE.findall(s)})
    limit = _limit_field(rule, subjects)
    if limit is None or not people:
        names = _names([p.staff.name for p in people]) if people else ""
        return [
            _label_text(
                "explain_rule", title=title, names=names,
                dates=_label_text("explain_on", dates=_dates_text(dates)) if dates else "",
            )
        ]
    by_phrase: dict[str, tuple[PersonLimits, list[Person]]] = {}
    for person in people:
        only = dataclasses.replace(PersonLimits(), **{limit: getattr(person.limits, limit)})
        key = repr(getattr(person.limits, limit))
        by_phrase.setdefault(key, (only, []))[1].append(person)
    return [
        _label_text(
            "explain_limit",
            title=title,
            phrase=_limit_phrase(only),
            names=_names([p.staff.name for p in group]),
        )
        for only, group in by_phrase.values()
    ]


def _limit_field(rule: str, subjects: Sequence[str]) -> str | None:
    if rule == "total_hours":
        return "max_total_minutes" if any(s.endswith(" max") for s in subjects) else "min_total_minutes"
    return LIMIT_OF_RULE.get(rule)


def _limit_phrase(limits: PersonLimits) -> Text:
    """A single limit as a phrase in both languages ("每周最多2个夜班")."""
    return _both(lambda lang: label("list_sep", lang).join(limit_phrases(limits, PersonLimits(), lang)))


def _demand_phrase(index: PlanIndex, subjects: Sequence[str]) -> list[Text]:
    """Critical demand in a few words per shift: "夜班 南昌路9号院、老邮局宿舍"."""
    by_shift: dict[str, list[str]] = {}
    for subject in subjects:
        parsed = _parse_coverage(index, subject)
        if parsed is not None:
            post, _need = parsed
            by_shift.setdefault(post.slot.shift.name, []).append(_place(index, post.place))
    return [
        Text({"en": "{shift} at {places}", "zh": "{places}{shift}"},
             {"shift": shift, "places": _joined(list(dict.fromkeys(places)))})
        for shift, places in by_shift.items()
    ]


# --------------------------------------------------------------------------- helpers


def _people(index: PlanIndex, members: Sequence[Member] | set[Member]) -> list[Person]:
    """The people named in members' subjects ("s03 2026-02-09..", "s01+s02 ..", "s01@480"),
    in the plan's staff order."""
    found: set[int] = set()
    for _rule, subject in members:
        for token in re.split(r"[\s@+]+", subject):
            person = index.person_by_id.get(token)
            if person is not None:
                found.add(person.idx)
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
    run = all((b - a).days == 1 for a, b in zip(days, days[1:], strict=False))

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
