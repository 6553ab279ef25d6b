"""Before solving, ``roster validate`` warns about each person who can fill no post and each
critical demand nobody can meet, with the limits, skills and absences that rule them out
(issue 24, item 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from constraints import all_rules
from roster.check.usable import plan_warnings, warning_lines
from roster.cli.app import app
from roster.io import load_plan
from roster.plan.index import PlanIndex
from roster.plan.model import Demand, Limits, Priority, Staff
from roster.plan.summary import PlanWarnings
from roster.text.i18n import Lang
from tests.plan_files import appended, edited, write_plan
from tests.plans import MONDAY, compounds, limited, shift, tiny_plan

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nanchang-road"

AM = shift("AM", "08:00", "14:00")
PM = shift("PM", "14:00", "20:00")
NIGHT = shift("N", "20:00", "08:00", night=True)


def _warnings(**plan: Any) -> PlanWarnings:
    """The warnings of a tiny plan under every rule."""
    return plan_warnings(PlanIndex(tiny_plan(**plan)), all_rules())


def _ruled_out(warnings: PlanWarnings, lang: Lang = "en") -> dict[str, dict[str, set[str]]]:
    """Each warned person's kinds of post ("AM at gates") and what rules each out."""
    return {
        person.name: {
            f"{kind.shift} at {kind.errand or 'gates'}": {
                reason.render(lang) for reason in kind.reasons
            }
            for kind in person.ruled_out
        }
        for person in warnings.people
    }


def critical(place: str, shift_id: str, skill: str | None = None) -> Demand:
    """A critical demand row for one person every day."""
    return Demand(place=place, shift=shift_id, min=1, skill=skill, priority=Priority.CRITICAL)


def test_a_person_no_post_is_left_for_is_warned_about_with_the_limits_that_rule_each_out() -> None:
    """s3 takes no nights, must be home by 12:00 (before any shift ends) and is no duty
    leader, whom the morning post needs: every post is ruled out, each by what the rules
    say. s1 and s2 can fill posts and are not named."""
    warnings = _warnings(
        staff=(
            limited("s1", skills=("lead",)),
            limited("s2", skills=("lead",)),
            limited("s3", no_nights=True, latest_end="12:00"),
        ),
        days=2,
        shifts=(AM, PM, NIGHT),
        demand=(critical("A", "AM", "lead"), critical("A", "PM"), critical("A", "N")),
    )
    assert _ruled_out(warnings) == {
        "Person s3": {
            "AM at gates": {"cannot lead", "home by 12:00"},
            "PM at gates": {"home by 12:00"},
            "N at gates": {"no nights", "home by 12:00"},
        }
    }
    assert warnings.demands == ()
    chinese = _ruled_out(warnings, "zh")["Person s3"]
    assert chinese["N at gates"] == {"不上夜班", "须在12:00前下班"}


def test_a_place_only_a_skill_can_fill_is_no_use_to_those_without_it() -> None:
    """A morning post of one whose demand asks for a duty leader is open to all (a plain row
    too), yet someone who is not one would leave the leader short: with nights and
    afternoons ruled out, s2 is of no use, and is told so."""
    warnings = _warnings(
        staff=(limited("s1", skills=("lead",)), limited("s2", no_nights=True, latest_end="14:00")),
        shifts=(AM, PM, NIGHT),
        demand=(
            critical("A", "AM"),
            Demand(place="A", shift="AM", min=1, skill="lead", priority=Priority.HIGH),
            critical("A", "PM"),
            critical("A", "N"),
        ),
    )
    assert _ruled_out(warnings) == {
        "Person s2": {
            "AM at gates": {"cannot lead, which every place there needs"},
            "PM at gates": {"home by 14:00"},
            "N at gates": {"no nights", "home by 14:00"},
        }
    }


def test_critical_demand_with_a_skill_nobody_has_is_warned_about() -> None:
    """A critical driving errand, and nobody drives: every day short, each person kept away
    by the skill."""
    warnings = _warnings(
        staff=(limited("s1", skills=("lead",)), limited("s2")),
        days=2,
        shifts=(AM,),
        demand=(critical("A", "AM"), critical("driving", "AM", "drive")),
    )
    (unmet,) = warnings.demands
    assert (unmet.demand.place, unmet.demand.skill, unmet.able) == ("driving", "drive", 0)
    assert unmet.dates == (MONDAY, MONDAY.replace(day=MONDAY.day + 1))
    assert unmet.why["en"] == "cannot drive ×2 (Person s1, Person s2)"
    # Nobody can take the errand, but everyone has the gate: nobody is unusable.
    assert warnings.people == ()
    # Where everyone can fill a post and every demand can be met, nothing is said.
    assert warning_lines(PlanIndex(tiny_plan()), all_rules(), "en") == []


