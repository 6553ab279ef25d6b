"""The CP-SAT model of a plan: decision variables and the rules stated on them.

There is one decision variable per person and post, ``x[person, post]`` = 1 when the person
takes the post. Variables are created only where no rule ``forbids`` the pair (absence,
missing skill, no nights, ...), which keeps big plans small. Every other rule adds its
constraints through ``require`` (hard) or its costs through ``penalize`` (soft, in a tier).

A rule may also add ``redundant`` constraints: implied by the rest, switched on by the
tier loop only once the levels they help are held (``switch_on``).

In diagnose mode every hard constraint is enforced by an assumption literal per
(rule, subject), so an infeasible plan can be explained by the rules and people involved.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ortools.sat.python import cp_model

from roster.engine.interrupt import interrupted, running
from roster.plan.index import Person, PlanIndex, Post, Slot
from roster.plan.model import Tier
from roster.roster import Roster
from roster.rules import Rule, RuleSet, Subject

log = logging.getLogger(__name__)

BoolVar = cp_model.IntVar
IntVar = cp_model.IntVar
Expr = cp_model.LinearExprT
LiteralT = cp_model.LiteralT
Relation = cp_model.BoundedLinearExpression


class OutOfTime(Exception):
    """Building the model would overrun the time limit."""


@dataclass(frozen=True)
class Penalty:
    """A weighted cost term of a soft rule, in one tier."""

    rule: str
    tier: Tier
    weight: int
    expr: Expr
    subject: Subject


class RosterModel:
    """A plan's CP-SAT model. Rules talk to it through its methods only (the CP-SAT model
    itself is private: ruff's SLF001 keeps rules off it); only the engine and ``explain``
    import CP-SAT."""

    def __init__(
        self,
        index: PlanIndex,
        rules: Sequence[Rule],
        *,
        strict: bool = False,
        diagnose: bool = False,
        allowed: frozenset[tuple[int, int]] | None = None,
        deadline: float | None = None,
    ) -> None:
        """``allowed``: the (person, post) pairs to have variables for, by default every
        pair no rule forbids (``RuleSet.allowed``; a big plan's are narrowed,
        ``roster.engine.candidates``). ``deadline`` (``time.monotonic``): raise
        ``OutOfTime`` if building is not done by then (or Ctrl-C comes), rather than overrun
        the time limit."""
        self.index = index
        self.rules = list(rules)
        self.strict = strict
        self.diagnose = diagnose
        self._cp = cp_model.CpModel()
        self.penalties: list[Penalty] = []
        self.assumptions: dict[tuple[str, Subject], BoolVar] = {}
        self.start: cp_model.CpSolver | None = None  # the completed hint's values, if any
        self.x: dict[tuple[int, int], BoolVar] = {}
        self._switches: dict[Tier, BoolVar] = {}  # see ``redundant``
        self._switched_on: set[Tier] = set()
        # The tiers of every level but the last (``comes_after``), asked per post.
        self._followed = frozenset(t for level in index.plan.levels[:-1] for t in level)
        if allowed is None:
            allowed = RuleSet(self.rules).allowed(index)
        # Post by post, people in order: the variables' order does not depend on the set's.
        for q, p in sorted((q, p) for p, q in allowed):
            person, post = index.people[p], index.posts[q]
            self.x[p, q] = self._cp.new_bool_var(
                f"x[{person.id},{post.slot.date},{post.slot.shift.id},{post.place}]"
            )
        self._by_person: dict[int, list[tuple[Post, BoolVar]]] = defaultdict(list)
        self._by_post: dict[int, list[tuple[Person, BoolVar]]] = defaultdict(list)
        for (p, q), var in self.x.items():
            self._by_person[p].append((index.posts[q], var))
            self._by_post[q].append((index.people[p], var))
        for rule in self.rules:
            if interrupted() or (deadline is not None and time.monotonic() > deadline):
                raise OutOfTime(f"the model was not built in time (at rule {rule.name})")
            rule.add_to(self)
        log.info("model: %d assignment variables, %d penalties", len(self.x), len(self.penalties))

    # -- variables -----------------------------------------------------------------------

    def on_post(self, post: Post) -> list[tuple[Person, BoolVar]]:
        """The people who could take a post, with their variables."""
        return self._by_post.get(post.idx, [])

    def posts_of(self, person: Person) -> list[tuple[Post, BoolVar]]:
        """The posts a person could take, with their variables, in time order."""
        return self._by_person.get(person.idx, [])

    def slots_of(self, person: Person) -> dict[Slot, list[BoolVar]]:
        """A person's variables grouped by slot (a slot may have several places)."""
        grouped: dict[Slot, list[BoolVar]] = defaultdict(list)
        for post, var in self.posts_of(person):
            grouped[post.slot].append(var)
        return grouped

    def headcount(self, post: Post) -> IntVar | int:
        """How many people take ``post``: one variable for all who ask, so that a sum over
        posts (fairness's totals) can learn from a post held full (``redundant``)."""
        return self._headcount(post.idx)

    @cache  # noqa: B019 - the model lives as long as its caches
    def _headcount(self, post_idx: int) -> IntVar | int:
        on_post = [v for _, v in self._by_post.get(post_idx, [])]
        if len(on_post) <= 1:
            return on_post[0] if on_post else 0
        post = self.index.posts[post_idx]
        name = f"headcount[{post.slot.date},{post.slot.shift.id},{post.place}]"
        count = self.new_int(0, len(on_post), name)
        self.define(count == sum(on_post))
        return count

    def works_on(self, person: Person, day: int) -> Expr:
        """1 when the person starts a duty on ``day`` (a new bool, or 0 if they cannot)."""
        return self._works_on(person.idx, day)

    # Cached by index: a Person does not hash (its limits hold a dict).
    @cache  # noqa: B019 - the model lives as long as its caches
    def _works_on(self, person_idx: int, day: int) -> Expr:
        person = self.index.people[person_idx]
        duties = [v for post, v in self.posts_of(person) if post.slot.day == day]
        return self.any_of(duties, f"works[{person.id},{self.index.dates[day]}]")

    def new_bool(self, name: str) -> BoolVar:
        """A fresh 0/1 variable."""
        return self._cp.new_bool_var(name)

    def new_int(self, lower: int, upper: int, name: str) -> IntVar:
        """A fresh integer variable."""
        return self._cp.new_int_var(lower, upper, name)

    # -- auxiliary variables: definitions, never rules ---------------------------------------
    #
    # These tie a rule's own variables (a flag, a shortfall, a load, a penalty's amount) to
    # the assignments. They hold unconditionally, in diagnose mode too: switching one off
    # would not relax a rule but let a cost or a count float free. A hard rule goes through
    # ``require`` instead.

    def define(self, relation: Relation | bool) -> None:
        """A linear relation that defines or bounds an auxiliary variable (mypy reads some
        comparisons of variables as ``bool``, hence the type)."""
        self._cp.add(relation)

    def implies(self, premise: LiteralT, conclusion: LiteralT) -> None:
        """``premise`` true makes ``conclusion`` true (a flag at least each of its causes)."""
        self._cp.add_implication(premise, conclusion)

    def at_least_one(self, literals: Sequence[LiteralT]) -> None:
        """At least one of ``literals`` is true (a flag set whenever the others are all off)."""
        self._cp.add_bool_or(literals)

    def define_max(self, target: IntVar, exprs: Sequence[Expr]) -> None:
        """``target`` equals the largest of ``exprs`` (for 0/1 ones: their OR)."""
        self._cp.add_max_equality(target, exprs)

    def any_of(self, literals: Sequence[Expr], name: str) -> Expr:
        """1 when any of the 0/1 ``literals`` is: the one literal itself, a new flag
        ``name`` for several, 0 for none."""
        if not literals:
            return 0
        if len(literals) == 1:
            return literals[0]
        flag = self._cp.new_bool_var(name)
        self._cp.add_max_equality(flag, literals)
        return flag

    def raised_by(self, literals: Sequence[BoolVar], name: str) -> BoolVar | None:
        """A literal that is 1 whenever any of ``literals`` is (free to be 1 otherwise: under
        a cap as good as their OR, and lighter): the one literal itself, a new one ``name``
        for several, None for none."""
        if len(literals) <= 1:
            return literals[0] if literals else None
        flag = self._cp.new_bool_var(name)
        for literal in literals:
            self._cp.add_implication(literal, flag)
        return flag

    def comes_after(self, tier: Tier) -> bool:
        """Whether the plan lists a level after the one holding ``tier``: only then can a
        ``redundant`` constraint ``after`` it help (a plan with every tier in one level
        needs none, nor the variables they would add). A later level that turns out to
        have no costs is never solved, so its switch stays off; the Curtois plans, whose
        stability and fairness levels are such, still carry the headcount variables."""
        return tier in self._followed

    def redundant(self, after: Tier, relation: Relation | bool) -> None:
        """A constraint the model already implies, which helps the search once the levels
        up to ``after``'s are held: a post held full fixes its headcount, and through it a
        total. It is switched on for the levels after that one (``switch_on``); before
        them it would only weigh on the presolve and the LP of every level. Ask
        ``comes_after`` before building it."""
        switch = self._switches.get(after)
        if switch is None:
            switch = self._cp.new_bool_var(f"redundant after {after.value}")
            set_domain(self._cp, switch.index, 0, 0)
            self._switches[after] = switch
        self._cp.add(relation).only_enforce_if(switch)

    def switch_on(self, held: Iterable[Tier]) -> None:
        """Switch on the ``redundant`` constraints of the tiers in ``held`` (levels now held),
        hinted on too: the roster hinted meets them, as it meets everything they follow
        from."""
        hint = self._cp.proto.solution_hint
        for tier in set(held) - self._switched_on:
            switch = self._switches.get(tier)
            if switch is None:
                continue
            self._switched_on.add(tier)
            set_domain(self._cp, switch.index, 1, 1)
            # A complete hint (``hint_solution``) lists every variable in order; an
            # incomplete one (assignments only) has no switch to turn on.
            i = switch.index
            if i < len(hint.vars) and hint.vars[i] == i:
                hint.values[i] = 1

    # -- rules talk through these ----------------------------------------------------------

    def require(self, constraint: Relation | bool, rule: str, subject: Subject) -> None:
        """Add a hard constraint of ``rule`` about ``subject`` (a person, a post, ...)."""
        if isinstance(constraint, bool):
            if constraint:
                return
            ct = self._cp.add_bool_or([])  # a constant falsehood still needs its reason
        else:
            ct = self._cp.add(constraint)
        if self.diagnose:
            ct.only_enforce_if(self._assumption(rule, subject))

    def require_at_most_one(self, literals: Sequence[BoolVar], rule: str, subject: Subject) -> None:
        """Hard: at most one of ``literals``."""
        if len(literals) <= 1:
            return
        ct = self._cp.add_at_most_one(literals)
        if self.diagnose:
            ct.only_enforce_if(self._assumption(rule, subject))

    def penalize(self, rule: str, tier: Tier, weight: int, expr: Expr, subject: Subject) -> None:
        """A soft cost ``weight * expr`` in ``tier``."""
        if weight:
            self.penalties.append(Penalty(rule, tier, weight, expr, subject))

    def _assumption(self, rule: str, subject: Subject) -> BoolVar:
        key = (rule, subject)
        if key not in self.assumptions:
            self.assumptions[key] = self._cp.new_bool_var(f"enforce[{rule}:{subject}]")
        return self.assumptions[key]

    # -- objective and rosters -------------------------------------------------------------

    def tier_expr(self, tier: Tier) -> Expr:
        """The cost of one tier."""
        return sum(p.weight * p.expr for p in self.penalties if p.tier == tier)

    def level_expr(self, level: tuple[Tier, ...]) -> Expr:
        """The cost of tiers solved together."""
        return sum(p.weight * p.expr for p in self.penalties if p.tier in level)

    def tiers(self) -> list[Tier]:
        """The tiers that have costs, in the plan's order."""
        used = {p.tier for p in self.penalties}
        return [t for level in self.index.plan.levels for t in level if t in used]

    def levels(self) -> list[tuple[Tier, ...]]:
        """The solving levels that have costs, each with only its used tiers."""
        used = {p.tier for p in self.penalties}
        kept = [tuple(t for t in level if t in used) for level in self.index.plan.levels]
        return [level for level in kept if level]

    def decode(self, value: cp_model.CpSolver | dict[int, int]) -> Roster:
        """The roster in a solution."""
        from roster.plan.index import Duty

        duties = []
        for (p, q), var in self.x.items():
            taken = value[var.index] if isinstance(value, dict) else value.boolean_value(var)
            if taken:
                post = self.index.posts[q]
                duties.append(Duty(p, post.slot, post.place))
        return Roster(
            self.index, tuple(sorted(duties, key=lambda d: (d.slot.start, d.place, d.person)))
        )

    def fix(self, roster: Roster) -> bool:
        """Fix every assignment variable to ``roster``; False if the roster uses a pair the
        model has no variable for (a forbidden one), which makes it infeasible."""
        wanted = {
            (d.person, self.index.post_at[(d.place, d.slot.idx)].idx)
            for d in roster.duties
            if (d.place, d.slot.idx) in self.index.post_at
        }
        if len(wanted) != len(roster.duties) or not wanted <= self.x.keys():
            return False
        for key, var in self.x.items():
            self._cp.add(var == int(key in wanted))
        return True

    def hint(self, roster: Roster, seconds: float = 0.0, *, deterministic: bool = False) -> bool:
        """Suggest ``roster`` as a starting point.

        With ``seconds``, first try to complete the hint (``complete``) and hint every
        variable (window totals, shortfalls, ...), not only the assignments. CP-SAT uses a
        complete, feasible hint as its first solution at once; an incomplete one only
        steers its search. Returns whether the hint is complete; if so, ``start`` holds the
        completed roster's values. ``deterministic``: ``seconds`` of CP-SAT's deterministic
        time, not of the clock (``SolverConfig.deterministic``).
        """
        self._cp.clear_hints()  # type: ignore[no-untyped-call]
        completed = (
            self.complete(roster, seconds, deterministic=deterministic) if seconds > 0 else None
        )
        if completed is not None:
            self.start = completed
            self.hint_solution(completed)  # the copy's variables have the same indices
            return True
        for i, value in self._assignments(roster).items():
            self._cp.add_hint(self._cp.get_int_var_from_proto_index(i), value)
        return False

    def complete(
        self, roster: Roster, seconds: float, *, deterministic: bool = False
    ) -> cp_model.CpSolver | None:
        """Solve a copy of the model with the assignments fixed to ``roster`` and every
        cost at its least, for at most ``seconds`` (of deterministic time if
        ``deterministic``); the solver holds the values (by the model's own variable
        indices), or None if it found none."""
        fixed = self._cp.clone()
        for i, value in self._assignments(roster).items():  # domains: cheaper than constraints
            set_domain(fixed, i, value, value)
        # Each cost at its least for this roster: a shortfall or window excess left above
        # what the roster really costs would make it look worse than it is.
        fixed.minimize(sum(p.weight * p.expr for p in self.penalties))
        solver = cp_model.CpSolver()
        if deterministic:
            solver.parameters.max_deterministic_time = seconds
        else:
            solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = 1
        # With every assignment fixed, propagation does nearly all the work: presolve and
        # the LP cost more than they save (at 500 staff x 28 days: 2 s instead of 12 s,
        # the same least costs; benchmarks/RESULTS.md, "Big plans without areas").
        solver.parameters.cp_model_presolve = False
        solver.parameters.linearization_level = 0
        # Not stopped by Ctrl-C: a cost left above its least would misstate the roster.
        with running(solver, stoppable=False):
            code = solver.solve(fixed)
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return solver
        return None

    def _assignments(self, roster: Roster) -> dict[int, int]:
        """Each assignment variable's index and its value in ``roster``."""
        taken = {(d.person, d.place, d.slot.idx) for d in roster.duties}
        return {
            var.index: int((p, self.index.posts[q].place, self.index.posts[q].slot.idx) in taken)
            for (p, q), var in self.x.items()
        }

    def hint_solution(self, solver: cp_model.CpSolver) -> None:
        """Hint every variable (not only assignments) at ``solver``'s last solution, so the
        hint is complete and CP-SAT starts from that roster at once."""
        self._cp.clear_hints()  # type: ignore[no-untyped-call]
        for i in range(len(self._cp.proto.variables)):
            var = self._cp.get_int_var_from_proto_index(i)
            self._cp.add_hint(var, solver.value(var))


def set_domain(cp: cp_model.CpModel, index: int, low: int, high: int) -> None:
    """Set the domain of variable ``index`` in place (CpModel has no call to loosen one)."""
    domain = cp.proto.variables[index].domain
    domain.clear()
    domain.extend([low, high])


def literals(items: Iterable[tuple[object, BoolVar]]) -> list[BoolVar]:
    """The variables of (thing, variable) pairs."""
    return [v for _, v in items]
