"""``roster cover``: who can take the duties a person leaves, on tiny plans whose answers are
worked out by hand, judged with the rules' own ``violations``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

from constraints import all_rules
from roster.bench.generate import write_plan as write_plan_folder
from roster.check.cover import Candidate, Covered, DutyCover, cover
from roster.check.violations import check, hard_violations, one_finding_per_fault
from roster.check.why import violation_key
from roster.cli.app import app
from roster.io import load_plan
from roster.io.roster_file import ROSTER_HEADER, roster_rows
from roster.plan.index import Duty, PlanIndex
from roster.plan.model import Compound, Demand, Limits, Request, Staff, Tier
from roster.report.cover import cover_json, cover_lines
from roster.roster import Roster
from tests.helpers import roster_of
from tests.plan_files import write_plan
from tests.plans import DAY, MONDAY, any_roster, limited, people, rich_plan, tiny_plan

RULES = all_rules()


def _direct() -> tuple[Roster, list[DutyCover]]:
    """One day, day and night watch at A. s1 (day) falls ill; s2 is on the night (no rest
    between a day to 20:00 and a night from 20:00); s4 may work 8 h a week (a day is 12 h);
    s3 and s5 are free, but s5 wished the day off."""
    plan = tiny_plan(
        staff=(*people(3), limited("s4", max_hours_per_week=8), Staff(id="s5", name="Person 5")),
        rules=Limits(min_rest_hours=10),
        requests=(Request(staff="s5", date=MONDAY, kind="off"),),
    )
    roster = roster_of(PlanIndex(plan), [("s1", 0, "D", "A"), ("s2", 0, "N", "A")])
    ill = roster.index.person_by_id["s1"]
    return roster, cover(roster, RULES, ill, 0, 0)


def _swap_plan(*, with_s3: bool = True) -> tuple[Roster, list[DutyCover]]:
    """Day watch at A (needs a leader) and B. s1 (leader, at A) falls ill; s2, the only other
    leader, is at B at the same time; s3 (no skill) can only take B."""
    staff = (
        Staff(id="s1", name="Person 1", skills=("lead",)),
        Staff(id="s2", name="Person 2", skills=("lead",)),
        *((Staff(id="s3", name="Person 3"),) if with_s3 else ()),
    )
    plan = tiny_plan(
        staff=staff,
        shifts=(DAY,),
        compounds=(Compound(id="A", name="A小区"), Compound(id="B", name="B小区")),
        demand=(
            Demand(place="A", shift="D", min=1, skill="lead", priority="critical"),
            Demand(place="B", shift="D", min=1, priority="critical"),
        ),
    )
    roster = roster_of(PlanIndex(plan), [("s1", 0, "D", "A"), ("s2", 0, "D", "B")])
    return roster, cover(roster, RULES, roster.index.person_by_id["s1"], 0, 0)


def _applied(roster: Roster, duty: DutyCover, candidate: Candidate) -> Roster:
    """The roster without the ill person's duty, with the candidate's change."""
    kept = [d for d in roster.duties if d != duty.duty]
    added = [Duty(candidate.person.idx, duty.duty.slot, duty.duty.place)]
    if candidate.swap is not None:
        moved, other = candidate.swap
        kept.remove(moved)
        added.append(Duty(other.idx, moved.slot, moved.place))
    return Roster(roster.index, (*kept, *added))


def test_direct_candidates_and_who_is_stopped_by_what() -> None:
    roster, (found,) = _direct()
    assert found.covered is Covered.DIRECT
    assert [c.person.id for c in found.candidates] == ["s3", "s5"]  # s5 loses a wish
    assert found.candidates[1].cost[Tier.PREFERENCES] > found.candidates[0].cost[Tier.PREFERENCES]
    # The critical hole closes either way (its weight is the plan's, not 1).
    assert {c.cost[Tier.CRITICAL] for c in found.candidates} == {
        found.candidates[0].cost[Tier.CRITICAL]
    }
    assert found.candidates[0].cost[Tier.CRITICAL] < 0
    assert {b.person.id: b.rule for b in found.stopped} == {"s2": "min_rest", "s4": "weekly_hours"}
    _assert_stopped_break_their_rule(roster, found)


def _assert_stopped_break_their_rule(roster: Roster, found: DutyCover) -> None:
    """Each person stopped, put on the duty, breaks the named rule (by its ``violations``)
    or is forbidden it by that rule (its ``forbids``)."""
    rules = {rule.name: rule for rule in RULES}
    base = [d for d in roster.duties if d != found.duty]
    for blocker in found.stopped:
        rule = rules[str(blocker.rule)]
        if rule.forbids(roster.index, blocker.person, found.post) is not None:
            continue
        duty = Duty(blocker.person.idx, found.duty.slot, found.duty.place)
        broken = [v for v in rule.violations(Roster(roster.index, (*base, duty))) if v.hard]
        assert any(blocker.person.id in v.staff for v in broken), blocker


@pytest.mark.parametrize("make", [_direct, _swap_plan])
def test_every_candidate_keeps_every_hard_rule_and_costs_rise(make: object) -> None:
    roster, found = make()  # type: ignore[operator]
    for duty in found:
        assert duty.candidates
        for candidate in duty.candidates:
            assert hard_violations(check(_applied(roster, duty, candidate), RULES)) == []
        ranks = [c.rank for c in duty.candidates]
        assert ranks == sorted(ranks)
        _assert_stopped_break_their_rule(roster, duty)


def test_a_swap_when_nobody_can_step_in() -> None:
    _, (found,) = _swap_plan()
    assert found.covered is Covered.SWAP
    (swap,) = found.candidates
    assert swap.person.id == "s2"
    assert swap.swap is not None
    moved, other = swap.swap
    assert (other.id, moved.place) == ("s3", "B")
    # s3 lacks the skill: not qualified, so not listed as stopped.
    assert [(b.person.id, b.rule) for b in found.stopped] == [("s2", "one_place")]


def test_a_duty_nobody_can_take_is_said() -> None:
    roster, (found,) = _swap_plan(with_s3=False)
    assert found.covered is Covered.NOBODY
    assert found.candidates == []
    en = "\n".join(cover_lines(roster.index, roster.index.people[0], MONDAY, MONDAY, [found], "en"))
    zh = "\n".join(cover_lines(roster.index, roster.index.people[0], MONDAY, MONDAY, [found], "zh"))
    assert "NOBODY can take it: a critical hole" in en
    assert "无人可顶：留下关键岗位空缺" in zh


def test_terminal_text_in_both_languages() -> None:
    roster, found = _direct()
    ill = roster.index.person_by_id["s1"]
    en = "\n".join(cover_lines(roster.index, ill, MONDAY, MONDAY, found, "en"))
    zh = "\n".join(cover_lines(roster.index, ill, MONDAY, MONDAY, found, "zh"))
    assert "Person 1 (s1) leaves 1 duty" in en
    assert "covered directly (2 candidates shown)" in en
    assert "+12 h, 12 h in the week from 2 Mar" in en
    assert "Cannot take it:" in en
    assert "可直接顶班（列出 2 人）" in zh
    assert "+12 小时，3月2日起一周共 12 小时" in zh
    assert "不能顶班" in zh


def test_json_shape() -> None:
    roster, found = _swap_plan()
    body = json.loads(json.dumps(cover_json(roster.index, found, "en")))
    (duty,) = body["duties"]
    assert {k: duty[k] for k in ("post", "date", "shift", "covered")} == {
        "post": "A",
        "date": "2026-03-02",
        "shift": "D",
        "covered": "swap",
    }
    (candidate,) = duty["candidates"]
    assert candidate["staff"] == "s2"
    assert candidate["swap"] == {"staff": "s3", "post": "B", "date": "2026-03-02", "shift": "D"}
    assert set(candidate["cost"]) == {
        "critical",
        "high",
        "stability",
        "coverage",
        "fairness",
        "preferences",
    }
    assert all(isinstance(r, str) for r in candidate["reasons"])
    assert duty["stopped"] == [
        {"staff": "s2", "rule": "one_place", "reason": duty["stopped"][0]["reason"]}
    ]


# -- the command ------------------------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    """The small plan of tests/plan_files.py and a roster typed by hand for it."""
    folder = write_plan(tmp_path / "plan")
    index = PlanIndex(load_plan(folder))
    roster = roster_of(
        index,
        [
            ("a1", 0, "D", "A"),
            ("a4", 0, "D", "B"),
            ("a3", 0, "N", "B"),
            ("a2", 1, "D", "A"),
            ("a4", 1, "D", "B"),
            ("a1", 2, "D", "A"),
            ("a2", 2, "D", "B"),
            ("a4", 2, "D", "shopping"),
            ("a3", 2, "N", "B"),
        ],
    )
    lines = [",".join(ROSTER_HEADER), *(",".join(row) for row in roster_rows(roster))]
    (tmp_path / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder, tmp_path / "roster.csv"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_command_answers_without_private_reasons_or_writing(
    small: tuple[Path, Path], lang: str
) -> None:
    folder, roster = small
    before = sorted(p.name for p in roster.parent.rglob("*"))
    args = ["cover", str(folder), str(roster), "--staff", "a4", "--from", "2026-03-02"]
    for extra in ([], ["--json"]):
        result = CliRunner().invoke(app, [*args, *extra, "--lang", lang])
        assert result.exit_code == 0, result.output
        for private in ("checkup", "dentist", "pregnant"):
            assert private not in result.output
    body = json.loads(result.output)
    assert [(d["date"], d["post"]) for d in body["duties"]] == [
        ("2026-03-02", "B"),
        ("2026-03-03", "B"),
        ("2026-03-04", "shopping"),
    ]
    assert sorted(p.name for p in roster.parent.rglob("*")) == before


def test_bad_input_lists_every_problem(small: tuple[Path, Path]) -> None:
    folder, roster = small
    args = ["cover", str(folder), str(roster), "--staff", "zz", "--from", "2026-04-01"]
    result = CliRunner().invoke(app, [*args, "--to", "someday", "--lang", "en"])
    assert result.exit_code == 2
    assert "--staff" in result.output
    assert '"zz"' in result.output
    assert "--from" in result.output
    assert "--to" in result.output
    assert "Traceback" not in result.output
    missing = ["cover", str(folder), str(roster.parent / "none.csv"), "--staff", "a4"]
    result = CliRunner().invoke(app, [*missing, "--from", "2026-03-02"])
    assert result.exit_code == 2


# -- any roster of a plan in which every rule can bite -----------------------------------

RICH = PlanIndex(rich_plan())


@settings(max_examples=15, deadline=None)
@given(any_roster(RICH))
def test_on_any_roster_candidates_add_no_hard_finding_and_stops_are_real(roster: Roster) -> None:
    """Whatever the roster (hard rules broken already or not), a candidate's change adds no
    hard finding to the roster without the ill person's duties, and the rule named for each
    person stopped finds something new when they are put on the duty."""
    busiest = max(RICH.people, key=lambda p: len(roster.by_person.get(p.idx, [])))
    found = cover(roster, RULES, busiest, 0, RICH.days - 1)
    leaving = {d.duty for d in found}
    base = Roster(RICH, tuple(d for d in roster.duties if d not in leaving))
    rules = {rule.name: rule for rule in RULES}

    def hard(r: Roster, named: str | None = None) -> set[tuple[object, ...]]:
        chosen = [rules[named]] if named else RULES
        return {violation_key(v) for v in one_finding_per_fault(check(r, chosen)) if v.hard}

    before = hard(base)
    for duty in found:
        for candidate in duty.candidates:
            changed = _applied(Roster(RICH, (*base.duties, duty.duty)), duty, candidate)
            assert hard(changed) <= before
        ranks = [c.rank for c in duty.candidates]
        assert ranks == sorted(ranks)
        for blocker in duty.stopped:
            rule = rules[str(blocker.rule)]
            if rule.forbids(RICH, blocker.person, duty.post) is not None:
                continue
            put = Duty(blocker.person.idx, duty.duty.slot, duty.duty.place)
            named = str(blocker.rule)
            assert hard(Roster(RICH, (*base.duties, put)), named) - hard(base, named), blocker


# -- applying a choice: roster reschedule --assign ----------------------------------------


def test_reschedule_pins_a_choice_from_cover(tmp_path: Path) -> None:
    """s1 falls ill on the day watch; cover names s3; reschedule --assign pins s3 there."""
    plan = tiny_plan(staff=people(3), rules=Limits(min_rest_hours=10))
    folder = tmp_path / "plan"
    write_plan_folder(plan, folder)
    roster = roster_of(PlanIndex(plan), [("s1", 0, "D", "A"), ("s2", 0, "N", "A")])
    lines = [",".join(ROSTER_HEADER), *(",".join(row) for row in roster_rows(roster))]
    published = tmp_path / "roster.csv"
    published.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["cover", str(folder), str(published), "--staff", "s1", "--from", "2026-03-02"]
    body = json.loads(CliRunner().invoke(app, [*args, "--json"]).output)
    (duty,) = body["duties"]
    assert [c["staff"] for c in duty["candidates"]] == ["s3"]
    choice = f"s3={duty['post']}@{duty['date']}/{duty['shift']}"
    out = tmp_path / "repaired"
    repair = ["reschedule", str(folder), str(published), "--absent", "s1", "--from", "2026-03-02"]
    result = CliRunner().invoke(
        app, [*repair, "--assign", choice, "--out", str(out), "--time-limit", "5", "--seed", "1"]
    )
    assert result.exit_code == 0, result.output
    rows = (out / "roster.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(r.startswith("2026-03-02,D,") and ",A,s3," in r for r in rows)


def test_reschedule_assign_bad_input(small: tuple[Path, Path], tmp_path: Path) -> None:
    folder, roster = small
    repair = ["reschedule", str(folder), str(roster), "--absent", "a4", "--from", "2026-03-03"]
    bad = ["--assign", "zz=B@2026-03-03/D", "--assign", "a1=B", "--assign", "a1=Q@2026-03-03/X"]
    result = CliRunner().invoke(app, [*repair, *bad, "--out", str(tmp_path / "x"), "--lang", "en"])
    assert result.exit_code == 2
    assert '"zz"' in result.output
    assert "STAFF=POST@DATE/SHIFT" in result.output
    assert '"Q"' in result.output
    assert '"X"' in result.output
    assert not (tmp_path / "x").exists()