def test_a_night_cap_of_zero_leaves_the_nights_unmet_whatever_the_profiles_allow() -> None:
    """``max_nights_per_week = 0`` for everyone (a profile allowing one changes nothing):
    nobody can take the critical night, by the weekly nights rule."""
    warnings = _warnings(
        staff=tuple(Staff(id=f"s{i}", name=f"P{i}", profiles=("one",)) for i in (1, 2)),
        rules=Limits(max_nights_per_week=0),
        profiles={"one": Limits(max_nights_per_week=1)},
        compounds=compounds("A"),
    )
    (unmet,) = warnings.demands
    assert (unmet.demand.shift, unmet.able) == ("N", 0)
    assert unmet.why["en"] == "Maximum nights per week ×2 (P1, P2)"


def test_the_example_warns_about_the_person_nobody_can_use() -> None:
    """The issue's case: 宋佳琪 in the example (no duty leader, home by 18:00, no nights) is
    the only person warned about, with those reasons; every critical demand can be met."""
    warnings = plan_warnings(PlanIndex(load_plan(EXAMPLE)), all_rules())
    assert _ruled_out(warnings, "zh") == {
        "宋佳琪": {
            "上午班 at gates": {"不会带班，而该岗位每个名额都需要"},
            "上午班 at survey": {"不会走访"},
            "下午班 at gates": {"须在18:00前下班"},
            "下午班 at shopping": {"须在18:00前下班"},
            "夜班 at gates": {"不上夜班", "须在18:00前下班"},
        }
    }
    assert warnings.demands == ()


def test_validate_prints_the_warnings_in_both_languages(tmp_path: Path) -> None:
    """The small plan with Eve, who must be home by 12:00 and takes no nights, and a
    critical day survey only she could do: ``roster validate`` says both, in either
    language, and still exits 0 (a warning is no problem in the plan). (A demand whose
    skill nobody has at all is already a problem in the plan: exit 2.)"""
    folder = write_plan(
        tmp_path / "plan",
        {
            **edited(
                "plan.toml",
                "[profiles.pregnant]",
                '[profiles.home_early]\nlatest_end = "12:00"\n\n[profiles.pregnant]',
            ),
            **appended("staff.csv", "a5,Eve,cadre,survey,home_early,,,,yes"),
            **appended("demand.csv", "survey,D,*,1,,survey,critical"),
        },
    )
    english = CliRunner().invoke(app, ["validate", str(folder), "--lang", "en"])
    assert english.exit_code == 0, english.output
    lines = english.stdout.splitlines()
    assert lines[lines.index("Before solving, note:") :] == [
        "Before solving, note:",
        "  Eve can fill no post:",
        "    day (gates), day (survey): home by 12:00",
        "    night (gates): no nights, home by 12:00",
        "    day (shopping): home by 12:00, cannot shop",
        "  Critical demand survey · day, skill survey, 1 needed: at most 0 could ever take it "
        "on every day. Kept away: cannot survey ×4 (Ann, Bob, Cat…); home by 12:00 ×1 (Eve)",
        "No problems found.",
    ]
    chinese = CliRunner().invoke(app, ["validate", str(folder), "--lang", "zh"])
    assert chinese.exit_code == 0, chinese.output
    lines = chinese.stdout.splitlines()
    assert lines[lines.index("求解前请注意：") :] == [
        "求解前请注意：",
        "  Eve 无法承担任何岗位：",
        "    day（门岗）、day（走访）：须在12:00前下班",
        "    night（门岗）：不上夜班、须在12:00前下班",
        "    day（采买）：须在12:00前下班、不会采买",
        "  关键需求 走访 · day，技能 走访，需要1人：每天最多只有0人能承担。"
        "其他人：不会走访 ×4 (Ann, Bob, Cat…)；须在12:00前下班 ×1 (Eve)",
        "未发现问题。",
    ]


def test_the_solve_summary_repeats_the_warnings(tmp_path: Path) -> None:
    """Eve (home by 12:00, no nights) can fill no post: ``roster solve`` says so in its
    summary too, under a heading that fits after solving, in either language."""
    folder = write_plan(
        tmp_path / "plan",
        {
            **edited(
                "plan.toml",
                "[profiles.pregnant]",
                '[profiles.home_early]\nlatest_end = "12:00"\n\n[profiles.pregnant]',
            ),
            **appended("staff.csv", "a5,Eve,cadre,,home_early,,,,"),
        },
    )
    for lang, heading, person in (
        ("en", "Note, whatever the roster (the plan itself):", "  Eve can fill no post:"),
        ("zh", "请注意（由计划本身决定，与排班无关）：", "  Eve 无法承担任何岗位："),
    ):
        args = ["solve", str(folder), "--out", str(tmp_path / lang), "--lang", lang]
        result = CliRunner().invoke(app, [*args, "--time-limit", "3", "--seed", "1"])
        assert result.exit_code in (0, 1), result.output
        lines = result.stdout.splitlines()
        assert lines[lines.index(heading) + 1] == person
