"""A first roster for a Curtois instance, found on its shift classes.

Many shift types of an instance are interchangeable for everything about one person: in
Instance12, ``a1``, ``a2`` and ``a3`` have the same length, may follow and be followed by
the same shifts, and nobody has a limit on one of them other than "never". They differ
only in who may take them and in how many people each needs. Such types form a *class*.

Decide, per person and day, only the class worked (or a day off), and the cover of a
class on a day is a small transport problem: people on the class go to the types they may
take. Its shortfall has an exact linear form (Hall's theorem, as a minimum cut): for every
set ``S`` of the class's types, at least ``need(S) - (people on the class who may take a
type in S)`` stay uncovered, and the shortfall is the largest of these.

That model has half the variables and none of the symmetry between the types of a class
(moving a person from ``a1`` to ``a2`` changes nothing in it), and CP-SAT finds far better
rosters on it: on Instance12 a shortfall of 40-47 people in 30-45 s, against 45-52 on the
full model in 45 s, and a proven bound of 40 (``benchmarks/RESULTS.md``). Its LP is tight,
so once the tree search's bound stands, the shortfall is capped at that bound and a roster
sought under the cap (``_ClassModel.aim``): Instance12's 40 is then found within 4-19 s in
every run measured, where minimising alone ends anywhere from 40 to 45. The class roster is
then made a full one, each class's people placed on types by a second, small solve that
also honours requests, and the engine starts from it as a hint. The engine's own rules
judge the result; this module only proposes.

Between the two, part of the time goes to the requests, still on classes: each day's
shortfall on each class is held at most where the first solve left it, and the requests as
the classes can tell them are minimised (``_ClassModel.requests``). The engine's own solve,
which works on every type at once, meets fewer of them in the same time
(``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from roster.bench.curtois_instance import Assignment, Employee, Instance
from roster.engine.model import set_domain
from roster.engine.search import StopWhen

WEEKEND = (5, 6)
"""Saturday and Sunday of a week that starts on Monday (day 0 of every instance)."""

BOUND_STANDS = 0.05
"""The shortfall solve's tree search stops when its bound has not risen for this part of
its time (2 s of Instance12's 42): its bound then is the shortfall the aim stage seeks
(Instance12: 3 900 at 5.6-7.6 s, 4 000, the optimum, 0.7-0.9 s later)."""

AIM_SUBSOLVER = "quick_restart"
"""The full-problem worker of the aim stage (``_ClassModel.aim``): it found Instance10's
4 600 within 0.2-2 s of aiming in three runs of three, ``pseudo_costs`` in three of four
(2.6-5 s), ``default_lp`` in 1.7-3 s; Instance12's 4 000 within 4-19 s
(``benchmarks/RESULTS.md``)."""

MEET_REQUESTS = 0.22
"""The part of the class start's time spent on requests, each day's shortfall on each class
held (Instance12: 12 s after 42 s on the shortfall; measured in ``benchmarks/RESULTS.md``)."""


def shift_classes(instance: Instance) -> list[tuple[str, ...]]:
    """The instance's shift types grouped into classes of interchangeable types, in file
    order: the same length, the same forbidden successions both ways, and no limit on the
    number of shifts of the type other than 0 or the whole horizon (a real limit is the
    type's own business, so such a type is a class of its own)."""
    ids = [s.id for s in instance.shifts]
    forbidden = _forbidden(instance)

    def limited(shift: str) -> bool:
        return any(0 < _most(e, shift, instance.horizon) < instance.horizon for e in instance.staff)

    groups: dict[object, list[str]] = {}
    for s in instance.shifts:
        key = (
            s.minutes,
            tuple((s.id, t) in forbidden for t in ids),
            tuple((t, s.id) in forbidden for t in ids),
            s.id if limited(s.id) else "",
        )
        groups.setdefault(key, []).append(s.id)
    return [tuple(group) for group in groups.values()]


def _forbidden(instance: Instance) -> set[tuple[str, str]]:
    """The forbidden successions (shift, next day's shift)."""
    return {(s.id, nxt) for s in instance.shifts for nxt in s.forbidden_next}


def _open_types(
    e: Employee, cls: Sequence[str], day: int, need: Container[tuple[int, str]], horizon: int
) -> list[str]:
    """The types of a class the employee may take on ``day``: not limited to "never", and
    with a cover row (the engine has posts only where the instance states a need)."""
    return [s for s in cls if _most(e, s, horizon) > 0 and (day, s) in need]


def _most(e: Employee, shift: str, horizon: int) -> int:
    """The most shifts of a type the employee may work; a type the row leaves out has no
    limit, as in the engine (``max_shifts_of_type``)."""
    return e.max_shifts.get(shift, horizon)


@dataclass(frozen=True)
class ClassStart:
    """The class roster's outcome: the full roster made from it, and the class solve's
    status, shortfall cost (weighted as in the instance) and proven lower bound of it."""

    assignment: Assignment
    status: str
    cost: int
    bound: int


def class_start(
    instance: Instance,
    seconds: float,
    *,
    workers: int = 2,
    seed: int = 0,
    requests_share: float = MEET_REQUESTS,
) -> ClassStart | None:
    """Solve the instance on its shift classes for at most ``seconds`` and return a full
    roster made from the best class roster found: first the shortfall, sought at its
    bound once that stands (``_ClassModel.aim``), then, for ``requests_share`` of the
    time, the requests with each day's shortfall on each class held. None if no roster
    was found in time, or if no class has two types and no roster at the bound was found:
    such a class model is the instance's own without its requests, worth a start only at
    its optimum (Instances 7 and 10: 1 000 and 4 600 in 1-12 s, which the engine's warm-up
    finds late or not at all; Instance8: not found, and minimised it reached 1 400 in 36 s
    where the warm-up finds 1 200 in about half the runs)."""
    classes = shift_classes(instance)
    alone = all(len(cls) == 1 for cls in classes)
    model = _ClassModel(instance, classes)
    # The full-problem worker runs the LP-guided tree search: rosters as good as with the
    # LP of every constraint (max_lp) within the noise (Instance12, 36-40 s: 4 100-4 500
    # against 4 000-4 300), and a proven bound, 4 000, where max_lp proves none
    # (benchmarks/RESULTS.md). It stops once that bound stands still: from then on the
    # time goes to aiming at it (``_ClassModel.aim``).
    started = time.monotonic()
    shortfall_time = seconds * (1 - requests_share)
    solver = _solver(shortfall_time, workers, seed, "lb_tree_search")
    stands = _BoundStands(solver, shortfall_time * BOUND_STANDS)
    with StopWhen(solver, stands, every=0.1):
        code = solver.solve(model.cp, stands)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    worked = model.worked(solver)
    status, cost, bound = (
        solver.status_name(code),
        round(solver.objective_value),
        round(solver.best_objective_bound),
    )
    if code == cp_model.FEASIBLE:
        left = shortfall_time - (time.monotonic() - started)
        aimed = model.aim(worked, bound, left, workers=workers, seed=seed)
        if aimed is not None:
            worked, cost = aimed
            bound, status = cost, "OPTIMAL"
        elif alone:
            return None
    if requests_share > 0:
        # All the time left: a shortfall proven optimal early leaves more for the requests.
        left = seconds - (time.monotonic() - started)
        worked = model.meet_requests(worked, _solver(left, workers, seed))
        # The requests' solve holds each shortfall at most where it was, so it may lower
        # one: the cost reported is the final roster's, never the first solve's.
        cost = model.shortfall_cost(worked)
        if cost == bound:
            status = "OPTIMAL"
    return ClassStart(
        assignment=place_on_types(instance, model.classes, worked, workers=workers, seed=seed),
        status=status,
        cost=cost,
        bound=bound,
    )


class _BoundStands(cp_model.CpSolverSolutionCallback):
    """Whether a solve has a roster and its bound, having risen above the first one
    reported (the presolve's), has not risen again for ``seconds`` (CP-SAT reports bounds
    and rosters only when they change). The first rise comes when the LP at the root is
    solved (Instance12: 5.6-7.6 s, rosters from 2.7 s)."""

    def __init__(self, solver: cp_model.CpSolver, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.found = False
        self.first: float | None = None  # the first bound reported
        self.risen: float | None = None  # when the bound last rose above it
        solver.best_bound_callback = self._bound

    def on_solution_callback(self) -> None:
        self.found = True

    def _bound(self, bound: float) -> None:
        if self.first is None:
            self.first = bound
        elif bound > self.first:
            self.risen = time.monotonic()

    def __call__(self) -> bool:
        risen = self.risen
        return self.found and risen is not None and time.monotonic() - risen > self.seconds


class _StopAtFirst(cp_model.CpSolverSolutionCallback):
    """Stops a solve at its first roster (aimed at a proven bound, it is optimal)."""

    def on_solution_callback(self) -> None:
        self.stop_search()


def _solver(seconds: float, workers: int, seed: int, *subsolvers: str) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.subsolvers.extend(subsolvers)
    return solver


class _ClassModel:
    """The instance's hard constraints and cover costs with one variable per person, day
    and class (``works``)."""

    def __init__(self, instance: Instance, classes: Sequence[tuple[str, ...]]) -> None:
        self.instance, self.classes = instance, list(classes)
        self.staff = {e.id: e for e in instance.staff}
        self.cp = cp_model.CpModel()
        horizon = instance.horizon
        self.need = {(c.day, c.shift): c.requirement for c in instance.cover}
        minutes = {s.id: s.minutes for s in instance.shifts}
        self.forbidden = _forbidden(instance)
        self.works: dict[tuple[str, int, int], cp_model.IntVar] = {}
        self.short: dict[tuple[int, int], cp_model.IntVar] = {}  # per day and class
        for e in instance.staff:
            off = set(instance.days_off.get(e.id, ()))
            for day in range(horizon):
                for k in range(len(self.classes)):
                    if day not in off and self._types(e, day, k):
                        self.works[e.id, day, k] = self.cp.new_bool_var(f"{e.id},{day},{k}")
        for e in instance.staff:
            self._employee(e, minutes)
        self._cover()

    def _types(self, e: Employee, day: int, k: int) -> list[str]:
        """The types of class ``k`` the employee may take on ``day``."""
        return _open_types(e, self.classes[k], day, self.need, self.instance.horizon)

    def _day(self, e: Employee, day: int) -> list[tuple[int, cp_model.IntVar]]:
        return [
            (k, self.works[e.id, day, k])
            for k in range(len(self.classes))
            if (e.id, day, k) in self.works
        ]

    def _employee(self, e: Employee, minutes: dict[str, int]) -> None:
        cp, horizon = self.cp, self.instance.horizon
        days = [self._day(e, day) for day in range(horizon)]
        worked: list[cp_model.LinearExprT] = [sum(var for _, var in on) for on in days]
        for on in days:
            if len(on) > 1:
                cp.add_at_most_one(var for _, var in on)
        for k, cls in enumerate(self.classes):
            most = _most(e, cls[0], horizon)
            if len(cls) == 1 and most < horizon:
                cp.add(sum(var for on in days for j, var in on if j == k) <= most)
        total = sum(minutes[self.classes[k][0]] * var for on in days for k, var in on)
        cp.add(total <= e.max_total_minutes)
        cp.add(total >= e.min_total_minutes)
        longest = e.max_consecutive_shifts
        for first in range(horizon - longest):
            cp.add(sum(worked[first : first + longest + 1]) <= longest)
        # Minimum stretches, closed on both sides inside the horizon (the format's rule):
        # never "border, first day in the state, border again" within the minimum.
        for state, minimum in ((1, e.min_consecutive_shifts), (0, e.min_consecutive_days_off)):
            for start in range(1, horizon - 1):
                for ahead in range(start + 1, min(start + minimum, horizon)):
                    pattern = ((start - 1, 1 - state), (start, state), (ahead, 1 - state))
                    wrong = [worked[d] if want == 0 else 1 - worked[d] for d, want in pattern]
                    cp.add(sum(wrong) >= 1)
        weekends = []
        for saturday in range(WEEKEND[0], horizon, 7):
            weekend = cp.new_bool_var(f"{e.id} weekend {saturday}")
            for d in (saturday, saturday + 1):
                if d < horizon:
                    cp.add(weekend >= worked[d])
            weekends.append(weekend)
        cp.add(sum(weekends) <= e.max_weekends)
        for day in range(horizon - 1):
            for k, today in days[day]:
                for j, tomorrow in days[day + 1]:
                    if (self.classes[k][0], self.classes[j][0]) in self.forbidden:
                        cp.add_bool_or([~today, ~tomorrow])

    def _cover(self) -> None:
        """The shortfall per day and class by Hall's cuts, the one cost minimised.

        Over-cover follows from the classes exactly too (everyone on a class who fills no
        need is over), but with it in the objective CP-SAT found far worse rosters
        (Instance12: 6 602 against 4 100-4 200 in 36 s); the engine's solve minimises it
        with the requests afterwards."""
        instance, cp = self.instance, self.cp
        under = max((c.weight_under for c in instance.cover), default=0)
        on: dict[tuple[int, int], list[tuple[set[str], cp_model.IntVar]]] = defaultdict(list)
        for (who, day, k), var in self.works.items():
            on[day, k].append((set(self._types(self.staff[who], day, k)), var))
        costs = []
        for day in range(instance.horizon):
            for k, cls in enumerate(self.classes):
                need = {s: self.need[day, s] for s in cls if (day, s) in self.need}
                if not need:
                    continue
                short = cp.new_int_var(0, sum(need.values()), f"short {day},{k}")
                self.short[day, k] = short
                for types, wanted in _type_sets(need):
                    able = [var for may, var in on[day, k] if may & types]
                    if wanted:
                        cp.add(short >= wanted - sum(able))
                costs.append(under * short)
        self.cost = sum(costs)
        self.step = under  # the cost moves in whole people
        cp.minimize(self.cost)

    def aim(
        self,
        worked: Sequence[tuple[str, int, int]],
        bound: int,
        seconds: float,
        *,
        workers: int,
        seed: int,
    ) -> tuple[list[tuple[str, int, int]], int] | None:
        """Seek a class roster whose shortfall costs no more than the proven ``bound``,
        from ``worked`` as a hint, for at most ``seconds``: the cost capped at the bound,
        raised a step whenever CP-SAT proves the cap unreachable. Return the roster and its
        cost, optimal, or None if none was found in time.

        The LP of the class model is tight (Instance12: 4 000, the optimum) but CP-SAT's
        search, left to minimise, ends anywhere from 4 000 to 4 500 in 42 s; with the cost
        capped at the bound, CP-SAT finds a 4 000 roster within 4-19 s of aiming in every
        run measured (benchmarks/RESULTS.md)."""
        started = time.monotonic()
        self._hint(worked)
        target = bound
        while (left := seconds - (time.monotonic() - started)) > 0.05:
            capped = self.cp.new_bool_var(f"cost at most {target}")
            self.cp.add(self.cost <= target).only_enforce_if(capped)
            set_domain(self.cp, capped.index, 1, 1)
            solver = _solver(left, workers, seed, AIM_SUBSOLVER)
            code = solver.solve(self.cp, _StopAtFirst())
            if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return self.worked(solver), round(solver.value(self.cost))
            set_domain(self.cp, capped.index, 0, 0)  # the cap no longer applies
            if code != cp_model.INFEASIBLE:
                return None
            target += self.step
        return None

    def requests(self) -> cp_model.LinearExprT:
        """The requests' cost as far as classes tell it: an on-request is met when the
        person works its class that day (placing then gives the very type where it can); an
        off-request is broken only when its type is the only one of its class the person
        may take that day."""
        class_of = {s: k for k, cls in enumerate(self.classes) for s in cls}
        costs: list[cp_model.LinearExprT] = []
        for r in self.instance.on_requests:
            works = self.works.get((r.staff, r.day, class_of[r.shift]))
            costs.append(r.weight if works is None else r.weight * (1 - works))
        for r in self.instance.off_requests:
            k = class_of[r.shift]
            works = self.works.get((r.staff, r.day, k))
            if works is not None and self._types(self.staff[r.staff], r.day, k) == [r.shift]:
                costs.append(r.weight * works)
        return sum(costs)

    def meet_requests(
        self, worked: Sequence[tuple[str, int, int]], solver: cp_model.CpSolver
    ) -> list[tuple[str, int, int]]:
        """From the class roster ``worked``, minimise the requests' cost with each day's
        shortfall on each class held at most where it is (the first solve's objective is
        replaced, so do this last). Held per day and class, not in total: the search then
        keeps to moves that cover the same, and on Instance12 ended 12-32 lower than the
        engine's own solve from the same start (benchmarks/RESULTS.md)."""
        able = self._able(worked)
        for (day, k), short in self.short.items():
            self.cp.add(short <= self._shortfall(able[day, k], day, k))
        self._hint(worked)
        self.cp.minimize(self.requests())
        code = solver.solve(self.cp)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return list(worked)
        return self.worked(solver)

    def shortfall_cost(self, worked: Iterable[tuple[str, int, int]]) -> int:
        """The shortfall cost of the class roster ``worked``, by the same Hall's cuts as
        the model's."""
        able = self._able(worked)
        return self.step * sum(self._shortfall(able[day, k], day, k) for day, k in self.short)

    def _able(
        self, worked: Iterable[tuple[str, int, int]]
    ) -> dict[tuple[int, int], list[set[str]]]:
        """Per day and class of ``worked``, the types each person on it may take."""
        able: dict[tuple[int, int], list[set[str]]] = defaultdict(list)
        for who, day, k in worked:
            able[day, k].append(set(self._types(self.staff[who], day, k)))
        return able

    def worked(self, solver: cp_model.CpSolver) -> list[tuple[str, int, int]]:
        """The (person, day, class) worked in ``solver``'s roster."""
        return [key for key, var in self.works.items() if solver.value(var)]

    def _hint(self, worked: Iterable[tuple[str, int, int]]) -> None:
        """Hint the class roster ``worked``, and nothing else."""
        chosen = set(worked)
        self.cp.clear_hints()  # type: ignore[no-untyped-call]
        for key, var in self.works.items():
            self.cp.add_hint(var, key in chosen)

    def _shortfall(self, able: Sequence[set[str]], day: int, k: int) -> int:
        """The people short on class ``k`` on ``day`` by Hall's cuts, when the people on it
        may take the types in ``able``, one set each."""
        need = {s: self.need[day, s] for s in self.classes[k] if (day, s) in self.need}
        cuts = [
            wanted - sum(bool(may & types) for may in able) for types, wanted in _type_sets(need)
        ]
        return max([0, *cuts])


def _type_sets(need: dict[str, int]) -> list[tuple[set[str], int]]:
    """Every non-empty set of a class's types with a need that day, and that need in all:
    Hall's cuts run over these."""
    return [
        (set(types), sum(need[s] for s in types))
        for size in range(1, len(need) + 1)
        for types in itertools.combinations(need, size)
    ]


def place_on_types(
    instance: Instance,
    classes: Sequence[tuple[str, ...]],
    worked: Iterable[tuple[str, int, int]],
    *,
    workers: int = 2,
    seed: int = 0,
) -> Assignment:
    """Each person's class on a day made a shift type they may take: cover first, then
    requests (a small solve; with the classes fixed, the days are independent)."""
    cp = cp_model.CpModel()
    need = {(c.day, c.shift): c for c in instance.cover}
    staff = {e.id: e for e in instance.staff}
    on: dict[tuple[str, int], list[tuple[str, cp_model.IntVar]]] = defaultdict(list)
    taking: dict[tuple[int, str], list[cp_model.IntVar]] = defaultdict(list)
    for who, day, k in worked:
        for s in _open_types(staff[who], classes[k], day, need, instance.horizon):
            var = cp.new_bool_var(f"{who},{day},{s}")
            on[who, day].append((s, var))
            taking[day, s].append(var)
        cp.add_exactly_one(var for _, var in on[who, day])
    costs: list[cp_model.LinearExprT] = []
    for (day, s), c in need.items():
        n = sum(taking.get((day, s), []))
        short = cp.new_int_var(0, c.requirement, f"short {day},{s}")
        cp.add(short >= c.requirement - n)
        extra = cp.new_int_var(0, len(instance.staff), f"over {day},{s}")
        cp.add(extra >= n - c.requirement)
        costs += [c.weight_under * short, c.weight_over * extra]
    for r in instance.on_requests:
        chosen = [var for s, var in on.get((r.staff, r.day), []) if s == r.shift]
        costs.append(r.weight * (1 - sum(chosen)))
    for r in instance.off_requests:
        costs += [r.weight * var for s, var in on.get((r.staff, r.day), []) if s == r.shift]
    cp.minimize(sum(costs))
    solver = _solver(10.0, workers, seed)  # proven in well under a second
    solver.solve(cp)
    return {
        (who, day): s
        for (who, day), choices in on.items()
        for s, var in choices
        if solver.value(var)
    }
